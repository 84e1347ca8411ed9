import { reportSighting, type Sighting } from '../domain/competitors';
import { formatMoney } from '../domain/money';
import type { Language } from '../domain/people';
import { parseQuantity } from '../domain/quantities';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { isCode } from './lexer';

type Input = { brand: string; model: string; price: number; qty: number | null; store: string | null };

/** `299`, `299.5`, `¥299`, `299元`, `299块`: a price in currency units, more than zero. */
export function parsePrice(token: string): number | null {
  const match = /^[¥￥]?(\d{1,9}(?:\.\d{1,2})?)(?:元|块|rmb|cny)?$/i.exec(token);
  const price = match ? Number(match[1]) : NaN;
  return price > 0 ? price : null;
}

const soldWord = /^(sold|卖了?|卖出|售出?)$/i;
const soldGlued = /^(?:卖了?|卖出|售出?)(.+)$/;

/**
 * COMP brand model price [qty] [store] (竞品 品牌 型号 价格 [数量] [门店]): a competitor's price seen on
 * the shop floor, with how many sold (`sold 2`, `卖了2台`, or a bare quantity) and the store (else
 * where the promoter is checked in, or their only store). Free text naming a known brand, model and
 * price is proposed as COMP (commands/understanding/sighting.ts), not by the intent model.
 */
export const comp: Command<Input, Sighting> = {
  keyword: 'COMP',
  aliases: ['竞品', 'JP'],
  roles: ['promoter', 'supervisor'],
  changesData: true,
  usage: {
    en: 'COMP brand model price [qty] [store], e.g. COMP Midea MB-3 299 sold 2',
    zh: '竞品 品牌 型号 价格 [数量] [门店]，如 竞品 美的 MB-3 299 卖了2台',
  },
  parse([brand, model, priceToken, ...rest]) {
    const price = priceToken === undefined ? null : parsePrice(priceToken);
    if (!brand || !model || price === null) return fail({ code: 'USAGE' });
    let qty: number | null = null;
    let store: string | null = null;
    for (let i = 0; i < rest.length; i++) {
      const token = rest[i]!;
      const glued = soldGlued.exec(token);
      const counted = soldWord.test(token) ? parseQuantity(rest[++i] ?? '') : glued ? parseQuantity(glued[1]!) : parseQuantity(token);
      if (counted !== null && qty === null) qty = counted;
      else if (counted === null && !soldWord.test(token) && !glued && isCode(token) && /[A-Za-z]/.test(token) && store === null) store = token;
      else return fail({ code: 'USAGE' });
    }
    return ok({ brand, model, price, qty, store });
  },
  handle: ({ store, person, now, competitors }, input) => reportSighting(store, person!, input, now, competitors),
  render: { en: (s) => sightingText(s, 'en'), zh: (s) => sightingText(s, 'zh') },
};

function sightingText(s: Sighting, language: Language): string {
  const price = formatMoney(s.price, s.currency);
  const median = s.flaggedAgainst === null ? null : formatMoney(s.flaggedAgainst, s.currency);
  if (language === 'zh') {
    const brand = s.brand.nameZh ?? s.brand.name;
    return (
      `已记录竞品：${brand} ${s.model} ${price}${s.qty ? `，售出 ${s.qty}` : ''}，门店 ${s.store.code}。` +
      (median ? `与近 30 天中位价 ${median} 相差较大，已标记待核实。` : '')
    );
  }
  return (
    `Noted: ${s.brand.name} ${s.model} at ${price}${s.qty ? `, ${s.qty} sold` : ''}, store ${s.store.code}.` +
    (median ? ` Far from its 30-day median ${median}: flagged for review.` : '')
  );
}
