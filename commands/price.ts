import { formatMoney } from '../domain/money';
import { priceAnswer, type PriceAnswer } from '../domain/queries';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { isCode, parseItems } from './lexer';

/** PRICE sku [qty]: the sender's own price, with qty the line total. */
export const price: Command<{ sku: string; qty: number | null }, PriceAnswer> = {
  keyword: 'PRICE',
  aliases: ['价格', '查价', 'jg'],
  roles: ['dealer', 'manager'],
  usage: { en: 'PRICE sku [qty], e.g. PRICE A100 5', zh: '价格 产品编号 [数量]，如 价格 A100 5' },
  parse(args) {
    const [item, next, ...extra] = parseItems(args);
    if (!item || !isCode(item.sku) || extra.length > 0) return fail({ code: 'USAGE' });
    if (next) return item.qty === null ? fail({ code: 'QTY.INVALID', token: next.sku }) : fail({ code: 'USAGE' });
    return ok({ sku: item.sku, qty: item.qty });
  },
  handle: ({ store, person }, { sku, qty }) => priceAnswer(store.catalog, person!, sku, qty),
  render: {
    en: ({ price: { product, unitPrice, basis }, qty, lineTotal }) => {
      const unit = formatMoney(unitPrice, product.currency);
      const label = basis === 'contract' ? 'your price' : 'list price';
      return qty === null || lineTotal === null
        ? `${product.sku} ${product.name}: ${label} ${unit}`
        : `${product.sku} x${qty}: ${unit} each (${label}), total ${formatMoney(lineTotal, product.currency)}`;
    },
    zh: ({ price: { product, unitPrice, basis }, qty, lineTotal }) => {
      const unit = formatMoney(unitPrice, product.currency);
      const label = basis === 'contract' ? '您的价格' : '标准价';
      return qty === null || lineTotal === null
        ? `${product.sku} ${product.nameZh ?? product.name} ${label} ${unit}`
        : `${product.sku} ×${qty} ${label} ${unit}，合计 ${formatMoney(lineTotal, product.currency)}`;
    },
  },
};
