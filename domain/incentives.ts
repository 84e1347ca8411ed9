import { exact, roundCents, sumMoney, type Exact } from './money';

/**
 * Promoters' incentives: a monthly base, allowances (per day attended, per store visit) and
 * commission rules per SKU or category, of three kinds (the source system's 固定式, 递增式, 递减式):
 * - fixed: a rate of the sales value, or an amount per unit;
 * - increasing / decreasing tiers: the month's units fill bands in the order they were sold, and
 *   the units inside each band earn that band's rate (of their value) or amount per unit; the rates
 *   rise band by band (increasing) or fall (decreasing).
 */
export interface IncentivePlan {
  code: string;
  name: string;
  currency: string;
  basePay: number;
  allowances: { perDayAttended: number; perStoreVisit: number };
  commissions: CommissionRule[];
}

/** What a rule covers: one SKU, or every SKU of a category. */
export type RuleScope = { sku: string } | { category: string };

/** A band's earning: a rate of the value of its units, or an amount per unit. */
export type Earning = { rate: number } | { perUnit: number };

export type CommissionRule = RuleScope & (({ kind: 'fixed' } & Earning) | { kind: 'increasing' | 'decreasing'; bands: ({ from: number } & Earning)[] });

/** One sold line counted toward commission (accepted reports only), in the order it was sold. */
export interface SaleForCommission {
  sku: string;
  category: string | null;
  qty: number;
  unitPrice: number;
}

export interface Statement {
  month: string;
  currency: string;
  base: number;
  daysAttended: number;
  storeVisits: number;
  allowances: number;
  commission: number;
  total: number;
}

const covers = (rule: CommissionRule, sale: SaleForCommission) => ('sku' in rule ? rule.sku === sale.sku : rule.category === sale.category);

const earn = (earning: Earning, units: number, unitPrice: number): Exact =>
  'rate' in earning ? exact(earning.rate).times(units).times(unitPrice) : exact(earning.perUnit).times(units);

/**
 * Commission of one rule over the month's sales. Each sale counts under the first rule that covers
 * it (a SKU rule before a category rule is the importer's order).
 */
export function ruleCommission(rule: CommissionRule, sales: readonly SaleForCommission[]): Exact {
  if (rule.kind === 'fixed') return sales.reduce((sum, s) => sum.plus(earn(rule, s.qty, s.unitPrice)), exact(0));
  const bands = [...rule.bands].sort((a, b) => a.from - b.from);
  let counted = 0;
  let total = exact(0);
  for (const sale of sales) {
    for (let left = sale.qty; left > 0;) {
      // The band the next unit falls in, and how many units fit before the next band starts.
      const index = bands.reduce((found, band, i) => (band.from <= counted ? i : found), -1);
      const next = bands[index + 1]?.from ?? Infinity;
      const units = Math.min(left, next - counted);
      if (index >= 0) total = total.plus(earn(bands[index]!, units, sale.unitPrice));
      counted += units;
      left -= units;
    }
  }
  return total;
}

/** Splits the sales among the rules (first covering rule wins) and adds up every rule's commission. */
export function commission(rules: readonly CommissionRule[], sales: readonly SaleForCommission[]): number {
  const byRule = rules.map(() => [] as SaleForCommission[]);
  for (const sale of sales) {
    const index = rules.findIndex((rule) => covers(rule, sale));
    if (index >= 0) byRule[index]!.push(sale);
  }
  return sumMoney(rules.map((rule, i) => ruleCommission(rule, byRule[i]!)));
}

/**
 * A month's statement. `share`: the part of the month elapsed (1 for a closed month; month to date
 * pays the base pro rata by calendar day).
 */
export function statement(
  plan: IncentivePlan,
  month: string,
  activity: { daysAttended: number; storeVisits: number; sales: readonly SaleForCommission[] },
  share: number,
): Statement {
  const base = roundCents(exact(plan.basePay).times(share));
  const allowances = sumMoney([
    exact(plan.allowances.perDayAttended).times(activity.daysAttended),
    exact(plan.allowances.perStoreVisit).times(activity.storeVisits),
  ]);
  const earned = commission(plan.commissions, activity.sales);
  return {
    month,
    currency: plan.currency,
    base,
    daysAttended: activity.daysAttended,
    storeVisits: activity.storeVisits,
    allowances,
    commission: earned,
    total: sumMoney([base, allowances, earned]),
  };
}

/** A tiered rule's rates must rise (increasing) or fall (decreasing) band by band; bands start at 0. */
export function checkRule(rule: CommissionRule): string | null {
  if (rule.kind === 'fixed') return null;
  const bands = [...rule.bands].sort((a, b) => a.from - b.from);
  if (bands.length < 2) return 'a tiered rule needs at least two bands';
  if (bands[0]!.from !== 0) return 'the first band starts at 0';
  if (new Set(bands.map((b) => b.from)).size !== bands.length) return 'two bands start at the same volume';
  const values = bands.map((b) => ('rate' in b ? b.rate : b.perUnit));
  if (new Set(bands.map((b) => 'rate' in b)).size > 1) return 'all bands earn a rate, or all an amount per unit';
  const rising = values.every((v, i) => i === 0 || v > values[i - 1]!);
  const falling = values.every((v, i) => i === 0 || v < values[i - 1]!);
  if (rule.kind === 'increasing' && !rising) return 'an increasing rule needs rates that rise band by band';
  if (rule.kind === 'decreasing' && !falling) return 'a decreasing rule needs rates that fall band by band';
  return null;
}

/** What a statement counts in a month: days attended, store visits, and the accepted sales in the order sold. */
export interface MonthActivity {
  daysAttended: number;
  storeVisits: number;
  sales: SaleForCommission[];
}
