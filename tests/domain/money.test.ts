import fc from 'fast-check';
import { commission, type CommissionRule } from '../../domain/incentives';
import { lineTotal, roundCents, sumMoney } from '../../domain/money';

/**
 * Money is exact (issue 20): amounts are computed in decimal and rounded to cents half up once.
 * Checked against integer arithmetic the test does itself: prices in cents, rates in basis points.
 */
const halfUp = (numerator: bigint, denominator: bigint): bigint => (numerator * 2n + denominator) / (denominator * 2n);

describe('money', () => {
  test('the cases binary floating point gets wrong', () => {
    expect(roundCents(1.005)).toBe(1.01);
    expect(lineTotal(0.1, 3)).toBe(0.3);
    expect(sumMoney([0.1, 0.2])).toBe(0.3);
    expect(lineTotal(19.99, 3)).toBe(59.97);
    expect(sumMoney([1_000_000.01, -0.01, 0.015])).toBe(1_000_000.02);
  });

  test('a line total and a sum of lines equal integer cents arithmetic', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 0, max: 100_000_00 }), qty: fc.integer({ min: 1, max: 10_000 }) }), { maxLength: 20 }),
        (lines) => {
          const expected = lines.reduce((sum, l) => sum + BigInt(l.cents) * BigInt(l.qty), 0n);
          expect(sumMoney(lines.map((l) => lineTotal(l.cents / 100, l.qty)))).toBe(Number(expected) / 100);
        },
      ),
    );
  });

  test('a tiered rebate of rates in basis points equals the integer computation, rounded once', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ cents: fc.integer({ min: 1, max: 500_000 }), qty: fc.integer({ min: 1, max: 40 }) }), { minLength: 1, maxLength: 12 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { minLength: 1, maxLength: 3 }).map((starts) => [0, ...starts.sort((a, b) => a - b)]),
        fc.integer({ min: 1, max: 250 }),
        (sales, starts, step) => {
          // Rates rise by `step` basis points band by band: 0.01 % … as an increasing rule needs.
          const bps = starts.map((_, i) => (i + 1) * step);
          const rule: CommissionRule = { category: 'fridge', kind: 'increasing', bands: starts.map((from, i) => ({ from, rate: bps[i]! / 10_000 })) };
          // By hand, in integers: each unit earns its band's basis points of its price in cents.
          let counted = 0;
          let numerator = 0n; // cents × basis points
          for (const sale of sales)
            for (let u = 0; u < sale.qty; u += 1, counted += 1) {
              const band = starts.reduce((found, from, i) => (from <= counted ? i : found), 0);
              numerator += BigInt(sale.cents) * BigInt(bps[band]!);
            }
          const got = commission(
            [rule],
            sales.map((s) => ({ sku: 'X', category: 'fridge', qty: s.qty, unitPrice: s.cents / 100 })),
          );
          expect(got).toBe(Number(halfUp(numerator, 10_000n)) / 100);
        },
      ),
    );
  });
});
