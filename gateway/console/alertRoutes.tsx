import { Router, type Request, type Response } from 'express';
import { ack } from '../../commands/ack';
import type { AnyCommand } from '../../commands/command';
import { actAs, desk } from '../../commands/deskActions';
import { errorText } from '../../commands/errors/texts';
import { mayAcknowledge } from '../../domain/alerts';
import { mayDo } from '../../domain/operators';
import { recordWrite } from '../operatorApi';
import { commandOptions } from '../runtime';
import { AlertsPage } from './alertPages';
import type { Kit } from './kit';
import type { SignedIn } from './layout';
import { words } from './words';

const alertId = /^\d{1,18}$/;

/**
 * Alerts: the open ones with their escalation trail; acknowledge (the linked person's ACK, as by
 * SMS) and resolve, for the owner and the managers above them.
 */
export function alertRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;

  const alertsPage = async (req: Request, res: Response, actor: SignedIn, notice: { error: boolean; text: string } | null, status = 200) =>
    page(
      res,
      <AlertsPage
        language={languageOf(req)}
        actor={actor}
        alerts={await runtime.reads.openAlerts()}
        mayAct={mayDo(actor.role, 'act')}
        zone={runtime.config.defaultTimezone}
        notice={notice}
      />,
      status,
    );

  router.get(
    '/alerts',
    kit.pageFor((req, res, actor) => alertsPage(req, res, actor, null)),
  );

  /** The alert and the linked person who acts on it, or the page saying why not. */
  const actingOn = async (req: Request, res: Response, actor: SignedIn) => {
    const id = String(req.params.id);
    const t = words[languageOf(req)];
    if (!alertId.test(id)) return void res.redirect(303, '/console/alerts');
    const person = actor.person ? await runtime.store.people.byId(actor.person) : null;
    if (!person) return void (await alertsPage(req, res, actor, { error: true, text: t.approval.notLinked }, 403));
    return { id, person, t };
  };

  router.post(
    '/alerts/:id/ack',
    kit.formFor(
      'act',
      () => '/console/alerts',
      async (req, res, actor) => {
        const acting = await actingOn(req, res, actor);
        if (!acting) return;
        const { id, person, t } = acting;
        const outcome = await desk(runtime.store, (tx) => actAs(tx, person, ack as AnyCommand, [id], { ...commandOptions(runtime), now: runtime.clock.now() }));
        if (!outcome.ok) return alertsPage(req, res, actor, { error: true, text: errorText(outcome.error, languageOf(req)) }, 409);
        await recordWrite(runtime, req, actor, { subject: `alert ${id}`, after: { acknowledgedBy: person.id } });
        await alertsPage(req, res, actor, { error: false, text: t.alert.acknowledged(id) });
      },
    ),
  );

  router.post(
    '/alerts/:id/resolve',
    kit.formFor(
      'act',
      () => '/console/alerts',
      async (req, res, actor) => {
        const acting = await actingOn(req, res, actor);
        if (!acting) return;
        const { id, person, t } = acting;
        const alert = await runtime.store.alerts.byId(id);
        if (!alert) return alertsPage(req, res, actor, { error: true, text: t.alert.closed(id) }, 409);
        if (!mayAcknowledge(alert, await runtime.store.people.managerChain(alert.owner), person.id))
          return alertsPage(req, res, actor, { error: true, text: t.alert.notYours }, 403);
        if (!(await runtime.store.alerts.resolve(id, runtime.clock.now()))) return alertsPage(req, res, actor, { error: true, text: t.alert.closed(id) }, 409);
        await recordWrite(runtime, req, actor, { subject: `alert ${id}`, after: { resolvedBy: person.id } });
        await alertsPage(req, res, actor, { error: false, text: t.alert.resolved(id) });
      },
    ),
  );
  return router;
}
