import { formatMoney } from '../domain/money';
import type { ApprovalReason, OrderDraft } from '../domain/ordering';
import type { Keyboard } from '../domain/messages';
import type { Language } from '../domain/people';

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

/** The buttons under a question a dialog asks: they send YES or NO, as typing would. */
export function answerButtons(language: Language, replacing = false): Keyboard {
  const [yes, no] = replacing ? (language === 'zh' ? ['替换', '保留原单'] : ['Replace', 'Keep mine']) : language === 'zh' ? ['✅ 提交', '❌ 取消'] : ['✅ Submit', '❌ Cancel'];
  return { kind: 'choices', choices: [{ label: yes!, reply: 'YES' }, { label: no!, reply: 'NO' }] };
}

export function approvalButtons(number: string, language: Language): Keyboard {
  return language === 'zh'
    ? { kind: 'choices', choices: [{ label: '✅ 批准', reply: `APPROVE ${number}` }, { label: '❌ 驳回', reply: `REJECT ${number}` }] }
    : { kind: 'choices', choices: [{ label: '✅ Approve', reply: `APPROVE ${number}` }, { label: '❌ Reject', reply: `REJECT ${number}` }] };
}

export function approvalText(reason: ApprovalReason, language: Language, currency: string): string {
  if (reason.kind === 'credit') {
    return language === 'zh' ? `超出信用额度（可用 ${formatMoney(reason.headroom, currency)}）` : `over the credit headroom, ${formatMoney(reason.headroom, currency)} left`;
  }
  return language === 'zh' ? `金额超过 ${formatMoney(reason.above, currency)}` : `above ${formatMoney(reason.above, currency)}`;
}
