/** Amounts are decimal currency units held as numbers; every computed amount is rounded to cents. */
export const roundCents = (amount: number): number => Math.round(amount * 100) / 100;

export const lineTotal = (unitPrice: number, qty: number): number => roundCents(unitPrice * qty);

export function formatMoney(amount: number, currency: string): string {
  const symbol = currency === 'CNY' ? '¥' : currency === 'USD' ? '$' : `${currency} `;
  return `${symbol}${amount.toFixed(2)}`;
}
