import { DateTime } from 'luxon';
import { commission, type CommissionRule, type SaleForCommission } from './incentives';
import type { LedgerStore } from './ledger';
import type { Person } from './people';
import { fail, ok, type Result } from './result';

/**
 * Rebates (返利, 返點): a policy gives a dealer a share of what was delivered to them over a month or
 * a quarter, by SKU or category, fixed or tiered by volume as promoters' commissions are (the same
 * rules: domain/incentives.ts). Delivered value is net of returns approved or received. At the
 * period's close, in the dealer's zone, the accrued rebate becomes an application to the dealer's
 * manager; approved, a rebate entry lowers the dealer's balance (never a silent edit), and the
 * dealer is told. Every policy that covers a dealer counts (a tier's and the dealer's own add up).
 */
export type RebatePeriod = 'month' | 'quarter';

export interface RebatePolicy {
  code: string;
  name: string;
  /** whom it covers: one dealer, or every dealer of a tier */
  dealer: string | null;
  tier: string | null;
  period: RebatePeriod;
  currency: string;
  rules: CommissionRule[];
  /** the first month it counts (YYYY-MM); null: every period */
  from: string | null;
}

export type RebateStatus = 'pending_approval' | 'approved' | 'rejected';

export interface RebateRecord {
  number: string;
  dealer: string;
  policy: string;
  policyName: string;
  /** YYYY-MM or YYYY-Qn */
  period: string;
  amount: number;
  currency: string;
  status: RebateStatus;
  /** the dealer's person it was applied for: whose manager chain decides, who is told */
  person: string | null;
}

/** A dealer's rebates as REBATE (返利) answers: the open periods' accruals, applications waiting, credited this year. */
export interface RebateStanding {
  accruing: { policy: string; name: string; period: string; amount: number; currency: string }[];
  pending: { number: string; period: string; amount: number; currency: string }[];
  credited: number;
}

export interface RebateStore {
  /** The policies covering a dealer (its own and its tier's), by code. */
  policiesOf(dealer: string): Promise<RebatePolicy[]>;
  /** What was delivered to the dealer in [from, to), net of returns approved or received, in the order delivered. */
  deliveredSales(dealer: string, from: Date, to: Date): Promise<SaleForCommission[]>;
  /** The period's application, made once per dealer, policy and period: null when it was made before. */
  apply(application: {
    dealer: string;
    policy: string;
    period: string;
    amount: number;
    currency: string;
    person: string;
    approver: string;
    at: Date;
  }): Promise<RebateRecord | null>;
  /** An application, locked until the transaction ends. */
  byNumber(number: string): Promise<RebateRecord | null>;
  decide(number: string, decision: { status: 'approved' | 'rejected'; by: string; reason: string | null; at: Date }): Promise<void>;
  /** Applications waiting for approval, and the amount approved since `since`. */
  standing(dealer: string, since: Date): Promise<Pick<RebateStanding, 'pending' | 'credited'>>;
}

export const isRebateNumber = (token: string): boolean => /^RB\d+$/i.test(token);

/** The period holding an instant, in a zone: its key (2026-11, 2026-Q4) and bounds. */
export function periodAt(kind: RebatePeriod, at: Date, zone: string): { key: string; from: Date; to: Date } {
  const start = DateTime.fromJSDate(at, { zone }).startOf(kind);
  const key = kind === 'month' ? start.toFormat('yyyy-MM') : `${start.year}-Q${start.quarter}`;
  return { key, from: start.toJSDate(), to: start.plus(kind === 'month' ? { months: 1 } : { quarters: 1 }).toJSDate() };
}

/** The period before the one holding `at`: the last one closed. */
export function closedPeriodAt(kind: RebatePeriod, at: Date, zone: string): { key: string; from: Date; to: Date } {
  return periodAt(
    kind,
    DateTime.fromJSDate(periodAt(kind, at, zone).from)
      .minus({ days: 1 })
      .toJSDate(),
    zone,
  );
}

/** A policy counts for a period that ends after its first month begins. */
const counts = (policy: RebatePolicy, period: { to: Date }, zone: string) =>
  !policy.from || DateTime.fromISO(`${policy.from}-01`, { zone }).toJSDate() < period.to;

