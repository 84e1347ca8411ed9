import { fail, ok } from '../domain/result';
import { startOrder, type DialogOutcome } from '../dialogs/orderDialog';
import type { Command } from './command';
import { parseItems } from './lexer';
import { draftText } from './orderWords';

/** ORDER sku qty [sku qty …]: drafts the order with the dealer's prices, credit and stock checks, and asks to confirm. */
export const order: Command<{ items: { sku: string; qty: number }[] }, DialogOutcome> = {
  keyword: 'ORDER',
  aliases: ['下单', '订货'],
  roles: ['dealer'],
  changesData: true,
  usage: { en: 'ORDER sku qty [sku qty …], e.g. ORDER A100 5 B200 2', zh: '下单 产品编号 数量 […]，如 下单 A100 5 B200 2' },
  parse(args) {
    const items = parseItems(args);
    if (items.length === 0) return fail({ code: 'USAGE' });
    const missing = items.findIndex((item) => item.qty === null);
    if (missing >= 0) {
      // `A100 0`: the token after the SKU was meant as its quantity; `A100` at the end has none.
      const next = items[missing + 1];
      return next ? fail({ code: 'QTY.INVALID', token: next.sku }) : fail({ code: 'QTY.MISSING', sku: items[missing]!.sku });
    }
    return ok({ items: items.map((item) => ({ sku: item.sku, qty: item.qty! })) });
  },
  handle: ({ store, person, policy, now }, { items }) => startOrder(store, person!, items, policy, now),
  render: {
    en: (outcome) => (outcome.kind === 'awaiting' && outcome.replacing ? `You have an order waiting. Replace it with this one? Reply YES to replace, NO to keep it.\n${draftText(outcome.draft, 'en').split('\n').slice(0, -1).join('\n')}` : outcome.kind === 'awaiting' ? draftText(outcome.draft, 'en') : ''),
    zh: (outcome) => (outcome.kind === 'awaiting' && outcome.replacing ? `您有一笔待确认订单。用这笔替换吗？回复 是 替换，否 保留原单。\n${draftText(outcome.draft, 'zh').split('\n').slice(0, -1).join('\n')}` : outcome.kind === 'awaiting' ? draftText(outcome.draft, 'zh') : ''),
  },
};
