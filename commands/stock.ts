import { stockAnswer, type StockAnswer } from '../domain/queries';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/** STOCK sku [warehouse]: what is available to promise now. */
export const stock: Command<{ sku: string; warehouse?: string }, StockAnswer> = {
  keyword: 'STOCK',
  aliases: ['库存', '查库存', 'kc'],
  roles: ['dealer', 'promoter', 'supervisor', 'manager'],
  usage: { en: 'STOCK sku [warehouse], e.g. STOCK A100', zh: '库存 产品编号 [仓库]，如 库存 A100' },
  parse: ([sku, warehouse, ...extra]) => (sku && extra.length === 0 ? ok({ sku, warehouse }) : fail({ code: 'USAGE' })),
  handle: ({ store, person }, { sku, warehouse }) => stockAnswer(store.catalog, sku, warehouse, person!.role === 'dealer' ? person!.dealer : null),
  render: {
    en: ({ product, total, byWarehouse, allocation }) =>
      `${product.sku} ${product.name}: ${total} ${product.unit} available` +
      (byWarehouse.length > 1 ? ` (${byWarehouse.map((w) => `${w.warehouse} ${w.available}`).join(', ')})` : '') +
      (allocation ? `; your allocation: ${Math.min(allocation.left, total)} of ${allocation.quota} left` : ''),
    zh: ({ product, total, byWarehouse, allocation }) =>
      `${product.sku} ${product.nameZh ?? product.name} 可用 ${total}` +
      (byWarehouse.length > 1 ? `（${byWarehouse.map((w) => `${w.warehouse} ${w.available}`).join('，')}）` : '') +
      (allocation ? `；您的配额剩 ${Math.min(allocation.left, total)}/${allocation.quota}` : ''),
  },
};
