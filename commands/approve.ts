import { formatMoney } from '../domain/money';
import { decideOrder, type Decision } from '../domain/ordering';
import { fail, ok } from '../domain/result';
import { decideRebate, isRebateNumber, type RebateDecision } from '../domain/rebates';
import { decideReturn, isReturnNumber, type ReturnDecision } from '../domain/returns';
import type { Command, CommandContext } from './command';
import { isNumberCode } from './lexer';

type Decided = { of: 'order'; decision: Decision } | { of: 'return'; decision: ReturnDecision } | { of: 'rebate'; decision: RebateDecision };

/**
 * APPROVE order-no and REJECT order-no [reason]: the requester's manager (or one above) decides; the
 * dealer is told. A return's number (R…) or a rebate application's (RB…) decides that one the same way.
 */
function decide(approve: boolean): Command<{ number: string; reason: string | null }, Decided> {
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
      if (isRebateNumber(number)) {
        const decided = await decideRebate(context.store, context.person!, number, { approve, reason, at: context.now });
        if (!decided.ok) return decided;
        await tellRebateDealer(context, decided.value);
        return ok({ of: 'rebate' as const, decision: decided.value });
      }
      if (isReturnNumber(number)) {
        const decided = await decideReturn(context.store, context.person!, number, { approve, reason, at: context.now });
        if (!decided.ok) return decided;
        tellReturnRequester(context, decided.value);
        return ok({ of: 'return' as const, decision: decided.value });
      }
      const decision = await decideOrder(context.store, context.person!, number, { approve, reason, at: context.now });
      if (!decision.ok) return decision;
      tellRequester(context, decision.value);
      return ok({ of: 'order' as const, decision: decision.value });
    },
    render: {
      en: (decided) => `${subject[decided.of].en} ${numberOf(decided)} ${decided.decision.status}.${told(decided, (name) => ` ${name} is told.`)}`,
      zh: (decided) =>
        `${subject[decided.of].zh} ${numberOf(decided)} 已${decided.decision.status === 'approved' ? '批准' : '驳回'}。${told(decided, (name) => `已通知 ${name}。`)}`,
    },
  };
}

const subject = { order: { en: 'Order', zh: '订单' }, return: { en: 'Return', zh: '退货' }, rebate: { en: 'Rebate', zh: '返利' } } as const;
const numberOf = (decided: Decided) => (decided.of === 'order' ? decided.decision.order.number : decided.decision.record.number);
const told = ({ decision }: Decided, text: (name: string) => string) => (decision.requester ? text(decision.requester.name) : '');

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

function tellReturnRequester(context: CommandContext, { record, status, reason, requester }: ReturnDecision): void {
  if (!requester) return;
  const by = context.person!.name;
  const value = formatMoney(record.value, record.currency);
  context.notify(
    'order-status',
    requester,
    status === 'approved'
      ? {
          en: `Return ${record.number} (${value}) approved by ${by}: send the goods back; ${value} is credited to your account when they arrive.`,
          zh: `退货 ${record.number}（${value}）已由 ${by} 批准：请将货物退回，收货后 ${value} 将冲减您的应付款。`,
        }
      : {
          en: `Return ${record.number} (${value}) rejected by ${by}${reason ? `: ${reason}` : '.'}`,
          zh: `退货 ${record.number}（${value}）被 ${by} 驳回${reason ? `：${reason}` : '。'}`,
        },
  );
}

/** The dealer's person it was applied for: approved, the credit and the balance after it; rejected, the reason. */
async function tellRebateDealer(context: CommandContext, { record, status, reason, requester }: RebateDecision): Promise<void> {
  if (!requester) return;
  const by = context.person!.name;
  const amount = formatMoney(record.amount, record.currency);
  const subject = {
    en: `Rebate ${record.number} (${record.policyName}, ${record.period}, ${amount})`,
    zh: `返利 ${record.number}（${record.policyName}，${record.period}，${amount}）`,
  };
  if (status === 'rejected')
    return context.notify('order-status', requester, {
      en: `${subject.en} rejected by ${by}${reason ? `: ${reason}` : '.'}`,
      zh: `${subject.zh}被 ${by} 驳回${reason ? `：${reason}` : '。'}`,
    });
  const account = await context.store.ledger.account(record.dealer, context.now.toISOString().slice(0, 10));
  const balance = formatMoney(account?.balance ?? 0, record.currency);
  context.notify('order-status', requester, {
    en: `${subject.en} approved by ${by} and credited to your account; your balance is now ${balance}.`,
    zh: `${subject.zh}已由 ${by} 批准并冲减您的应付款，当前余额 ${balance}。`,
  });
}
