import type { Router } from 'express';
import { z } from 'zod';
import { payStatement, type PayStatement } from '../domain/pay';
import { HttpError, parse, route } from './http';
import type { Runtime } from './runtime';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const sellOutQuery = z.object({ from: day, to: day, groupBy: z.enum(['store', 'sku', 'region']).default('store') });
const acceptRequest = z.object({ by: z.string().min(1).optional() }).default({});
const listQuery = z.object({ from: day, to: day, flagged: z.enum(['true', 'false']).optional() });

/** The planners' and payroll's routes for promoters: sell-out reports, their review, and incentive statements. */
export function promoterRoutes(router: Router, runtime: Runtime): void {
  const { sql, config } = runtime;

  /** Sold units and value in [from, to] (days, inclusive), by store, SKU or the store's dealer's region. */
  router.get('/reports/sell-out', route(async (req, res) => {
    const query = parse(sellOutQuery, req.query);
    const key = { store: 'r.store', sku: 'l.sku', region: "coalesce(d.region, 'none')" }[query.groupBy];
    const rows = await sql.query<{ key: string; units: number; value: number; reports: number; flagged: number }>(
      `select ${key} as key, sum(l.qty)::int as units, sum(l.qty * l.unit_price)::float8 as value, count(distinct r.id)::int as reports,
              count(distinct r.id) filter (where r.flags <> '[]'::jsonb and r.accepted_at is null)::int as flagged
         from sell_out_reports r join sell_out_lines l on l.report = r.id
         join stores s on s.code = r.store left join dealers d on d.code = s.dealer
        where r.replaced_at is null and r.day between $1::date and $2::date
        group by 1 order by 1`,
      [query.from, query.to],
    );
    res.json({ from: query.from, to: query.to, groupBy: query.groupBy, rows: rows.map((row) => ({ [query.groupBy]: row.key, units: row.units, value: row.value, reports: row.reports, flaggedUnaccepted: row.flagged })) });
  }));

  /** The current reports of [from, to] with their lines and flags: what a supervisor reviews (`flagged=true`: those awaiting acceptance). */
  router.get('/sell-out', route(async (req, res) => {
    const query = parse(listQuery, req.query);
    const reports = await sql.query(
      `select r.id::text, r.person, r.store, to_char(r.day, 'YYYY-MM-DD') as day, r.submitted_at as "submittedAt", r.flags,
              r.accepted_at as "acceptedAt", r.accepted_by as "acceptedBy",
              (select json_agg(json_build_object('sku', l.sku, 'qty', l.qty, 'unitPrice', l.unit_price::float8) order by l.sku) from sell_out_lines l where l.report = r.id) as lines
         from sell_out_reports r
        where r.replaced_at is null and r.day between $1::date and $2::date
          and ($3::boolean is null or ($3 = (r.flags <> '[]'::jsonb and r.accepted_at is null)))
        order by r.day, r.store`,
      [query.from, query.to, query.flagged === undefined ? null : query.flagged === 'true'],
    );
    res.json({ reports });
  }));

  /** Check-ins of [from, to] (local days of opening, in the default zone), with distance and flag: far-away ones for the supervisor. */
  router.get('/reports/attendance', route(async (req, res) => {
    const query = parse(listQuery, req.query);
    const checkIns = await sql.query(
      `select c.id::text, c.person, c.store, c.opened_at as "openedAt", c.closed_at as "closedAt", c.close_reason as "closeReason",
              c.distance_m as "distanceM", c.flagged
         from checkins c
        where (c.opened_at at time zone $4)::date between $1::date and $2::date and ($3::boolean is null or c.flagged = $3)
        order by c.opened_at`,
      [query.from, query.to, query.flagged === undefined ? null : query.flagged === 'true', config.defaultTimezone],
    );
    res.json({ checkIns });
  }));

  /** A flagged report counts toward commission once a supervisor accepts it. */
  router.post('/sell-out/:id/accept', route(async (req, res) => {
    const { by } = parse(acceptRequest, req.body ?? {});
    const id = String(req.params.id);
    if (!/^\d{1,18}$/.test(id)) throw new HttpError(404, 'NOT_FOUND', `no sell-out report ${id}`);
    const [report] = await sql.query<{ replaced_at: Date | null; accepted_at: Date | null }>('select replaced_at, accepted_at from sell_out_reports where id = $1', [id]);
    if (!report) throw new HttpError(404, 'NOT_FOUND', `no sell-out report ${id}`);
    if (report.replaced_at) throw new HttpError(409, 'REPLACED', `report ${id} was replaced by a later report of the same day`);
    if (by && (await sql.query('select 1 from people where id = $1', [by])).length === 0) throw new HttpError(400, 'BAD_REQUEST', `no person ${by}`);
    const [accepted] = await sql.query<{ accepted_at: Date }>(
      'update sell_out_reports set accepted_at = coalesce(accepted_at, $2), accepted_by = coalesce(accepted_by, $3) where id = $1 returning accepted_at',
      [id, runtime.clock.now(), by ?? null],
    );
    res.json({ id, acceptedAt: accepted!.accepted_at });
  }));

  /** Every statement of a month, for payroll: JSON, or CSV with `Accept: text/csv`. */
  router.get('/incentives', route(async (req, res) => {
    const query = parse(z.object({ month }), req.query);
    const statements: (PayStatement & { person: string; name: string })[] = [];
    for (const person of await runtime.store.incentives.onPlans(query.month)) {
      const result = await payStatement(runtime.store, person, query.month, runtime.clock.now(), person.timezone ?? config.defaultTimezone);
      if (result.ok) statements.push({ person: person.id, name: person.name, ...result.value });
      else if (result.error.code === 'DATE.FUTURE') throw new HttpError(400, 'BAD_REQUEST', `${query.month} has not begun`);
    }
    if (req.accepts(['json', 'text/csv']) === 'text/csv') {
      const columns = ['person', 'name', 'month', 'through', 'currency', 'base', 'daysAttended', 'storeVisits', 'allowances', 'commission', 'total'] as const;
      const cell = (value: unknown) => (value === null || value === undefined ? '' : /[",\n]/.test(String(value)) ? `"${String(value).replace(/"/g, '""')}"` : String(value));
      res.type('text/csv').send([columns.join(','), ...statements.map((s) => columns.map((c) => cell(s[c])).join(','))].join('\n') + '\n');
      return;
    }
    res.json({ month: query.month, statements });
  }));
}
