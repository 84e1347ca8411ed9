import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify';
import { DateTime } from 'luxon';
import { errorText } from '../../commands/errors/texts';
import { textCost } from '../../domain/broadcasts';
import { mayDo } from '../../domain/operators';
import type { Role } from '../../domain/people';
import { broadcastRequest, previewAndKeep } from '../broadcastApi';
import { HttpError } from '../http';
import { recordWrite } from '../operatorApi';
import { releaseDue } from '../pipeline';
import { BroadcastPage, BroadcastsPage, SegmentCounter, emptyForm, type BroadcastForm } from './broadcastPages';
import type { Kit } from './kit';
import type { PageNotice, SignedIn } from './layout';
import { words } from './words';

const broadcastId = /^\d{1,18}$/;
const listOf = (text: string) =>
  text
    .split(/[,，\s]+/)
    .map((v) => v.trim())
    .filter(Boolean);

/** Person ids from an uploaded list: the first column of a CSV (comma, tab or semicolon), or one id a line; a header row is skipped. */
function uploadedIds(file: Buffer): string[] {
  const rows: string[][] = parse(file, {
    bom: true,
    delimiter: [',', '\t', ';'],
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    trim: true,
  });
  const ids = rows.map((row) => row[0] ?? '').filter(Boolean);
  if (ids.length > 0 && /^(id|person|person id|people|编号|人员|人员编号)$/i.test(ids[0]!)) ids.shift();
  return ids;
}

/**
 * Broadcasts in the console: compose (each text's segments said while it is typed), preview (the
 * API's own: who, who not and why, segments, cost, when the last has it), confirm once, follow the
 * progress, cancel what has not left.
 */