/** What a policy's rules give over the sales (first covering rule wins; tiers fill in delivery order), in cents. */
export const accrue = (policy: RebatePolicy, sales: readonly SaleForCommission[]): number => commission(policy.rules, sales);

/**
 * At a period's close: each policy's rebate over the period closed becomes an application to the
 * manager of the dealer's first contact who has one, once per dealer, policy and period. Nothing
 * accrued (or no one to decide) makes none.
 */
export async function closeRebates(
  store: { rebates: RebateStore; people: { byId(id: string): Promise<Person | null> } },
  dealer: { code: string; people: Person[] },
  at: Date,
  zone: string,
): Promise<{ record: RebateRecord; approver: Person }[]> {
  const person = dealer.people.find((p) => p.manager);
  const approver = person?.manager ? await store.people.byId(person.manager) : null;
  if (!person || !approver) return [];
  const made: { record: RebateRecord; approver: Person }[] = [];
  for (const policy of await store.rebates.policiesOf(dealer.code)) {
    const period = closedPeriodAt(policy.period, at, zone);
    if (!counts(policy, period, zone)) continue;
    const amount = accrue(policy, await store.rebates.deliveredSales(dealer.code, period.from, period.to));
    if (amount <= 0) continue;
    const record = await store.rebates.apply({
      dealer: dealer.code,
      policy: policy.code,
      period: period.key,
      amount,
      currency: policy.currency,
      person: person.id,
      approver: approver.id,
      at,
    });
    if (record) made.push({ record, approver });
  }
  return made;
}

/** REBATE: what the open periods have accrued so far, what waits for approval, what was credited this year. */
export async function rebateStanding(store: { rebates: RebateStore }, dealer: string, at: Date, zone: string): Promise<RebateStanding> {
  const accruing: RebateStanding['accruing'] = [];
  for (const policy of await store.rebates.policiesOf(dealer)) {
    const period = periodAt(policy.period, at, zone);
    if (!counts(policy, period, zone)) continue;
    const amount = accrue(policy, await store.rebates.deliveredSales(dealer, period.from, at));
    accruing.push({ policy: policy.code, name: policy.name, period: period.key, amount, currency: policy.currency });
  }
  const year = DateTime.fromJSDate(at, { zone }).startOf('year').toJSDate();
  return { accruing, ...(await store.rebates.standing(dealer, year)) };
}

export interface RebateDecision {
  record: RebateRecord;
  status: 'approved' | 'rejected';
  reason: string | null;
  requester: Person | null;
}

/**
 * APPROVE RB… / REJECT RB… reason: the manager of the dealer's person it was applied for (or one
 * above) decides; approved, a rebate entry (once per application) lowers the dealer's balance.
 */
export async function decideRebate(
  store: {
    rebates: RebateStore;
    ledger: Pick<LedgerStore, 'post'>;
    people: { byId(id: string): Promise<Person | null>; managerChain(id: string): Promise<string[]> };
  },
  approver: Person,
  number: string,
  decision: { approve: boolean; reason: string | null; at: Date },
): Promise<Result<RebateDecision>> {
  const record = await store.rebates.byNumber(number);
  if (!record || record.status !== 'pending_approval') return fail({ code: 'REBATE.NOT_PENDING', number: record?.number ?? number.toUpperCase() });
  const chain = record.person ? await store.people.managerChain(record.person) : [];
  if (!chain.includes(approver.id)) return fail({ code: 'REBATE.NOT_YOUR_APPROVAL', number: record.number });
  const status = decision.approve ? 'approved' : 'rejected';
  await store.rebates.decide(record.number, { status, by: approver.id, reason: decision.reason, at: decision.at });
  if (status === 'approved')
    await store.ledger.post([
      {
        dealer: record.dealer,
        kind: 'rebate',
        amount: -record.amount,
        currency: record.currency,
        reference: record.number,
        note: `rebate ${record.number}: ${record.policyName}, ${record.period}`,
      },
    ]);
  const requester = record.person ? await store.people.byId(record.person) : null;
  return ok({ record: { ...record, status }, status, reason: decision.reason, requester });
}
