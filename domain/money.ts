import BigNumber from 'bignumber.js';

/**
 * Amounts are decimal currency units held as numbers at the edges (JSON, SQL numeric as text); every
 * computation on them is exact decimal arithmetic (bignumber.js), rounded to cents half up once, at
 * the end. A number read from a decimal string converts exactly (`0.1` is 0.1, not 0.1000000000000000055).
 */
const Decimal = BigNumber.clone({ ROUNDING_MODE: BigNumber.ROUND_HALF_UP, DECIMAL_PLACES: 20 });
export type Exact = BigNumber;

export const exact = (amount: number | Exact): Exact => new Decimal(amount);

export const roundCents = (amount: number | Exact): number => exact(amount).decimalPlaces(2).toNumber();

export const lineTotal = (unitPrice: number, qty: number): number => roundCents(exact(unitPrice).times(qty));

/** The exact sum, in cents. */
export const sumMoney = (amounts: readonly (number | Exact)[]): number => roundCents(amounts.reduce<Exact>((sum, a) => sum.plus(a), exact(0)));

export function formatMoney(amount: number, currency: string): string {
  const symbol = currency === 'CNY' ? '¥' : currency === 'USD' ? '$' : `${currency} `;
  return `${symbol}${amount.toFixed(2)}`;
}
