import { formatMoney } from '../domain/money';
import type { OrderSummary } from '../domain/orders';
import { openOrdersOf, orderStatus } from '../domain/queries';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { localTime, statusNames } from './words';

type StatusAnswer = { order: OrderSummary } | { open: OrderSummary[] };

/** STATUS [order-no]: one order the sender may see, or their open orders. */
export const status: Command<{ number: string | null }, StatusAnswer> = {
  keyword: 'STATUS',
  aliases: ['订单', '查订单', 'dd'],
  roles: ['dealer', 'manager', 'driver'],
  usage: { en: 'STATUS [order number], e.g. STATUS 1001', zh: '订单 [单号]，如 订单 1001' },
  parse: ([number, ...extra]) => (extra.length === 0 ? ok({ number: number ?? null }) : fail({ code: 'USAGE' })),
  async handle({ store, person }, { number }) {
    if (number === null) return ok({ open: await openOrdersOf(store.orders, person!, 5) });
    const order = await orderStatus(store.orders, person!, number);
    return order.ok ? ok({ order: order.value }) : order;
  },
  render: {
    en: (answer, { timezone }) => {
      const eta = (o: OrderSummary) => (o.status === 'shipped' && o.eta ? `, ETA ${localTime(o.eta, timezone)}` : '');
      if ('open' in answer) {
        if (answer.open.length === 0) return 'You have no open orders.';
        return `Open orders: ${answer.open.map((o) => `${o.number} ${statusNames.en[o.status]}${eta(o)}`).join('; ')}`;
      }
      const o = answer.order;
      return `Order ${o.number}: ${statusNames.en[o.status]}${eta(o)}. ${o.lineCount} line(s), ${formatMoney(o.total, o.currency)}`;
    },
    zh: (answer, { timezone }) => {
      const eta = (o: OrderSummary) => (o.status === 'shipped' && o.eta ? `，预计 ${localTime(o.eta, timezone)} 送达` : '');
      if ('open' in answer) {
        if (answer.open.length === 0) return '您没有未完成的订单。';
        return `未完成订单：${answer.open.map((o) => `${o.number} ${statusNames.zh[o.status]}${eta(o)}`).join('；')}`;
      }
      const o = answer.order;
      return `订单 ${o.number}：${statusNames.zh[o.status]}${eta(o)}。共 ${o.lineCount} 行，${formatMoney(o.total, o.currency)}`;
    },
  },
};
