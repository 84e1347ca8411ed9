import { Router, type Request, type Response } from 'express';
import { ack } from '../../commands/ack';
import type { AnyCommand } from '../../commands/command';
import { desk, resolveAlert } from '../../commands/deskActions';
import { errorText } from '../../commands/errors/texts';
import { mayDo } from '../../domain/operators';
import { recordWrite } from '../operatorApi';
import type { Person } from '../../domain/people';
import { linkedPerson, withAuthorityOf } from '../authorityApi';
import type { LiveEvent } from '../../adapters/queue/liveEvents';
import { AlertList, AlertsPage, type AlertListProps } from './alertPages';
import { LiveStatus } from './thread';
import type { Kit, LiveRow } from './kit';
import type { SignedIn } from './layout';
import { words } from './words';

const alertId = /^\d{1,18}$/;

const alertListOf = async ({ runtime, languageOf }: Kit, req: Request, actor: SignedIn): Promise<AlertListProps> => ({
  language: languageOf(req),
  actor,
  alerts: await runtime.reads.openAlerts(),
  mayAct: mayDo(actor.role, 'act'),
  zone: runtime.config.defaultTimezone,
});

/** The alerts' live view: an alert raised, climbing, acknowledged or resolved (by SMS, a job or here) draws the list again. */
export function alertsLive(kit: Kit, req: Request, actor: SignedIn) {
  return async (events: LiveEvent[]): Promise<LiveRow[]> =>
    events.some((e) => e.change.kind === 'alert')
      ? [{ key: 'alert-list', replace: true, html: String(<AlertList {...await alertListOf(kit, req, actor)} />) }]
      : [];
}

/**
 * Alerts: the open ones with their escalation trail; acknowledge (the linked person's ACK, as by
 * SMS) and resolve, for the owner and the managers above them.
 */
export function alertRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;

  const alertsPage = async (req: Request, res: Response, actor: SignedIn, notice: { error: boolean; text: string } | null, status = 200) => {
    const [list, after] = await Promise.all([alertListOf(kit, req, actor), runtime.live.latest()]);
    const live = <LiveStatus language={list.language} source="/console/events?view=alerts" after={after} />;
    page(res, <AlertsPage {...list} notice={notice} live={live} />, status);
  };

  router.get(
    '/alerts',
    kit.pageFor((req, res, actor) => alertsPage(req, res, actor, null)),
  );

  /**
   * The alert actions, each with the linked person's authority and the same refusals as by SMS (no
   * such alert, not yours, closed already): ACK itself, and resolving (commands/deskActions.ts).
   */
  const actions = {
    ack: { act: (person: Person, id: string) => withAuthorityOf(runtime, person, ack as AnyCommand, [id]), done: 'acknowledged', audit: 'acknowledgedBy' },
    resolve: {
      act: (person: Person, id: string) => desk(runtime.store, (tx) => resolveAlert(tx, person, id, runtime.clock.now())),
      done: 'resolved',
      audit: 'resolvedBy',
    },
  } as const;
  for (const [name, action] of Object.entries(actions)) {
    router.post(
      `/alerts/:id/${name}`,
      kit.formFor(
        'act',
        () => '/console/alerts',
        async (req, res, actor) => {
          const id = String(req.params.id);
          const language = languageOf(req);
          const t = words[language];
          if (!alertId.test(id)) return res.redirect(303, '/console/alerts');
          const person = await linkedPerson(runtime, actor.person);
          if (!person) return alertsPage(req, res, actor, { error: true, text: t.approval.notLinked }, 403);
          const outcome = await action.act(person, id);
          if (!outcome.ok) return alertsPage(req, res, actor, { error: true, text: errorText(outcome.error, language) }, 409);
          await recordWrite(runtime, req, actor, { subject: `alert ${id}`, after: { [action.audit]: person.id } });
          await alertsPage(req, res, actor, { error: false, text: t.alert[action.done](id) });
        },
      ),
    );
  }
  return router;
}
