import type { CompetitorBrand } from '../../domain/competitors';
import { hanDigits } from '../../domain/quantities';
import { parseQuantity } from '../../domain/quantities';

/**
 * A competitor sighting in free text (`美的MB-3今天卖299`, `saw Midea MB-3 at 299, sold 2`): a known
 * brand (code, name or alias), one of its models, and a price, read without the intent model (the
 * brands are the import's, not the classifier's). What it finds is only ever proposed as COMP.
 */
export function readSighting(text: string, brands: readonly CompetitorBrand[]): { brand: string; model: string; price: string; qty: string | null } | null {
  const lower = text.toLowerCase();
  for (const brand of brands) {
    const name = [brand.code, brand.name, brand.nameZh, ...brand.aliases]
      .filter((n): n is string => Boolean(n))
      .sort((a, b) => b.length - a.length)
      .find((n) => (/\p{Script=Han}/u.test(n) ? lower.includes(n) : new RegExp(`(^|[^a-z])${escape(n.toLowerCase())}`).test(lower)));
    if (!name) continue;
    const model = [...brand.models]
      .sort((a, b) => b.length - a.length)
      .find((m) => new RegExp(`(^|[^a-z0-9])${escape(m.toLowerCase())}($|[^a-z0-9])`).test(lower));
    if (!model) continue;
    // The rest, without the brand and the model: a quantity sold (with a measure word, or after `sold`/`卖`), and a price.
    const rest = lower.replace(name.toLowerCase(), ' ').replace(model.toLowerCase(), ' ');
    const sold = new RegExp(
      `(?:sold|卖了?|卖出|售出)\\s*([0-9${hanDigits}]+)\\s*(?:台|个|件|units?|pcs)|([0-9${hanDigits}]+)\\s*(?:台|个|件)|sold\\s*(\\d+)`,
    ).exec(rest);
    const withoutSold = sold ? rest.replace(sold[0], ' ') : rest;
    // A number after a price word or sign, or before 元/块, else the first number standing alone (not a date's).
    const price =
      /(?:卖|售价?|价格?|标价|at|for|[¥￥])\s*(\d{1,9}(?:\.\d{1,2})?)/.exec(withoutSold) ??
      /(\d{1,9}(?:\.\d{1,2})?)\s*(?:元|块|rmb|yuan)/.exec(withoutSold) ??
      /(?<![\d/-])(\d{1,9}(?:\.\d{1,2})?)(?![\d/-])/.exec(withoutSold);
    if (!price) continue;
    const qty = sold ? parseQuantity(sold[1] ?? sold[2] ?? sold[3]!) : null;
    return { brand: brand.nameZh && /\p{Script=Han}/u.test(name) ? brand.nameZh : brand.name, model, price: price[1]!, qty: qty === null ? null : String(qty) };
  }
  return null;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