export function broadcastRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, languageOf, page } = kit;
  const zone = runtime.config.defaultTimezone;

  const listPage = async (req: Request, res: Response, actor: SignedIn, form: BroadcastForm, notice: PageNotice, status = 200) =>
    page(
      res,
      <BroadcastsPage
        language={languageOf(req)}
        actor={actor}
        form={form}
        history={await runtime.broadcasts.recent(50)}
        zone={zone}
        notice={notice}
        mayAct={mayDo(actor.role, 'act')}
      />,
      status,
    );
  const detailPage = async (req: Request, res: Response, actor: SignedIn, id: string, notice: PageNotice, status = 200) => {
    const broadcast = await runtime.broadcasts.byId(id);
    if (!broadcast) return res.redirect(303, '/console/broadcasts');
    page(
      res,
      <BroadcastPage
        language={languageOf(req)}
        actor={actor}
        broadcast={broadcast}
        excluded={broadcast.preview.excluded}
        progress={await runtime.broadcasts.progress(id)}
        results={await runtime.broadcasts.results(id)}
        pricePerSegment={runtime.config.smsPrice.perSegment}
        currency={runtime.config.smsPrice.currency}
        zone={zone}
        mayAct={mayDo(actor.role, 'act')}
        notice={notice}
      />,
      status,
    );
  };

  router.get(
    '/broadcasts',
    kit.pageFor((req, res, actor) => listPage(req, res, actor, emptyForm, null)),
  );

  // Read-only, so a GET (htmx sends the textarea's value): a POST would need the form's CSRF token.
  router.get(
    '/broadcasts/count',
    kit.pageFor(async (req, res) => {
      const field = req.query.field === 'en' ? 'en' : 'zh';
      const text = String(req.query[field] ?? '')
        .trim()
        .slice(0, 2000);
      const cost = text ? textCost(text) : { segments: 0, encoding: '' };
      page(
        res,
        <SegmentCounter id={`count-${field}`} language={languageOf(req)} characters={[...text].length} segments={cost.segments} encoding={cost.encoding} />,
      );
    }),
  );

  router.post(
    '/broadcasts/preview',
    kit.receiveFile('peopleFile', 1, (language) => words[language].broadcast.listTooLarge),
    kit.formFor(
      'act',
      () => '/console/broadcasts',
      async (req, res, actor) => {
        const language = languageOf(req);
        const b = req.body ?? {};
        const form: BroadcastForm = {
          en: String(b.en ?? ''),
          zh: String(b.zh ?? ''),
          roles: ([] as string[]).concat(b.roles ?? []).map(String),
          regions: String(b.regions ?? ''),
          dealers: String(b.dealers ?? ''),
          tiers: String(b.tiers ?? ''),
          stores: String(b.stores ?? ''),
          people: String(b.people ?? ''),
          sendAt: String(b.sendAt ?? ''),
        };
        if (req.file && req.file.size > 0) {
          let uploaded: string[];
          try {
            uploaded = uploadedIds(req.file.buffer);
          } catch (error) {
            return listPage(req, res, actor, form, { error: true, text: words[language].broadcast.listUnread((error as Error).message) }, 400);
          }
          form.people = [...new Set([...listOf(form.people), ...uploaded])].join(', ');
        }
        const sendAt = form.sendAt ? DateTime.fromISO(form.sendAt, { zone }) : null;
        const parsed = broadcastRequest.safeParse({
          texts: { ...(form.en.trim() ? { en: form.en } : {}), ...(form.zh.trim() ? { zh: form.zh } : {}) },
          audience: Object.fromEntries(
            Object.entries({
              roles: form.roles as Role[],
              regions: listOf(form.regions),
              dealers: listOf(form.dealers),
              tiers: listOf(form.tiers),
              stores: listOf(form.stores),
              people: listOf(form.people),
            }).filter(([, values]) => values.length > 0),
          ),
          ...(sendAt?.isValid ? { sendAt: sendAt.toISO() } : {}),
        });
        if (!parsed.success) return listPage(req, res, actor, form, { error: true, text: parsed.error.issues[0]!.message }, 400);
        const kept = await previewAndKeep(runtime, actor, parsed.data).catch((error: unknown) => {
          if (error instanceof HttpError && error.status === 403) return error;
          throw error;
        });
        if (kept instanceof HttpError) return listPage(req, res, actor, form, { error: true, text: words[language].approval.notLinked }, 403);
        if (!kept.ok) return listPage(req, res, actor, form, { error: true, text: errorText(kept.error, language) }, 400);
        await recordWrite(runtime, req, actor, { subject: `broadcast ${kept.value.id}`, after: { recipients: kept.value.preview.recipients.length } });
        res.redirect(303, `/console/broadcasts/${kept.value.id}`);
      },
    ),
  );

  router.get(
    '/broadcasts/:id',
    kit.pageFor(async (req, res, actor) => {
      const id = String(req.params.id);
      if (!broadcastId.test(id)) return res.redirect(303, '/console/broadcasts');
      await detailPage(req, res, actor, id, null);
    }),
  );

  router.get(
    '/broadcasts/:id/progress',
    kit.pageFor(async (req, res) => {
      const id = String(req.params.id);
      if (!broadcastId.test(id)) return void res.status(404).end();
      const progress = await runtime.broadcasts.progress(id);
      page(
        res,
        <p id="progress" hx-get={`/console/broadcasts/${id}/progress`} hx-trigger="every 2s" hx-swap="outerHTML">
          {words[languageOf(req)].broadcast.progress(progress)}
        </p>,
      );
    }),
  );

  /** Its recipients and what became of each, as CSV (UTF-8 with a BOM), a thousand at a time as the socket drains. */
  router.get(
    '/broadcasts/:id/recipients.csv',
    kit.pageFor(async (req, res) => {
      const id = String(req.params.id);
      if (!broadcastId.test(id) || !(await runtime.broadcasts.byId(id))) return void res.status(404).type('text').send('no such broadcast');
      const c = words[languageOf(req)].broadcast.csv;
      res.type('text/csv; charset=utf-8').attachment(`broadcast-${id}.csv`);
      const csv = stringify({ bom: true, header: true, columns: [c.person, c.name, c.channel, c.language, c.status, c.sentAt, c.replied] });
      csv.pipe(res);
      let closed = false;
      res.on('close', () => (closed = true));
      for (let after: string | null = null; !closed;) {
        const rows = await runtime.broadcasts.recipients(id, after, 1000);
        for (const r of rows)
          if (!csv.write([r.person, r.name, r.channel, r.language, r.status, r.sentAt ? new Date(r.sentAt).toISOString() : '', r.replied ? 1 : 0]))
            await once(csv, 'drain');
        if (rows.length < 1000) break;
        after = rows[rows.length - 1]!.person;
      }
      csv.end();
    }),
  );

  for (const action of ['confirm', 'cancel'] as const) {
    router.post(
      `/broadcasts/:id/${action}`,
      kit.formFor(
        'act',
        (req) => `/console/broadcasts/${String(req.params.id)}`,
        async (req, res, actor) => {
          const id = String(req.params.id);
          if (!broadcastId.test(id)) return res.redirect(303, '/console/broadcasts');
          const b = words[languageOf(req)].broadcast;
          const now = runtime.clock.now();
          const outcome = action === 'confirm' ? await runtime.broadcasts.confirm(id, now) : await runtime.broadcasts.cancel(id, now);
          if ('status' in outcome)
            return detailPage(req, res, actor, id, { error: true, text: b.decided(id, b.status[outcome.status] ?? outcome.status) }, 409);
          await recordWrite(runtime, req, actor, {
            subject: `broadcast ${id}`,
            after: { status: action === 'confirm' ? 'confirmed' : 'cancelled', ...outcome },
          });
          if ('planned' in outcome) await releaseDue(runtime);
          await detailPage(req, res, actor, id, {
            error: false,
            text: 'planned' in outcome ? b.confirmed(id, outcome.planned) : b.cancelledNow(id, outcome.cancelled),
          });
        },
      ),
    );
  }
  return router;
}
