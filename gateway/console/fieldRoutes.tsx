import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { fieldReview } from '../../adapters/db/boardReads';
import { errorText } from '../../commands/errors/texts';
import { mayDo } from '../../domain/operators';
import type { Store } from '../../domain/ports';
import { acceptSellOutReport, rejectSellOutReport } from '../../domain/sellOut';
import { linkedPerson } from '../authorityApi';
import { recordWrite } from '../operatorApi';
import { FieldPage } from './fieldPages';
import type { Kit } from './kit';
import type { PageNotice, SignedIn } from './layout';
import { words } from './words';

const reportId = /^\d{1,18}$/;
const isoDay = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Field reports: the flagged sell-out reports to accept (they count toward commission) or reject
 * (they never do), recorded in the linked person's name as the API's acceptance is; far check-ins;
 * store visits. A report decided by someone else meanwhile answers which decision stands.
 */
export function fieldRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const zone = runtime.config.defaultTimezone;

  const rangeOf = (req: Request) => {
    const today = DateTime.fromJSDate(runtime.clock.now(), { zone });
    const asked = (name: string, fallback: DateTime) => {
      const value = String(req.query[name] ?? req.body?.[name] ?? '');
      return isoDay.test(value) && DateTime.fromISO(value).isValid ? value : fallback.toISODate()!;
    };
    return { from: asked('from', today.minus({ days: 13 })), to: asked('to', today) };
  };
  const fieldPage = async (req: Request, res: Response, actor: SignedIn, notice: PageNotice, status = 200) => {
    const range = rangeOf(req);
    const review = await fieldReview(runtime.sql, range, zone);
    page(
      res,
      <FieldPage language={languageOf(req)} actor={actor} range={range} review={review} mayAct={mayDo(actor.role, 'act')} zone={zone} notice={notice} />,
      status,
    );
  };

  router.get(
    '/field',
    kit.pageFor((req, res, actor) => fieldPage(req, res, actor, null)),
  );

  const decisions = {
    accept: { act: (tx: Store, id: string, by: string) => acceptSellOutReport(tx, id, by, runtime.clock.now()), done: 'accepted' },
    reject: {
      act: (tx: Store, id: string, by: string, reason: string | null) => rejectSellOutReport(tx, id, by, reason, runtime.clock.now()),
      done: 'rejected',
    },
  } as const;
  for (const [name, decision] of Object.entries(decisions)) {
    router.post(
      `/field/reports/:id/${name}`,
      kit.formFor(
        'act',
        () => '/console/field',
        async (req, res, actor) => {
          const id = String(req.params.id);
          const language = languageOf(req);
          const f = words[language].field;
          if (!reportId.test(id)) return res.redirect(303, '/console/field');
          const person = await linkedPerson(runtime, actor.person);
          if (!person) return fieldPage(req, res, actor, { error: true, text: f.notLinked }, 403);
          const reason =
            String(req.body?.reason ?? '')
              .trim()
              .slice(0, 300) || null;
          const outcome = await runtime.store.transaction((tx) => decision.act(tx, id, person.id, reason));
          if (!outcome.ok) return fieldPage(req, res, actor, { error: true, text: errorText(outcome.error, language) }, 409);
          await recordWrite(runtime, req, actor, {
            subject: `sell-out report ${id}`,
            after: { [decision.done]: person.id, ...(reason && name === 'reject' ? { reason } : {}) },
          });
          await fieldPage(req, res, actor, { error: false, text: f[decision.done](id) });
        },
      ),
    );
  }
  return router;
}
