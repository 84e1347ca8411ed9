import { DateTime } from 'luxon';
import { sumMoney } from './money';

/**
 * Promotions (促销, issue 21): SKUs on promotion in some stores (named, or every store of a region)
 * over some days, with promoters assigned. A sell-out line belongs to a promotion when its day, store
 * and SKU are the promotion's. Its effect is measured twice: against the same stores over the equal
 * period just before it, and against the stores without it over both periods (uplift: the promotion's
 * growth less theirs).
 */
export interface Promotion {
  code: string;
  name: string;
  /** first and last day, inclusive */
  from: string;
  to: string;
  skus: string[];
  /** the stores it runs in: those named and those of its regions */
  stores: string[];
  promoters: string[];
}

/** Units and value of some sell-out, per store. */
export interface StoreSales {
  store: string;
  region: string | null;
  units: number;
  value: number;
}

export interface PromotionStore {
  byCode(code: string): Promise<Promotion | null>;
  /** The codes of the promotions whose days meet [from, to], by start. */
  overlapping(from: string, to: string): Promise<string[]>;
  /** Promotions running on `day` in any of these stores. */
  runningAt(stores: readonly string[], day: string): Promise<Promotion[]>;
  /** Sell-out of these SKUs on days [from, to], per store: in these stores, or (`except`) in every other store. */
  sales(skus: readonly string[], stores: { in: readonly string[] } | { except: readonly string[] }, from: string, to: string): Promise<StoreSales[]>;
}

export interface Figures {
  during: { units: number; value: number };
  before: { units: number; value: number };
  /** during ÷ before − 1 in units; null when nothing sold before */
  growth: number | null;
}

export interface PromotionReport {
  promotion: Promotion & { days: number; beforeFrom: string; beforeTo: string };
  total: Figures;
  stores: (Figures & { store: string; region: string | null })[];
  regions: (Figures & { region: string | null })[];
  /** the stores without it, over the same two periods */
  control: Figures & { stores: number };
  /** the promotion's growth less the control stores' (0.25: 25 points); null when either has no before */
  uplift: number | null;
  /** what the assigned promoters earned over the promotion's days (base pro rata, allowances, commission) */
  promoterCost: number;
  currency: string;
}

/** The equal period just before a promotion: as many days, ending the day before it starts. */
export function periodBefore(promotion: Pick<Promotion, 'from' | 'to'>): { from: string; to: string; days: number } {
  const from = DateTime.fromISO(promotion.from);
  const days = DateTime.fromISO(promotion.to).diff(from, 'days').days + 1;
  return { from: from.minus({ days }).toISODate()!, to: from.minus({ days: 1 }).toISODate()!, days };
}

const total = (rows: readonly StoreSales[]) => ({ units: rows.reduce((n, r) => n + r.units, 0), value: sumMoney(rows.map((r) => r.value)) });
const growthOf = (during: { units: number }, before: { units: number }) =>
  before.units === 0 ? null : Math.round((during.units / before.units - 1) * 10_000) / 10_000;
const figures = (during: readonly StoreSales[], before: readonly StoreSales[]): Figures => {
  const [d, b] = [total(during), total(before)];
  return { during: d, before: b, growth: growthOf(d, b) };
};

/** The report's figures from the sales of the two periods, in the promotion's stores and in the others. */
export function measure(
  promotion: Promotion,
  sales: { during: StoreSales[]; before: StoreSales[]; controlDuring: StoreSales[]; controlBefore: StoreSales[] },
  promoterCost: number,
  currency: string,
): PromotionReport {
  const before = periodBefore(promotion);
  const regionOf = new Map([...sales.during, ...sales.before].map((s) => [s.store, s.region]));
  const stores = promotion.stores.map((store) => ({
    store,
    region: regionOf.get(store) ?? null,
    ...figures(
      sales.during.filter((s) => s.store === store),
      sales.before.filter((s) => s.store === store),
    ),
  }));
  const regions = [...new Set(stores.map((s) => s.region))].map((region) => ({
    region,
    ...figures(
      sales.during.filter((s) => s.region === region),
      sales.before.filter((s) => s.region === region),
    ),
  }));
  const all = figures(sales.during, sales.before);
  const control = figures(sales.controlDuring, sales.controlBefore);
  const controlStores = new Set([...sales.controlDuring, ...sales.controlBefore].map((s) => s.store)).size;
  return {
    promotion: { ...promotion, days: before.days, beforeFrom: before.from, beforeTo: before.to },
    total: all,
    stores,
    regions,
    control: { ...control, stores: controlStores },
    uplift: all.growth === null || control.growth === null ? null : Math.round((all.growth - control.growth) * 10_000) / 10_000,
    promoterCost,
    currency,
  };
}
