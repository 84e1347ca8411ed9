import { shelfStockAnswer, stockAnswer, type ShelfAnswer, type StockAnswer } from '../domain/queries';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { isCode } from './lexer';

type Answer = ({ kind: 'network' } & StockAnswer) | ({ kind: 'shelf' } & ShelfAnswer);

/** STOCK sku [warehouse]: what is available to promise now; for a promoter, what their store has on its shelves. */
export const stock: Command<{ sku: string; warehouse?: string }, Answer> = {
  keyword: 'STOCK',
  aliases: ['库存', '查库存', 'kc'],
  roles: ['dealer', 'promoter', 'supervisor', 'manager'],
  usage: { en: 'STOCK sku [warehouse], e.g. STOCK A100', zh: '库存 产品编号 [仓库]，如 库存 A100' },
  parse: ([sku, warehouse, ...extra]) =>
    sku && isCode(sku) && (warehouse === undefined || isCode(warehouse)) && extra.length === 0 ? ok({ sku, warehouse }) : fail({ code: 'USAGE' }),
  async handle({ store, person }, { sku, warehouse }) {
    if (person!.role === 'promoter' && !warehouse) {
      const shelf = await shelfStockAnswer(store, person!, sku);
      return shelf.ok ? ok({ kind: 'shelf' as const, ...shelf.value }) : shelf;
    }
    const answer = await stockAnswer(store.catalog, sku, warehouse, person!.role === 'dealer' ? person!.dealer : null);
    return answer.ok ? ok({ kind: 'network' as const, ...answer.value }) : answer;
  },
  render: {
    en: (answer) => {
      if (answer.kind === 'shelf') {
        const { product, store, onHand } = answer;
        return onHand === null
          ? `${product.sku} ${product.name}: no stock recorded at ${store.code} ${store.name}.`
          : `${product.sku} ${product.name}: ${onHand} ${product.unit} at ${store.code} ${store.name}.`;
      }
      const { product, total, byWarehouse, allocation } = answer;
      return (
        `${product.sku} ${product.name}: ${total} ${product.unit} available` +
        (byWarehouse.length > 1 ? ` (${byWarehouse.map((w) => `${w.warehouse} ${w.available}`).join(', ')})` : '') +
        (allocation ? `; your allocation: ${Math.min(allocation.left, total)} of ${allocation.quota} left` : '')
      );
    },
    zh: (answer) => {
      if (answer.kind === 'shelf') {
        const { product, store, onHand } = answer;
        return onHand === null
          ? `${product.sku} ${product.nameZh ?? product.name}：${store.code} ${store.name} 无库存记录。`
          : `${product.sku} ${product.nameZh ?? product.name}：${store.code} ${store.name} 有 ${onHand}。`;
      }
      const { product, total, byWarehouse, allocation } = answer;
      return (
        `${product.sku} ${product.nameZh ?? product.name} 可用 ${total}` +
        (byWarehouse.length > 1 ? `（${byWarehouse.map((w) => `${w.warehouse} ${w.available}`).join('，')}）` : '') +
        (allocation ? `；您的配额剩 ${Math.min(allocation.left, total)}/${allocation.quota}` : '')
      );
    },
  },
};
