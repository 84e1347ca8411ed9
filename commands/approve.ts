import { formatMoney } from '../domain/money';
import { decideOrder, type Decision } from '../domain/ordering';
import { fail, ok } from '../domain/result';
import type { Command, CommandContext } from './command';
import { isNumberCode } from './lexer';

/** APPROVE order-no and REJECT order-no [reason]: the requester's manager (or one above) decides; the dealer is told. */
function decide(approve: boolean): Command<{ number: string; reason: string | null }, Decision> {
  return {
    keyword: approve ? 'APPROVE' : 'REJECT',
    aliases: approve ? ['批准', '同意'] : ['驳回', '拒绝'],
    roles: ['manager'],
    changesData: true,
    usage: approve
      ? { en: 'APPROVE order-no, e.g. APPROVE 10001', zh: '批准 单号，如 批准 10001' }
      : { en: 'REJECT order-no [reason]', zh: '驳回 单号 [原因]' },
    parse([number, ...reason]) {
      if (!number || !isNumberCode(number) || (approve && reason.length > 0)) return fail({ code: 'USAGE' });
      return ok({ number, reason: reason.length > 0 ? reason.join(' ') : null });
    },
    async handle(context, { number, reason }) {
      const decision = await decideOrder(context.store, context.person!, number, { approve, reason, at: context.now });
      if (decision.ok) tellRequester(context, decision.value);
      return decision;
    },
    render: {
      en: ({ order, status, requester }) => `Order ${order.number} ${status}.${requester ? ` ${requester.name} is told.` : ''}`,
      zh: ({ order, status, requester }) =>
        `订单 ${order.number} 已${status === 'approved' ? '批准' : '驳回'}。${requester ? `已通知 ${requester.name}。` : ''}`,
    },
  };
}

export const approve = decide(true);
export const reject = decide(false);

function tellRequester(context: CommandContext, { order, status, reason, requester }: Decision): void {
  if (!requester) return;
  const by = context.person!.name;
  const total = formatMoney(order.total, order.currency);
  context.notify(
    'order-status',
    requester,
    status === 'approved'
      ? { en: `Order ${order.number} (${total}) approved by ${by}; stock reserved.`, zh: `订单 ${order.number}（${total}）已由 ${by} 批准，库存已预留。` }
      : {
          en: `Order ${order.number} (${total}) rejected by ${by}${reason ? `: ${reason}` : '.'}`,
          zh: `订单 ${order.number}（${total}）被 ${by} 驳回${reason ? `：${reason}` : '。'}`,
        },
  );
}
