import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import { competitorPrices } from '../adapters/db/figureReads';
import { payStatement, type PayStatement } from '../domain/pay';
import { acceptSellOutReport } from '../domain/sellOut';
import { promotionReport } from '../domain/promotionReport';
import { orRefuse } from './errors';
import { HttpError } from './http';
import { actorOf } from './auth';
import { audited } from './operatorApi';
import type { ApiRoutes } from './openapi';
import type { Runtime } from './runtime';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const sellOutQuery = z.object({ from: day, to: day, groupBy: z.enum(['store', 'sku', 'region']).default('store') });
/** The acceptance names no one: who accepts comes from authentication (a `by` is refused as a field this route does not take). */
const acceptRequest = z.object({}).strict().default({});
const listQuery = z.object({ from: day, to: day, flagged: z.enum(['true', 'false']).optional() });
const competitorColumns = ['region', 'category', 'brand', 'model', 'sku', 'ourPrice', 'min', 'median', 'max', 'sightings', 'latest'];
const flaggedOf = (query: { flagged?: 'true' | 'false' }) => (query.flagged === undefined ? null : query.flagged === 'true');

/** The planners' and payroll's routes for promoters: sell-out reports, their review, and incentive statements. */
export function promoterRoutes(api: ApiRoutes, runtime: Runtime): void {
  const { reads, config } = runtime;

  /** Sold units and value in [from, to] (days, inclusive), by store, SKU or the store's dealer's region. */
  api.get(
    '/reports/sell-out',
    { summary: 'Sold units and value by store, SKU or region', tag: 'sell-out', access: 'read', query: sellOutQuery },
    async (_req, res, { query }) => {
      const rows = await runtime.reports.reads.sellOutTotals(query, query.groupBy);
      res.json({ from: query.from, to: query.to, groupBy: query.groupBy, rows: rows.map(({ key, ...figures }) => ({ [query.groupBy]: key, ...figures })) });
    },
  );

  /** The current reports of [from, to] with their lines and flags: what a supervisor reviews (`flagged=true`: those awaiting acceptance). */
  api.get(
    '/sell-out',
    { summary: 'Current sell-out reports with lines and flags (flagged=true: awaiting acceptance)', tag: 'sell-out', access: 'read', query: listQuery },
    async (_req, res, { query }) => {
      res.json({ reports: await reads.sellOutReports(query, flaggedOf(query)) });
    },
  );

  /** Check-ins of [from, to] (local days of opening, in the default zone), with distance and flag: far-away ones for the supervisor. */
  api.get(
    '/reports/attendance',
    { summary: 'Check-ins with distance and flag', tag: 'attendance', access: 'read', query: listQuery },
    async (_req, res, { query }) => {
      res.json({ checkIns: await reads.checkIns(query, flaggedOf(query), config.defaultTimezone) });
    },
  );

  /** A flagged report counts toward commission once a supervisor accepts it. */
  api.post(
    '/sell-out/:id/accept',
    { summary: 'Accepts a flagged report: it counts toward commission; the acceptor is who signed in', tag: 'sell-out', access: 'act', body: acceptRequest },
    async (req, res) => {
      // Who accepted is who signed in: the person the operator is linked to (none for a token of an unlinked operator).
      const by = actorOf(res).person;
      const accepted = orRefuse(await runtime.store.transaction((tx) => acceptSellOutReport(tx, String(req.params.id), by, runtime.clock.now())));
      audited(res, { subject: `sell-out report ${accepted.id}`, before: { acceptedAt: null }, after: { acceptedAt: accepted.acceptedAt, acceptedBy: by } });
      res.json(accepted);
    },
  );

  /** Competitors' prices seen in [from, to], by region and category, beside ours: JSON, or CSV with `Accept: text/csv`. */
  api.get(
    '/reports/competitors',
    {
      summary: "Competitors' prices by region and category (min, median, max, sightings, latest) beside ours (JSON, or CSV with Accept: text/csv)",
      tag: 'sell-out',
      access: 'read',
      query: z.object({ from: day, to: day }),
    },
    async (req, res, { query }) => {
      const rows = await competitorPrices(runtime.reports.sql, query, config.defaultTimezone);
      if (req.accepts(['json', 'text/csv']) === 'text/csv') {
        res.type('text/csv').send(stringify(rows, { header: true, columns: competitorColumns }));
        return;
      }
      res.json({ from: query.from, to: query.to, rows });
    },
  );

  /** A promotion's effect: its stores' sales against the equal period before and against the stores without it, and its promoters' cost. */
  api.get(
    '/reports/promotions/:code',
    {
      summary: "A promotion's units and value, per store and region, against the period before and the stores without it (uplift), with its promoters' cost",
      tag: 'sell-out',
      access: 'read',
    },
    async (req, res) => {
      res.json(orRefuse(await promotionReport(runtime.store, String(req.params.code), config.defaultTimezone)));
    },
  );

  /** Every statement of a month, for payroll: JSON, or CSV with `Accept: text/csv`. */
  api.get(
    '/incentives',
    { summary: "Every promoter's statement of a month (JSON, or CSV with Accept: text/csv)", tag: 'incentives', access: 'read', query: z.object({ month }) },
    async (req, res, { query }) => {
      const statements: (PayStatement & { person: string; name: string })[] = [];
      for (const person of await runtime.store.incentives.onPlans(query.month)) {
        const result = await payStatement(runtime.store, person, query.month, runtime.clock.now(), person.timezone ?? config.defaultTimezone);
        if (result.ok) statements.push({ person: person.id, name: person.name, ...result.value });
        else if (result.error.code === 'DATE.FUTURE') throw new HttpError(400, 'BAD_REQUEST', `${query.month} has not begun`);
      }
      if (req.accepts(['json', 'text/csv']) === 'text/csv') {
        const columns = ['person', 'name', 'month', 'through', 'currency', 'base', 'daysAttended', 'storeVisits', 'allowances', 'commission', 'total'] as const;
        const cell = (value: unknown) =>
          value === null || value === undefined ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value);
        res.type('text/csv').send([columns.join(','), ...statements.map((s) => columns.map((c) => cell(s[c])).join(','))].join('\n') + '\n');
        return;
      }
      res.json({ month: query.month, statements });
    },
  );
}
