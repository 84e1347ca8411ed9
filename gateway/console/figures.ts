import { DateTime } from 'luxon';
import { assignHours, attendanceByPromoter, competitorPrices, dunningOutcomes, namesOf, sellOutByDay } from '../../adapters/db/figureReads';
import { promotionReport } from '../../domain/promotionReport';
import { sentVolume } from '../../adapters/db/messageLog';
import type { Language } from '../../domain/people';
import { payStatement } from '../../domain/pay';
import type { DayRange } from '../../domain/reads';
import type { Runtime } from '../runtime';

export type Cell = string | number | null;
/** A figure as a table: what the page shows and the CSV export writes, the same rows for both. */
export interface FigureTable {
  id: FigureId;
  /** column keys, labelled by the figures' words */
  columns: string[];
  rows: Cell[][];
  /** the month a monthly figure is of (incentives, SMS cost, service KPIs) */
  month?: string;
}

export const figureIds = [
  'sell-out-day',
  'sell-out-store',
  'sell-out-sku',
  'sell-out-region',
  'attendance',
  'incentives',
  'dunning',
  'sms-cost',
  'service-kpi',
  'competitors',
  'promotions',
] as const;
export type FigureId = (typeof figureIds)[number];
export const isFigureId = (id: string): id is FigureId => (figureIds as readonly string[]).includes(id);

/** The range's zone-local bounds as instants, and the month of its last day (what monthly figures show). */
const boundsOf = (range: DayRange, zone: string) => {
  const from = DateTime.fromISO(range.from, { zone });
  const to = DateTime.fromISO(range.to, { zone }).plus({ days: 1 });
  return { from: from.toJSDate(), to: to.toJSDate(), month: range.to.slice(0, 7) };
};
const round2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

type Builder = (runtime: Runtime, range: DayRange, language: Language) => Promise<Omit<FigureTable, 'id'>>;

const sellOutBy =
  (groupBy: 'store' | 'sku' | 'region'): Builder =>
  async (runtime, range, language) => {
    const totals = await runtime.reports.reads.sellOutTotals(range, groupBy);
    const names = groupBy === 'region' ? null : await namesOf(runtime.reports.sql, groupBy, language);
    return {
      columns:
        groupBy === 'region'
          ? ['region', 'units', 'value', 'reports', 'awaitingReview']
          : [groupBy, groupBy === 'sku' ? 'product' : 'storeName', 'units', 'value', 'reports', 'awaitingReview'],
      rows: totals.map((t) => [t.key, ...(names ? [names.get(t.key) ?? ''] : []), t.units, round2(t.value), t.reports, t.flaggedUnaccepted]),
    };
  };

const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

const builders: Record<FigureId, Builder> = {
  competitors: async (runtime, range) => ({
    columns: ['region', 'category', 'brand', 'model', 'sku', 'ourPrice', 'min', 'median', 'max', 'sightings', 'latest'],
    rows: (await competitorPrices(runtime.reports.sql, range, runtime.config.defaultTimezone)).map((c) => [
      c.region,
      c.category,
      c.brand,
      c.model,
      c.sku,
      round2(c.ourPrice),
      c.min,
      round2(c.median),
      c.max,
      c.sightings,
      c.latest,
    ]),
  }),
  promotions: async (runtime, range) => {
    const rows: Cell[][] = [];
    for (const code of await runtime.store.promotions.overlapping(range.from, range.to)) {
      const report = await promotionReport(runtime.store, code, runtime.config.defaultTimezone);
      if (!report.ok) continue;
      const r = report.value;
      rows.push([
        r.promotion.code,
        r.promotion.name,
        r.promotion.from,
        r.promotion.to,
        r.total.during.units,
        r.total.before.units,
        percent(r.total.growth),
        percent(r.control.growth),
        percent(r.uplift),
        r.promoterCost,
      ]);
    }
    return { columns: ['code', 'promotion', 'from', 'to', 'during', 'before', 'growth', 'controlGrowth', 'uplift', 'promoterCost'], rows };
  },
  'sell-out-day': async (runtime, range) => ({
    columns: ['day', 'units', 'value'],
    rows: (await sellOutByDay(runtime.reports.sql, range)).map((d) => [d.day, d.units, round2(d.value)]),
  }),
  'sell-out-store': sellOutBy('store'),
  'sell-out-sku': sellOutBy('sku'),
  'sell-out-region': sellOutBy('region'),
  attendance: async (runtime, range) => ({
    columns: ['person', 'name', 'checkIns', 'days', 'far', 'late', 'offRoster'],
    rows: (await attendanceByPromoter(runtime.reports.sql, range, runtime.config.defaultTimezone)).map((a) => [
      a.person,
      a.name,
      a.checkIns,
      a.days,
      a.flagged,
      a.late,
      a.offRoster,
    ]),
  }),
  incentives: async (runtime, range) => {
    const { month } = boundsOf(range, runtime.config.defaultTimezone);
    const rows: Cell[][] = [];
    for (const person of await runtime.store.incentives.onPlans(month)) {
      const statement = await payStatement(runtime.store, person, month, runtime.clock.now(), person.timezone ?? runtime.config.defaultTimezone);
      if (!statement.ok) continue;
      const s = statement.value;
      rows.push([person.id, person.name, s.through, s.base, s.daysAttended, s.allowances, s.commission, s.total]);
    }
    return { month, columns: ['person', 'name', 'through', 'base', 'daysAttended', 'allowances', 'commission', 'total'], rows };
  },
  dunning: async (runtime, range) => {
    const { from, to } = boundsOf(range, runtime.config.defaultTimezone);
    return {
      columns: ['step', 'invoices', 'paid', 'amount', 'recovered'],
      rows: (await dunningOutcomes(runtime.reports.sql, from, to)).map((d) => [d.step, d.invoices, d.paid, round2(d.amount), round2(d.recovered)]),
    };
  },
  'sms-cost': async (runtime, range) => {
    const { month } = boundsOf(range, runtime.config.defaultTimezone);
    const start = DateTime.fromISO(`${month}-01`, { zone: runtime.config.defaultTimezone });
    const { perSegment } = runtime.config.smsPrice;
    const volume = await sentVolume(runtime.reports.sql, start.toJSDate(), start.plus({ months: 1 }).toJSDate());
    return {
      month,
      columns: ['kind', 'channel', 'messages', 'segments', 'cost'],
      rows: volume.map((v) => [v.kind, v.channel, v.messages, v.segments, v.channel === 'sms' ? Math.round(v.segments * perSegment * 10_000) / 10_000 : 0]),
    };
  },
  'service-kpi': async (runtime, range) => {
    const { month } = boundsOf(range, runtime.config.defaultTimezone);
    const start = DateTime.fromISO(`${month}-01`, { zone: runtime.config.defaultTimezone });
    const [from, to] = [start.toJSDate(), start.plus({ months: 1 }).toJSDate()];
    const [times, assign] = await Promise.all([runtime.reports.reads.serviceTimes(from, to), assignHours(runtime.reports.sql, from, to)]);
    return {
      month,
      columns: ['servicePoint', 'tickets', 'assignH', 'startH', 'startP90', 'resolveH', 'resolveP90'],
      rows: times.map((t) => [
        t.servicePoint,
        t.tickets,
        assign.get(t.servicePoint) ?? null,
        t.responseHours.median,
        t.responseHours.p90,
        t.resolutionHours.median,
        t.resolutionHours.p90,
      ]),
    };
  },
};

export async function figureTable(runtime: Runtime, id: FigureId, range: DayRange, language: Language): Promise<FigureTable> {
  return { id, ...(await builders[id](runtime, range, language)) };
}
