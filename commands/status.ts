import { formatMoney } from '../domain/money';
import type { OrderSummary } from '../domain/orders';
import type { Language } from '../domain/people';
import { openOrdersOf, orderStatus } from '../domain/queries';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { isNumberCode } from './lexer';
import type { ReturnStatus } from '../domain/returns';
import { localTime, statusNames } from './words';

type OpenReturn = { number: string; status: ReturnStatus; order: string };
type StatusAnswer = { order: OrderSummary } | { open: OrderSummary[]; returns: OpenReturn[] };

/** STATUS [order-no]: one order the sender may see, with its approval and delivery; or their open orders, and a dealer's open returns beside them. */
export const status: Command<{ number: string | null }, StatusAnswer> = {
  keyword: 'STATUS',
  aliases: ['订单', '查订单', 'dd'],
  roles: ['dealer', 'manager', 'driver'],
  usage: { en: 'STATUS [order number], e.g. STATUS 1001', zh: '订单 [单号]，如 订单 1001' },
  parse: ([number, ...extra]) =>
    extra.length === 0 && (number === undefined || isNumberCode(number)) ? ok({ number: number ?? null }) : fail({ code: 'USAGE' }),
  async handle({ store, person }, { number }) {
    if (number === null)
      return ok({ open: await openOrdersOf(store.orders, person!, 5), returns: person!.dealer ? await store.returns.openOf(person!.dealer, 3) : [] });
    const order = await orderStatus(store.orders, person!, number);
    return order.ok ? ok({ order: order.value }) : order;
  },
  render: {
    en: (answer, { timezone }) => {
      if ('open' in answer) {
        const returns =
          answer.returns.length > 0 ? ` Returns: ${answer.returns.map((r) => `${r.number} (order ${r.order}) ${returnWords.en[r.status]}`).join('; ')}.` : '';
        if (answer.open.length === 0) return `You have no open orders.${returns}`;
        return `Open orders: ${answer.open.map((o) => `${o.number} ${statusNames.en[o.status]}${eta(o, 'en', timezone)}`).join('; ')}${returns ? `.${returns}` : ''}`;
      }
      const o = answer.order;
      return `Order ${o.number}: ${statusNames.en[o.status]}${progress(o, 'en', timezone)}. ${o.lineCount} line(s), ${formatMoney(o.total, o.currency)}`;
    },
    zh: (answer, { timezone }) => {
      if ('open' in answer) {
        const returns =
          answer.returns.length > 0 ? `退货：${answer.returns.map((r) => `${r.number}（订单 ${r.order}）${returnWords.zh[r.status]}`).join('；')}。` : '';
        if (answer.open.length === 0) return `您没有未完成的订单。${returns}`;
        return `未完成订单：${answer.open.map((o) => `${o.number} ${statusNames.zh[o.status]}${eta(o, 'zh', timezone)}`).join('；')}${returns ? `。${returns}` : ''}`;
      }
      const o = answer.order;
      return `订单 ${o.number}：${statusNames.zh[o.status]}${progress(o, 'zh', timezone)}。共 ${o.lineCount} 行，${formatMoney(o.total, o.currency)}`;
    },
  },
};

const returnWords: Record<Language, Record<ReturnStatus, string>> = {
  en: { pending_approval: 'waiting for approval', approved: 'approved: send the goods back', rejected: 'rejected', received: 'received' },
  zh: { pending_approval: '待审批', approved: '已批准，请退回货物', rejected: '已驳回', received: '已收货' },
};

const eta = (o: OrderSummary, language: Language, timezone: string) =>
  o.status === 'shipped' && o.eta ? (language === 'en' ? `, ETA ${localTime(o.eta, timezone)}` : `，预计 ${localTime(o.eta, timezone)} 送达`) : '';

/** Where one order stands: who approved or rejected it (and why), whom it waits for, its next stop and ETA, when it was delivered. */
function progress(o: OrderSummary, language: Language, timezone: string): string {
  const en = language === 'en';
  if (o.status === 'pending_approval' && o.awaitingApprover) return en ? ` (${o.awaitingApprover})` : `（${o.awaitingApprover}）`;
  if ((o.status === 'approved' || o.status === 'rejected') && o.decision) {
    const { by, at, reason } = o.decision;
    const why = o.status === 'rejected' && reason ? (en ? `: ${reason}` : `：${reason}`) : '';
    return en ? ` by ${by} ${localTime(at, timezone)}${why}` : `（${by}，${localTime(at, timezone)}${why}）`;
  }
  if (o.status === 'shipped') return (o.nextStop ? (en ? `, next stop ${o.nextStop}` : `，下一站 ${o.nextStop}`) : '') + eta(o, language, timezone);
  if (o.status === 'delivered' && o.deliveredAt) return en ? ` ${localTime(o.deliveredAt, timezone)}` : `（${localTime(o.deliveredAt, timezone)}）`;
  return '';
}
