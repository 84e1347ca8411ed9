import express, { Router } from 'express';
import { z } from 'zod';
import { DateTime } from 'luxon';
import { listMessages, sentVolume } from '../adapters/db/messageLog';
import { jobs } from '../commands/jobs';
import { isJobName, runJob } from './jobs';
import { desk, receiveReturnAtDesk, moveOrder } from '../commands/deskActions';
import { noticeOrderStatus } from '../commands/orderNotices';
import { channels, chatAddress, chatAddressPattern, type Channel } from '../domain/channels';
import { importDocumentShape, validateImportDocument } from '../domain/import';
import { issueLinkCode } from '../domain/linking';
import { toE164 } from '../domain/phone';
import type { ImportEffects, ImportStore } from '../domain/ports';
import type { CountryCode } from 'libphonenumber-js';
import { HttpError } from './http';
import { ApiRoutes, openApiDocument } from './openapi';
import { authenticate } from './auth';
import { audited, auditWrites, operatorRoutes, sessionRoutes, signInRoute } from './operatorApi';
import { promoterRoutes } from './promoterApi';
import { authorityRoutes } from './authorityApi';
import { vehicleRoutes } from './vehicleApi';
import { ticketRoutes } from './ticketApi';
import { broadcastRoutes } from './broadcastApi';
import { orRefuse } from './errors';
import { deskOptions, type Runtime } from './runtime';
import { simulate } from './simulate';

const simulateRequest = z.object({
  from: z.string().min(1),
  text: z.string().max(1600),
  channel: z.enum(channels).default('sms'),
});

const orderStatusRequest = z.object({
  status: z.enum(['approved', 'shipped', 'delivered', 'cancelled']),
  eta: z.string().datetime({ offset: true }).optional(),
  driver: z.string().min(1).optional(),
  // Where the goods go, in order (issue 6); shipping without stops goes to the dealer's own location, if it has one.
  stops: z
    .array(z.union([z.object({ store: z.string().min(1) }).strict(), z.object({ dealer: z.string().min(1) }).strict()]))
    .min(1)
    .optional(),
});

const jobRunRequest = z.object({ at: z.string().datetime({ offset: true }).optional() }).default({});

