import { formatMoney } from '../domain/money';
import { parseQuantity } from '../domain/quantities';
import { fail, ok } from '../domain/result';
import type { Language } from '../domain/people';
import type { DomainError } from '../domain/result';
import type { Requested } from '../domain/returns';
import { startReturn, type ReturnOutcome } from '../dialogs/returnDialog';
import type { Keyboard } from '../domain/messages';
import type { Command, CommandContext, Rendered } from './command';
import { replies } from './replies';
import { isCode, isNumberCode } from './lexer';
import { approvalButtons } from './orderWords';

/**
 * RETURN order sku qty reason (退货 订单号 产品 数量 原因): a dealer asks to send back goods of one of
 * their delivered orders; the request goes to their manager for approval, with buttons on Telegram.
 * With parts missing (RETURN alone, RETURN 10001), it asks for each in turn (dialogs/returnDialog.ts).
 */
export const returnCommand: Command<{ order?: string; sku?: string; qty?: number; reason?: string }, ReturnOutcome> = {
  keyword: 'RETURN',
  aliases: ['退货'],
  roles: ['dealer'],
  changesData: true,
  usage: { en: 'RETURN order sku qty reason, e.g. RETURN 10001 A100 2 damaged', zh: '退货 订单号 产品 数量 原因，如 退货 10001 A100 2 破损' },
  parse([order, sku, qty, ...reason]) {
    const n = qty === undefined ? undefined : parseQuantity(qty);
    if ((order !== undefined && !isNumberCode(order)) || (sku !== undefined && !isCode(sku)) || n === null) return fail({ code: 'USAGE' });
    return ok({ order, sku: sku?.toUpperCase(), qty: n, reason: reason.length > 0 ? reason.join(' ') : undefined });
  },
  async handle(context, given) {
    const outcome = await startReturn(context.store, context.person!, given, context.returns, context.now);
    if (outcome.ok && outcome.value.kind === 'requested') askForApproval(context, outcome.value.requested);
    return outcome;
  },
  render: { en: (outcome) => returnReply(outcome, 'en'), zh: (outcome) => returnReply(outcome, 'zh') },
};

/** Buttons where the channel has them: each one sends what typing it would. */
const choices = (replies: readonly string[]): Keyboard => ({ kind: 'choices', choices: replies.slice(0, 8).map((reply) => ({ label: reply, reply })) });

/** The dialog's questions (with the refusal of the answer before, if any, and buttons for the choices) and the request's receipt. */
export function returnReply(outcome: ReturnOutcome, language: Language): string | Rendered {
  const text = returnText(outcome, language);
  if (outcome.kind === 'ask-order' && outcome.orders.length > 0) return { text, keyboard: choices(outcome.orders) };
  if (outcome.kind === 'ask-product') return { text, keyboard: choices(outcome.lines.map((l) => l.sku)) };
  return text;
}

function returnText(outcome: ReturnOutcome, language: Language): string {
  const zh = language === 'zh';
  const refused = (refusal: DomainError | null, ask: string) => (refusal ? `${replies[language].error(refusal)} ${ask}` : ask);
  switch (outcome.kind) {
    case 'ask-order': {
      const recent = outcome.orders.join(zh ? '、' : ', ');
      return refused(
        outcome.refusal,
        zh
          ? `退哪个订单的货？请发送订单号${recent ? `（近期送达：${recent}）` : ''}。回复 否 取消。`
          : `Which order are the goods from? Send its number${recent ? ` (delivered lately: ${recent})` : ''}. Reply NO to stop.`,
      );
    }
    case 'ask-product': {
      const lines = outcome.lines.map((l) => (zh ? `${l.sku}（可退 ${l.left}）` : `${l.sku} (${l.left} left)`)).join(zh ? '、' : ', ');
      return refused(outcome.refusal, zh ? `订单 ${outcome.order} 退哪个产品？${lines}。` : `Which product of order ${outcome.order}? ${lines}.`);
    }
    case 'ask-qty':
      // A refused quantity already said how many are left.
      if (outcome.refusal) return refused(outcome.refusal, zh ? '请重发数量。' : 'Send the number again.');
      return zh ? `${outcome.sku} 退几件？最多 ${outcome.left}。` : `How many ${outcome.sku}? At most ${outcome.left}.`;
    case 'ask-reason':
      return zh ? `${outcome.sku} ×${outcome.qty} 退货原因？请简单说明。` : `Why are the ${outcome.qty} ${outcome.sku} going back? A few words.`;
    case 'dropped':
      return zh ? '已取消退货申请。' : 'Return dropped; nothing was asked.';
    case 'requested': {
      const { record, approver } = outcome.requested;
      const value = formatMoney(record.value, record.currency);
      return zh
        ? `退货申请 ${record.number}：订单 ${record.order} 的 ${lines(record.lines)}（${value}），原因：${record.reason}。待 ${approver.name} 审批。`
        : `Return ${record.number} asked: ${lines(record.lines)} of order ${record.order} (${value}), reason: ${record.reason}. It waits for ${approver.name}'s approval.`;
    }
  }
}

const lines = (items: readonly { sku: string; qty: number }[]) => items.map((l) => `${l.sku} ×${l.qty}`).join(', ');

export function askForApproval(context: CommandContext, { record, approver }: Requested): void {
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
