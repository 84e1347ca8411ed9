import type { IncentivePlan, MonthActivity } from './incentives';
import type { Person } from './people';
import type { CheckIn, Position, StorePlace } from './places';

/** The shop floor's ports (issue 21 took ports.ts past 470 lines): competitors, attendance, sell-out, incentives. */

/** A competitor's brand (竞品) as COMP finds it: by its code, name or any alias; its models. */
export interface CompetitorBrand {
  code: string;
  name: string;
  nameZh: string | null;
  aliases: string[];
  models: string[];
}

/** Competitor brands and sightings (domain/competitors.ts). */
export interface CompetitorStore {
  brands(): Promise<CompetitorBrand[]>;
  /** The model's median price over [since, now) and how many sightings it is of. */
  recentMedian(brand: string, model: string, since: Date): Promise<{ median: number | null; count: number }>;
  record(sighting: {
    brand: string;
    model: string;
    store: string;
    person: string;
    price: number;
    currency: string;
    qty: number | null;
    at: Date;
    median: number | null;
    flagged: boolean;
  }): Promise<void>;
}

/** Promoters' check-ins and supervisors' visits. */
export interface AttendanceStore {
  store(code: string): Promise<StorePlace | null>;
  assignedStores(personId: string): Promise<StorePlace[]>;
  /** The person's open check-in, locked until the transaction ends. */
  openCheckIn(personId: string): Promise<CheckIn | null>;
  open(
    personId: string,
    store: string,
    at: Date,
    where: { position: Position | null; distanceM: number | null; flagged: boolean },
    roster: { shift: { from: Date; to: Date } | null; lateMinutes: number | null; offRoster: boolean },
  ): Promise<void>;
  close(checkInId: string, at: Date, reason: 'out' | 'midnight' | 'shift-end'): Promise<void>;
  recordVisit(personId: string, store: string, at: Date, score: number | null, note: string | null): Promise<void>;
  /** Promoters with a store (and no roster, for check-ins) who, on their own calendar's day at `at`, have not checked in (or not reported sales) yet. */
  promotersWithout(what: 'checkin' | 'sales', at: Date, defaultTimezone: string): Promise<{ person: Person; day: string }[]>;
  /** Stock on a store's shelves per SKU (only those recorded). */
  storeStock(store: string, skus: readonly string[]): Promise<Map<string, number>>;
  /** Closes every check-in still open past its shift's end, or past the midnight that ended its day (store's zone, else the person's); answers how many. */
  closeStale(at: Date, defaultTimezone: string): Promise<number>;
}

/** A sell-out line, valued at the list price of the day it was reported. */
export interface SoldLine {
  sku: string;
  qty: number;
  unitPrice: number;
}

export type OutlierFlag =
  /** above the promoter's average per reported day over the last 30 days, times the policy's multiple */
  | { sku: string; qty: number; reason: 'above-average'; usual: number }
  /** above what the store has on its shelves, as last imported */
  | { sku: string; qty: number; reason: 'above-stock'; stock: number };

/** Sell-out reports: one current per store and day. */
export interface SellOutStore {
  /** The current report of a store's day, locked until the transaction ends. */
  current(store: string, day: string): Promise<{ id: string; lines: { sku: string; qty: number }[] } | null>;
  /** A person's current reports of days in [from, to): how many days, and the units of each SKU. */
  history(personId: string, skus: readonly string[], from: string, to: string): Promise<{ days: number; units: Map<string, number> }>;
  /** Saves a report; `replacing`: the current one it takes the place of. */
  save(report: {
    person: string;
    store: string;
    day: string;
    at: Date;
    lines: readonly SoldLine[];
    flags: readonly OutlierFlag[];
    replacing: string | null;
  }): Promise<string>;
  /** A report by id, locked until the transaction ends. */
  byId(id: string): Promise<{ id: string; replacedAt: Date | null; acceptedAt: Date | null; acceptedBy: string | null; rejectedAt: Date | null } | null>;
  /** Marks a report accepted (kept as it is when it already was). */
  accept(id: string, at: Date, by: string | null): Promise<void>;
  /** Marks a report rejected, with why (kept as it is when it already was). */
  reject(id: string, at: Date, by: string | null, reason: string | null): Promise<void>;
}

/** Incentive plans and what a month's statement counts. */
export interface IncentiveStore {
  /** The plan a person is on in a month: their assignment from that month, else the latest before it. */
  planFor(personId: string, month: string): Promise<IncentivePlan | null>;
  /** Everyone on a plan in a month, with their time zone. */
  onPlans(month: string): Promise<{ id: string; name: string; timezone: string | null }[]>;
  /**
   * A person's activity in [from, to) (instants; days attended counted on `zone`'s calendar): sales
   * of current reports whose day is in [fromDay, toDay), flagged ones only once accepted.
   */
  activity(personId: string, range: { from: Date; to: Date; fromDay: string; toDay: string; zone: string }): Promise<MonthActivity>;
}
