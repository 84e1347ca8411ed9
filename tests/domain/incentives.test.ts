import { checkRule, commission, ruleCommission, statement, type CommissionRule, type IncentivePlan, type SaleForCommission } from '../../domain/incentives';

const sold = (qty: number, unitPrice = 100, sku = 'A100', category: string | null = 'kitchen'): SaleForCommission => ({ sku, category, qty, unitPrice });

describe('commission tiers, at every boundary', () => {
  // 递增: ¥1 a unit for the first 100, ¥2 for units 101–200, ¥3 beyond.
  const increasing: CommissionRule = {
    sku: 'A100',
    kind: 'increasing',
    bands: [
      { from: 0, perUnit: 1 },
      { from: 100, perUnit: 2 },
      { from: 200, perUnit: 3 },
    ],
  };
  test.each([
    [99, 99],
    [100, 100],
    [101, 102],
    [199, 298],
    [200, 300],
    [201, 303],
  ])('increasing: %i units earn ¥%i', (units, expected) => {
    expect(ruleCommission(increasing, [sold(units)]).toNumber()).toBe(expected);
  });

  // 递减: 5 % of value for the first 50 units, 3 % for units 51–100, 1 % beyond; ¥200 a unit.
  const decreasing: CommissionRule = {
    category: 'kitchen',
    kind: 'decreasing',
    bands: [
      { from: 0, rate: 0.05 },
      { from: 50, rate: 0.03 },
      { from: 100, rate: 0.01 },
    ],
  };
  test.each([
    [49, 490],
    [50, 500],
    [51, 506],
    [99, 794],
    [100, 800],
    [101, 802],
  ])('decreasing: %i units at ¥200 earn ¥%i', (units, expected) => {
    expect(ruleCommission(decreasing, [sold(units, 200)]).toNumber()).toBe(expected);
  });

  test('units fill the bands in the order they were sold, each at its own price', () => {
    // 50 at ¥100 ×5 % = 250; 10 at ¥100 ×3 % = 30; 40 at ¥200 ×3 % = 240; 10 at ¥200 ×1 % = 20
    expect(ruleCommission(decreasing, [sold(60, 100), sold(50, 200)]).toNumber()).toBe(540);
  });

  test('fixed: a rate of value, or an amount per unit; a SKU rule before a category rule', () => {
    expect(ruleCommission({ sku: 'A100', kind: 'fixed', rate: 0.02 }, [sold(10, 399)]).toNumber()).toBe(79.8);
    const rules: CommissionRule[] = [
      { sku: 'A100', kind: 'fixed', perUnit: 5 },
      { category: 'kitchen', kind: 'fixed', rate: 0.1 },
    ];
    // A100: 10 × ¥5; B200 (kitchen): 10 % of 3 × ¥129; E500 (no category): nothing
    expect(commission(rules, [sold(10, 399), sold(3, 129, 'B200'), sold(4, 299, 'E500', null)])).toBe(88.7);
  });

  test('tier tables are checked', () => {
    expect(checkRule(increasing)).toBeNull();
    expect(checkRule(decreasing)).toBeNull();
    expect(
      checkRule({
        sku: 'A100',
        kind: 'increasing',
        bands: [
          { from: 0, rate: 0.05 },
          { from: 50, rate: 0.03 },
        ],
      }),
    ).toBe('an increasing rule needs rates that rise band by band');
    expect(
      checkRule({
        sku: 'A100',
        kind: 'decreasing',
        bands: [
          { from: 10, rate: 0.05 },
          { from: 50, rate: 0.03 },
        ],
      }),
    ).toBe('the first band starts at 0');
    expect(checkRule({ sku: 'A100', kind: 'decreasing', bands: [{ from: 0, rate: 0.05 }] })).toBe('a tiered rule needs at least two bands');
    expect(
      checkRule({
        sku: 'A100',
        kind: 'increasing',
        bands: [
          { from: 0, rate: 0.01 },
          { from: 5, perUnit: 2 },
        ],
      }),
    ).toBe('all bands earn a rate, or all an amount per unit');
  });
});

describe('a statement', () => {
  const plan: IncentivePlan = {
    code: 'P1',
    name: 'Promoter standard',
    currency: 'CNY',
    basePay: 3000,
    allowances: { perDayAttended: 50, perStoreVisit: 20 },
    commissions: [{ sku: 'A100', kind: 'fixed', perUnit: 5 }],
  };
  test('base pro rata to date, allowances, commission, total', () => {
    expect(statement(plan, '2026-11', { daysAttended: 12, storeVisits: 0, sales: [sold(30, 399)] }, 23 / 30)).toEqual({
      month: '2026-11',
      currency: 'CNY',
      base: 2300,
      daysAttended: 12,
      storeVisits: 0,
      allowances: 600,
      commission: 150,
      total: 3050,
    });
    expect(statement(plan, '2026-10', { daysAttended: 20, storeVisits: 3, sales: [] }, 1).total).toBe(3000 + 1000 + 60);
  });
});
