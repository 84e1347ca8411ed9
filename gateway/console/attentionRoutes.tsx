import { Router, type Request, type Response } from 'express';
import { enqueueOutbound } from '../../adapters/queue/queues';
import { mayDo } from '../../domain/operators';
import { recordWrite } from '../operatorApi';
import { AttentionPage } from './attentionPages';
import type { Kit } from './kit';
import type { SignedIn } from './layout';
import { words } from './words';

/** How far back the queue looks. */
const attentionDays = 30;
const itemPattern = /^(in|out):\d{1,18}$/;

/** Needs attention: the queue, and its actions (mark handled, resend; take over is the conversation's). */
export function attentionRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;

  const attentionPage = async (req: Request, res: Response, actor: SignedIn, notice: { error: boolean; text: string } | null, status = 200) =>
    page(
      res,
      <AttentionPage
        language={languageOf(req)}
        actor={actor}
        items={await runtime.attention.items(attentionDays, 200)}
        mayAct={mayDo(actor.role, 'act')}
        zone={runtime.config.defaultTimezone}
        notice={notice}
      />,
      status,
    );

  router.get(
    '/attention',
    kit.pageFor((req, res, actor) => attentionPage(req, res, actor, null)),
  );

  const itemOf = (req: Request) => {
    const item = String(req.body?.item ?? '');
    return itemPattern.test(item) ? item : null;
  };

  router.post(
    '/attention/handled',
    kit.formFor(
      'act',
      () => '/console/attention',
      async (req, res, actor) => {
        const item = itemOf(req);
        if (!item) return res.redirect(303, '/console/attention');
        if (await runtime.attention.mark(item, actor.operator.id, 'handled', runtime.clock.now())) await recordWrite(runtime, req, actor, { subject: item });
        await attentionPage(req, res, actor, { error: false, text: words[languageOf(req)].handled });
      },
    ),
  );

  router.post(
    '/attention/resend',
    kit.formFor(
      'act',
      () => '/console/attention',
      async (req, res, actor) => {
        const item = itemOf(req);
        if (!item?.startsWith('out:')) return res.redirect(303, '/console/attention');
        const outcome = await runtime.attention.resend(item.slice(4), actor.operator.id, runtime.clock.now());
        const t = words[languageOf(req)];
        if ('refused' in outcome) return attentionPage(req, res, actor, { error: true, text: t.resendRefused[outcome.refused] }, 409);
        await Promise.all([
          enqueueOutbound(runtime.queues, [outcome.resent]),
          runtime.live.publish([{ kind: 'out', id: outcome.resent }]),
          recordWrite(runtime, req, actor, { subject: item, after: { resentAs: `out:${outcome.resent}` } }),
        ]);
        await attentionPage(req, res, actor, { error: false, text: t.resent });
      },
    ),
  );
  return router;
}
