import { DateTime } from 'luxon';
import { nearestCodes } from './catalog';
import { lineTotal, sumMoney } from './money';
import type { Person } from './people';
import { promoterStore } from './attendance';
import type { StorePlace } from './places';
import type { OutlierFlag, SoldLine, Store } from './ports';

export type { OutlierFlag, SoldLine };
import { fail, ok, type Result } from './result';

/**
 * Daily sell-out: what a promoter's store sold on a day, validated all or nothing, replacing an
 * earlier report of the same store and day, with outliers accepted but flagged for review.
 */
export interface SellOutPolicy {
  /** a quantity above this multiple of the promoter's own average per reported day (last 30 days) is flagged */
  outlierMultiple: number;
  /** reports may be this many days old at most */
  maxAgeDays: number;
}

export interface Reported {
  store: StorePlace;
  day: string;
  lines: SoldLine[];
  total: number;
  currency: string;
  /** what a replacing report changed, per SKU (0: absent); null for a first report */
  changes: { sku: string; from: number; to: number }[] | null;
  flags: OutlierFlag[];
}

/** Which day a report is for: today unless named; never in the future, at most `maxAgeDays` ago. */
export function checkReportDay(day: string, today: string, maxAgeDays: number): Result<string> {
  if (day > today) return fail({ code: 'DATE.FUTURE', day });
  const age = DateTime.fromISO(today).diff(DateTime.fromISO(day), 'days').days;
  return age > maxAgeDays ? fail({ code: 'DATE.TOO_OLD', day, maxDays: maxAgeDays }) : ok(day);
}

const historyDays = 30;

/** SALES [date] sku qty …: stores the day's report for the promoter's store, all lines or none. */
export async function reportSellOut(
  store: Store,
  person: Person,
  input: { day: string; items: readonly { sku: string; qty: number }[] },
  now: Date,
  policy: SellOutPolicy,
): Promise<Result<Reported>> {
  const place = await promoterStore(store, person);
  if (!place.ok) return place;
  // Every SKU must be known before anything is stored; the same SKU twice counts once, summed.
  const quantities = new Map<string, number>();
  const products = [];
  for (const item of input.items) {
    const product = await store.catalog.product(item.sku);
    if (!product) return fail({ code: 'SKU.UNKNOWN', sku: item.sku, suggestions: nearestCodes(item.sku, await store.catalog.skus()) });
    if (!quantities.has(product.sku)) products.push(product);
    quantities.set(product.sku, (quantities.get(product.sku) ?? 0) + item.qty);
  }
  const lines = products.map((p) => ({ sku: p.sku, qty: quantities.get(p.sku)!, unitPrice: p.listPrice }));
  const from = DateTime.fromISO(input.day).minus({ days: historyDays }).toISODate()!;
  // Usual: units per day the promoter reported (a day without the SKU counts as none sold).
  const history = await store.sellOut.history(
    person.id,
    lines.map((l) => l.sku),
    from,
    input.day,
  );
  const shelves = await store.attendance.storeStock(
    place.value.code,
    lines.map((l) => l.sku),
  );
  const flags: OutlierFlag[] = lines.flatMap((line): OutlierFlag[] => {
    const stock = shelves.get(line.sku);
    if (stock !== undefined && line.qty > stock) return [{ sku: line.sku, qty: line.qty, reason: 'above-stock', stock }];
    const usual = history.days > 0 ? (history.units.get(line.sku) ?? 0) / history.days : 0;
    return usual > 0 && line.qty > policy.outlierMultiple * usual
      ? [{ sku: line.sku, qty: line.qty, reason: 'above-average', usual: Math.round(usual * 10) / 10 }]
      : [];
  });
  const previous = await store.sellOut.current(place.value.code, input.day);
  await store.sellOut.save({ person: person.id, store: place.value.code, day: input.day, at: now, lines, flags, replacing: previous?.id ?? null });
  const changes = previous ? changesBetween(previous.lines, lines) : null;
  return ok({
    store: place.value,
    day: input.day,
    lines,
    total: sumMoney(lines.map((l) => lineTotal(l.unitPrice, l.qty))),
    currency: products[0]?.currency ?? 'CNY',
    changes,
    flags,
  });
}

function changesBetween(before: readonly { sku: string; qty: number }[], after: readonly { sku: string; qty: number }[]) {
  const skus = [...new Set([...before.map((l) => l.sku), ...after.map((l) => l.sku)])];
  const qty = (lines: readonly { sku: string; qty: number }[], sku: string) => lines.find((l) => l.sku === sku)?.qty ?? 0;
  return skus.map((sku) => ({ sku, from: qty(before, sku), to: qty(after, sku) })).filter((c) => c.from !== c.to);
}

/** A flagged report counts toward commission once accepted; accepting it again keeps the first acceptance. */
export async function acceptSellOutReport(store: Store, id: string, by: string | null, now: Date): Promise<Result<{ id: string; acceptedAt: Date }>> {
  const report = await store.sellOut.byId(id);
  if (!report) return fail({ code: 'SELL_OUT.NOT_FOUND', id });
  if (report.replacedAt) return fail({ code: 'SELL_OUT.REPLACED', id });
  if (report.rejectedAt) return fail({ code: 'SELL_OUT.DECIDED', id, decision: 'rejected' });
  if (by && !(await store.people.byId(by))) return fail({ code: 'PERSON.NOT_FOUND', id: by });
  if (!report.acceptedAt) await store.sellOut.accept(id, now, by);
  return ok({ id, acceptedAt: report.acceptedAt ?? now });
}

/** A flagged report rejected: it leaves the review and never counts toward commission; one accepted already stays accepted. */
export async function rejectSellOutReport(store: Store, id: string, by: string | null, reason: string | null, now: Date): Promise<Result<{ id: string }>> {
  const report = await store.sellOut.byId(id);
  if (!report) return fail({ code: 'SELL_OUT.NOT_FOUND', id });
  if (report.replacedAt) return fail({ code: 'SELL_OUT.REPLACED', id });
  if (report.acceptedAt) return fail({ code: 'SELL_OUT.DECIDED', id, decision: 'accepted' });
  if (!report.rejectedAt) await store.sellOut.reject(id, now, by, reason);
  return ok({ id });
}
