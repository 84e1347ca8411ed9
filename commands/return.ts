import { formatMoney } from '../domain/money';
import { parseQuantity } from '../domain/quantities';
import { fail, ok } from '../domain/result';
import { requestReturn, type Requested } from '../domain/returns';
import type { Command, CommandContext } from './command';
import { isCode, isNumberCode } from './lexer';
import { approvalButtons } from './orderWords';

/**
 * RETURN order sku qty reason (退货 订单号 产品 数量 原因): a dealer asks to send back goods of one of
 * their delivered orders; the request goes to their manager for approval, with buttons on Telegram.
 */
export const returnCommand: Command<{ order: string; sku: string; qty: number; reason: string }, Requested> = {
  keyword: 'RETURN',
  aliases: ['退货'],
  roles: ['dealer'],
  changesData: true,
  // Not in HELP until free text understands it too (issue 20 goes on).
  listed: false,
  usage: { en: 'RETURN order sku qty reason, e.g. RETURN 10001 A100 2 damaged', zh: '退货 订单号 产品 数量 原因，如 退货 10001 A100 2 破损' },
  parse([order, sku, qty, ...reason]) {
    const n = qty === undefined ? null : parseQuantity(qty);
    if (!order || !isNumberCode(order) || !sku || !isCode(sku) || n === null || reason.length === 0) return fail({ code: 'USAGE' });
    return ok({ order, sku: sku.toUpperCase(), qty: n, reason: reason.join(' ') });
  },
  async handle(context, request) {
    const requested = await requestReturn(context.store, context.person!, request, context.returns, context.now);
    if (requested.ok) askForApproval(context, requested.value);
    return requested;
  },
  render: {
    en: ({ record, approver }) =>
      `Return ${record.number} asked: ${lines(record.lines)} of order ${record.order} (${formatMoney(record.value, record.currency)}), reason: ${record.reason}. It waits for ${approver.name}'s approval.`,
    zh: ({ record, approver }) =>
      `退货申请 ${record.number}：订单 ${record.order} 的 ${lines(record.lines)}（${formatMoney(record.value, record.currency)}），原因：${record.reason}。待 ${approver.name} 审批。`,
  },
};

const lines = (items: readonly { sku: string; qty: number }[]) => items.map((l) => `${l.sku} ×${l.qty}`).join(', ');

function askForApproval(context: CommandContext, { record, approver }: Requested): void {
  const requester = context.person!;
  const value = formatMoney(record.value, record.currency);
  context.notify(
    'approval',
    approver,
    {
      en: `Return to approve: ${record.number} from ${requester.name} (${record.dealer}): ${lines(record.lines)} of order ${record.order}, ${value}; reason: ${record.reason}. Reply APPROVE ${record.number} or REJECT ${record.number} reason.`,
      zh: `待审批退货：${record.number}，来自 ${requester.name}（${record.dealer}）：订单 ${record.order} 的 ${lines(record.lines)}，${value}；原因：${record.reason}。回复 批准 ${record.number} 或 驳回 ${record.number} 原因。`,
    },
    { keyboard: { en: approvalButtons(record.number, 'en'), zh: approvalButtons(record.number, 'zh') } },
  );
}
