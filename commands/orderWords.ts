import { formatMoney } from '../domain/money';
import type { ApprovalReason, OrderDraft } from '../domain/ordering';
import type { Keyboard } from '../domain/messages';
import type { Language } from '../domain/people';
import { addAnother, type DialogOutcome } from '../dialogs/orderDialog';
import type { Rendered } from './command';
import { replies } from './replies';
import { yesNoButtons } from './buttons';

/** How orders read in a message, in both languages: shared by ORDER, YES, APPROVE and REJECT. */
export function draftText(draft: OrderDraft, language: Language): string {
  const money = (amount: number) => formatMoney(amount, draft.currency);
  const lines = draft.lines.map((l) => `${l.product.sku} ×${l.qty} @${money(l.unitPrice)} = ${money(l.lineTotal)}`);
  if (language === 'zh') {
    const credit = draft.approval ? `需审批：${approvalText(draft.approval, 'zh', draft.currency)}` : `信用额度充足（可用 ${money(draft.headroom)}）`;
    return [`订单：`, ...lines, `合计 ${money(draft.total)}。${credit}。库存充足。`, '回复 是 提交，否 取消。'].join('\n');
  }
  const credit = draft.approval ? `Needs approval: ${approvalText(draft.approval, 'en', draft.currency)}` : `Credit OK (headroom ${money(draft.headroom)})`;
  return ['Order:', ...lines, `Total ${money(draft.total)}. ${credit}. Stock OK.`, 'Reply YES to submit, NO to cancel.'].join('\n');
}

/** Under a draft: submit, add one more product, or cancel. */
function confirmButtons(language: Language): Keyboard {
  const labels = language === 'zh' ? ['✅ 提交', '➕ 加产品', '❌ 取消'] : ['✅ Submit', '➕ Add product', '❌ Cancel'];
  return {
    kind: 'choices',
    choices: [
      { label: labels[0]!, reply: 'YES' },
      { label: labels[1]!, reply: addAnother },
      { label: labels[2]!, reply: 'NO' },
    ],
  };
}

/** The buttons under a question a dialog asks: they send YES or NO, as typing would. */
export function answerButtons(language: Language, replacing = false): Keyboard {
  const [yes, no] = replacing
    ? language === 'zh'
      ? ['替换', '保留原单']
      : ['Replace', 'Keep mine']
    : language === 'zh'
      ? ['✅ 提交', '❌ 取消']
      : ['✅ Submit', '❌ Cancel'];
  return yesNoButtons(yes!, no!);
}

export function approvalButtons(number: string, language: Language): Keyboard {
  return language === 'zh'
    ? {
        kind: 'choices',
        choices: [
          { label: '✅ 批准', reply: `APPROVE ${number}` },
          { label: '❌ 驳回', reply: `REJECT ${number}` },
        ],
      }
    : {
        kind: 'choices',
        choices: [
          { label: '✅ Approve', reply: `APPROVE ${number}` },
          { label: '❌ Reject', reply: `REJECT ${number}` },
        ],
      };
}

export function approvalText(reason: ApprovalReason, language: Language, currency: string): string {
  if (reason.kind === 'credit') {
    return language === 'zh'
      ? `超出信用额度（可用 ${formatMoney(reason.headroom, currency)}）`
      : `over the credit headroom, ${formatMoney(reason.headroom, currency)} left`;
  }
  return language === 'zh' ? `金额超过 ${formatMoney(reason.above, currency)}` : `above ${formatMoney(reason.above, currency)}`;
}

/** The reply to any step of the order dialog, with its buttons. */
export function dialogReply(outcome: DialogOutcome, language: Language): string | Rendered {
  const zh = language === 'zh';
  switch (outcome.kind) {
    case 'cancelled':
      return zh ? '订单已取消。' : 'Order cancelled.';
    case 'kept':
      return { text: (zh ? '保留原订单。\n' : 'Kept your earlier order.\n') + draftText(outcome.draft, language), keyboard: confirmButtons(language) };
    case 'awaiting':
      return { text: draftText(outcome.draft, language), keyboard: confirmButtons(language) };
    case 'pick': {
      const refusal = outcome.refusal ? `${replies[language].error(outcome.refusal)}\n` : '';
      const ask = zh ? `选哪个产品？回复编号：${outcome.skus.join('、')}` : `Which product? Reply with its code: ${outcome.skus.join(', ')}`;
      return { text: refusal + ask, keyboard: { kind: 'choices', choices: outcome.skus.slice(0, 8).map((sku) => ({ label: sku, reply: sku })) } };
    }
    case 'quantity':
      return {
        text: zh ? `${outcome.sku} 要多少？回复数量。` : `How many ${outcome.sku}? Reply with a number.`,
        keyboard: { kind: 'choices', choices: [1, 2, 5, 10, 20].map((n) => ({ label: String(n), reply: String(n) })) },
      };
    case 'completed': {
      const { order, draft } = outcome;
      const total = formatMoney(draft.total, draft.currency);
      if (order.status === 'approved')
        return zh ? `订单 ${order.number} 已批准，库存已预留，合计 ${total}。` : `Order ${order.number} approved and stock reserved; total ${total}.`;
      const reason = approvalText(order.approval!, language, draft.currency);
      return zh
        ? `订单 ${order.number} 已提交 ${order.approver!.name} 审批（${reason}），合计 ${total}。`
        : `Order ${order.number} sent to ${order.approver!.name} for approval (${reason}); total ${total}.`;
    }
  }
}
