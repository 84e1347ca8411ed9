import { Router, type Request, type Response } from 'express';
import { DateTime } from 'luxon';
import { enqueueOutbound } from '../../adapters/queue/queues';
import { channels, type Channel } from '../../domain/channels';
import { mayDo } from '../../domain/operators';
import type { OutboxFilter } from '../../domain/reads';
import { recordWrite } from '../operatorApi';
import type { Kit } from './kit';
import type { SignedIn } from './layout';
import { filterFields, OutboxPage, outboxViews, ResendPreviewPage } from './outboxPages';
import { words } from './words';

const shown = 500;
/** A resend by filter takes at most this many at once (the preview lists them all). */
const resendLimit = 1000;
const day = /^\d{4}-\d{2}-\d{2}$/;

/** Outbox: scheduled, failed and cancelled messages by filter; resend failed ones by filter after a preview. */
export function outboxRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const zone = runtime.config.defaultTimezone;

  /** The filter from a query or a form: anything malformed is left out, never an error. */
  const filterOf = (source: Record<string, unknown>, limit: number): OutboxFilter => {
    const text = (name: string) => (typeof source[name] === 'string' ? (source[name] as string).trim().slice(0, 40) : '');
    const date = (name: string, plusDays = 0) =>
      day.test(text(name)) && DateTime.fromISO(text(name), { zone }).isValid
        ? DateTime.fromISO(text(name), { zone }).plus({ days: plusDays }).toJSDate()
        : null;
    const view = outboxViews.find((v) => v === text('view')) ?? 'failed';
    return {
      view,
      kind: /^[a-z-]{1,20}$/.test(text('kind')) ? text('kind') : null,
      channel: channels.includes(text('channel') as Channel) ? (text('channel') as Channel) : null,
      code: view !== 'scheduled' && /^[\w-]{1,30}$/.test(text('code')) ? text('code') : null,
      from: date('from'),
      to: date('to', 1),
      limit,
    };
  };
  const backOf = (filter: OutboxFilter) => `/console/outbox?${new URLSearchParams(filterFields(filter))}`;

  const outboxPage = async (req: Request, res: Response, actor: SignedIn, filter: OutboxFilter, notice: { error: boolean; text: string } | null) =>
    page(
      res,
      <OutboxPage
        language={languageOf(req)}
        actor={actor}
        filter={filter}
        rows={await runtime.reads.outbox(filter)}
        mayAct={mayDo(actor.role, 'act')}
        zone={zone}
        now={runtime.clock.now()}
        notice={notice}
      />,
      notice?.error ? 409 : 200,
    );

  router.get(
    '/outbox',
    kit.pageFor((req, res, actor) => outboxPage(req, res, actor, filterOf(req.query, shown), null)),
  );

  router.post(
    '/outbox/resend-preview',
    kit.formFor(
      'act',
      () => '/console/outbox',
      async (req, res, actor) => {
        const filter = { ...filterOf(req.body ?? {}, resendLimit + 1), view: 'failed' as const };
        const rows = await runtime.reads.outbox(filter);
        if (rows.length > resendLimit)
          return outboxPage(req, res, actor, { ...filter, limit: shown }, { error: true, text: words[languageOf(req)].outboxView.tooMany(resendLimit) });
        page(res, <ResendPreviewPage language={languageOf(req)} actor={actor} rows={rows} back={backOf(filter)} />);
      },
    ),
  );

  router.post(
    '/outbox/resend',
    kit.formFor(
      'act',
      () => '/console/outbox',
      async (req, res, actor) => {
        const ids = String(req.body?.ids ?? '')
          .split(',')
          .filter((id) => /^\d{1,18}$/.test(id))
          .slice(0, resendLimit);
        const now = runtime.clock.now();
        const resent: string[] = [];
        // Each is resent once, whatever happened since the preview: one sent meanwhile, resent before or opted out is refused.
        for (const id of ids) {
          const outcome = await runtime.attention.resend(id, actor.operator.id, now);
          if ('resent' in outcome) resent.push(outcome.resent);
        }
        await Promise.all([
          enqueueOutbound(runtime.queues, resent),
          runtime.live.publish(resent.map((id) => ({ kind: 'out', id }))),
          recordWrite(runtime, req, actor, {
            subject: `outbox resend of ${ids.length}`,
            after: { resent: resent.length, refused: ids.length - resent.length },
          }),
        ]);
        const back = String(req.body?.back ?? '');
        const filter = filterOf(Object.fromEntries(new URLSearchParams(back.startsWith('/console/outbox?') ? back.slice(16) : '')), shown);
        await outboxPage(req, res, actor, filter, {
          error: false,
          text: words[languageOf(req)].outboxView.resentCount(resent.length, ids.length - resent.length),
        });
      },
    ),
  );
  return router;
}