const costQuery = z.object({ month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM') });

const messagesQuery = z.object({
  peer: z.string().min(1).optional(),
  status: z
    .enum(['received', 'processed', 'pending', 'sending', 'unknown', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'])
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/** The admin API under /api/v1: every route needs the bearer key. */
export function adminRoutes(runtime: Runtime): Router & { documented: ApiRoutes['documented'] } {
  const router = Router();
  const { sql, config } = runtime;
  const api = new ApiRoutes(router);
  router.use(express.json({ limit: '20mb' }));
  // Public: the API's own description, and signing in.
  router.get('/openapi.json', (_req, res) => void res.json(openApiDocument(api.documented, '/api/v1')));
  signInRoute(api, runtime);
  router.use(authenticate({ operators: runtime.operators, adminApiKey: config.adminApiKey, clock: runtime.clock, sessions: config.sessions }));
  router.use(auditWrites(runtime));
  sessionRoutes(api, runtime);
  operatorRoutes(api, runtime);

  /** The address a person is known by on a channel: E.164 for SMS, `tg:<id>` for Telegram, `wx:<OpenID>` for WeChat. */
  const address = (channel: Channel, raw: string): string => {
    const normalized = channel === 'sms' ? toE164(raw, config.defaultCountry) : chatAddressPattern[channel].test(raw) ? raw : null;
    if (!normalized)
      throw new HttpError(400, 'BAD_ADDRESS', channel === 'sms' ? `not a phone number: ${raw}` : `expected ${chatAddress(channel, '<id>')}, got ${raw}`);
    return normalized;
  };

  api.post(
    '/simulate',
    {
      summary: 'Sends a message as a person, through the real pipeline; answers the replies (5 s at most)',
      tag: 'messages',
      access: 'act',
      body: simulateRequest,
    },
    async (_req, res, { body: input }) => {
      const { replies } = await simulate(runtime, { channel: input.channel, from: address(input.channel, input.from), text: input.text });
      res.json({ replies });
    },
  );

  api.get(
    '/messages',
    { summary: 'Messages in and out, newest first (by peer, by status: failed for dead letters)', tag: 'messages', access: 'read', query: messagesQuery },
    async (_req, res, { query }) => {
      const peer = query.peer ? (/^(tg|wx):/.test(query.peer) ? query.peer : address('sms', query.peer)) : null;
      res.json({ messages: await listMessages(sql, { peer, status: query.status ?? null, limit: query.limit }) });
    },
  );

  api.post(
    '/jobs/:name/run',
    { summary: 'Runs a proactive job as of now or `at`, then releases what is due', tag: 'jobs', access: 'admin', body: jobRunRequest },
    async (req, res, { body: input }) => {
      const name = String(req.params.name);
      if (!isJobName(name)) throw new HttpError(404, 'UNKNOWN_JOB', `no job ${name}; jobs: ${Object.keys(jobs).join(', ')}`);
      const at = input.at ? new Date(input.at) : runtime.clock.now();
      res.json({ job: name, at: at.toISOString(), ...(await runJob(runtime, name, at)) });
    },
  );

  api.get(
    '/reports/sms-cost',
    { summary: 'SMS volume and cost of a month, by kind and channel', tag: 'reports', access: 'read', query: costQuery },
    async (_req, res, { query: { month } }) => {
      const start = DateTime.fromISO(`${month}-01`, { zone: config.defaultTimezone });
      const rows = await sentVolume(runtime.reports.sql, start.toJSDate(), start.plus({ months: 1 }).toJSDate());
      const { perSegment, currency } = config.smsPrice;
      const priced = rows.map((row) => ({ ...row, cost: row.channel === 'sms' ? roundCents4(row.segments * perSegment) : 0 }));
      const total = priced.reduce(
        (sum, row) => ({ messages: sum.messages + row.messages, segments: sum.segments + row.segments, cost: roundCents4(sum.cost + row.cost) }),
        { messages: 0, segments: 0, cost: 0 },
      );
      res.json({ month, timezone: config.defaultTimezone, currency, pricePerSegment: perSegment, rows: priced, total });
    },
  );

  api.post(
    '/people/:id/link-code',
    {
      summary: 'A one-time code that links a Telegram chat or a WeChat user to the person (24 h): /start CODE to the bot, CODE to the account',
      tag: 'people',
      access: 'act',
      status: 201,
    },
    async (req, res) => {
      const personId = String(req.params.id);
      const { code, expiresAt } = orRefuse(await issueLinkCode(runtime.store, personId, runtime.clock.now()));
      audited(res, { subject: `person ${personId}`, after: { linkCodeExpiresAt: expiresAt.toISOString() } });
      res.status(201).json({ code, expiresAt: expiresAt.toISOString(), send: `/start ${code}` });
    },
  );

  api.post(
    '/import',
    {
      summary: 'Upserts an import document (interfaces.md): bad rows are reported by kind, index and field; the good rows land',
      tag: 'import',
      access: 'admin',
      bodyDoc: importDocumentShape,
    },
    async (req, res) => {
      const report = await importDocument(runtime.importer, runtime.config.defaultCountry, req.body, importEffects(runtime));
      audited(res, { after: { counts: report.counts, errors: report.errors.length, balanceDifferences: report.balances.length } });
      res.json({ counts: report.counts, errors: report.errors, balances: report.balances });
    },
  );

  api.post(
    '/orders/:number/status',
    {
      summary: 'Moves an order (approved, shipped with its stops, delivered, cancelled); the dealer is told',
      tag: 'orders',
      access: 'act',
      body: orderStatusRequest,
    },
    async (req, res, { body: input }) => {
      const move = { to: input.status, eta: input.eta ? new Date(input.eta) : undefined, driver: input.driver, stops: input.stops };
      const moved = orRefuse(await desk(runtime.store, (tx) => moveOrder(tx, String(req.params.number), move, deskOptions(runtime))));
      audited(res, {
        subject: `order ${moved.number}`,
        before: { status: moved.from },
        after: { status: moved.to, ...(move.driver ? { driver: move.driver } : {}), ...(move.eta ? { eta: move.eta } : {}) },
      });
      res.json({ number: moved.number, from: moved.from, status: moved.to, notified: moved.notified });
    },
  );
  api.post(
    '/returns/:number/received',
    {
      summary: 'Records an approved return received: stock on hand rises, a credit note lowers the dealer’s balance, and the dealer is told',
      tag: 'orders',
      access: 'act',
    },
    async (req, res) => {
      const received = orRefuse(await desk(runtime.store, (tx) => receiveReturnAtDesk(tx, String(req.params.number), deskOptions(runtime))));
      audited(res, { subject: `return ${received.number}`, before: { status: 'approved' }, after: { status: 'received', credited: received.credited } });
      res.json({ number: received.number, status: 'received', credited: received.credited, balance: received.balance });
    },
  );
  authorityRoutes(api, runtime);
  promoterRoutes(api, runtime);
  vehicleRoutes(api, runtime);
  ticketRoutes(api, runtime);
  broadcastRoutes(api, runtime);
  return Object.assign(router, { documented: api.documented });
}

/** What an import through the API or the console does besides its rows: the dealers are told, as at the desk. */
export const importEffects = (runtime: Runtime): ImportEffects => ({
  orderStatus: (tx, changes) => noticeOrderStatus(tx, changes, deskOptions(runtime)),
  returnReceived: (tx, number) => receiveReturnAtDesk(tx, number, deskOptions(runtime)),
});

/** Validates every row, then upserts the good ones; shared by the route and `npm run import`. */
export async function importDocument(
  importer: ImportStore,
  defaultCountry: CountryCode,
  document: unknown,
  /** the dealers' notices of changed order statuses and returns received; `preview`: a dry run that writes nothing */
  effects?: ImportEffects | 'preview',
) {
  const { valid, errors } = validateImportDocument(document, defaultCountry);
  if (errors.some((e) => e.kind === 'document')) throw new HttpError(400, 'BAD_DOCUMENT', errors[0]!.message);
  const report = effects === 'preview' ? await importer.preview(valid) : await importer.apply(valid, effects);
  return {
    counts: report.counts,
    errors: [...errors, ...report.errors].sort((a, b) => a.kind.localeCompare(b.kind) || (a.index ?? -1) - (b.index ?? -1)),
    balances: report.balances,
  };
}

/** Costs are per-segment prices of a fraction of a cent: kept to four decimals. */
const roundCents4 = (amount: number): number => Math.round(amount * 10_000) / 10_000;
