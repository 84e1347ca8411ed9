import { formatMoney } from '../domain/money';
import { fail, ok } from '../domain/result';
import { answerOrder, type DialogOutcome } from '../dialogs/orderDialog';
import { answerNotice, noticeStep, type NoticeAnswer } from '../dialogs/noticeDialog';
import { dropReturn, returnSteps, type ReturnOutcome } from '../dialogs/returnDialog';
import { answerStatement, type Statement } from '../domain/ledger';
import type { Command, CommandContext } from './command';
import { noticeReply } from './notice';
import { returnReply } from './return';
import { approvalButtons, approvalText, dialogReply } from './orderWords';

type Answer =
  | { dialog: 'order'; outcome: DialogOutcome }
  | { dialog: 'notice'; answer: NoticeAnswer }
  | { dialog: 'statement'; statement: Statement }
  | { dialog: 'return'; outcome: ReturnOutcome };

/**
 * YES and NO answer the pending question of a dialog (a dealer's order, a manager's notice); a YES
 * (OK, 确认) with no dialog open confirms the dealer's monthly statement waiting for an answer; with
 * nothing pending they say so.
 */
function answer(yes: boolean): Command<Record<string, never>, Answer> {
  return {
    keyword: yes ? 'YES' : 'NO',
    aliases: yes ? ['y', 'ok', '是', '确认', '好'] : ['n', '否', '取消'],
    roles: 'everyone',
    changesData: true,
    listed: false,
    usage: yes ? { en: 'YES', zh: '是' } : { en: 'NO', zh: '否' },
    parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
    async handle(context) {
      const { store, person, policy, now, message } = context;
      // Only a question its sender could have seen: a step opened after the message arrived is not its to answer (see router asSeenBy).
      const open = await store.dialogs.open(person!.id);
      if (open && open.since > message.receivedAt) return fail({ code: 'DIALOG.NOTHING_PENDING' });
      if (person!.dialogStep === noticeStep) {
        const answered = await answerNotice(store, person!, yes, now);
        return answered.ok ? ok({ dialog: 'notice' as const, answer: answered.value }) : answered;
      }
      if (!person!.dealer) return fail({ code: 'DIALOG.NOTHING_PENDING' });
      // A return's questions are answered by what they ask; NO stops them.
      if (!yes && returnSteps.includes(person!.dialogStep ?? '')) {
        const dropped = await dropReturn(store, person!, now);
        return dropped.ok ? ok({ dialog: 'return' as const, outcome: dropped.value }) : dropped;
      }
      const outcome = await answerOrder(store, person!, yes, policy, now);
      if (!outcome.ok && outcome.error.code === 'DIALOG.NOTHING_PENDING' && yes) {
        const confirmed = await answerStatement(store.ledger, person!, { confirmed: true, dispute: null }, now);
        return confirmed.ok ? ok({ dialog: 'statement' as const, statement: confirmed.value }) : outcome;
      }
      if (!outcome.ok) return outcome;
      if (outcome.value.kind === 'completed') askForApproval(context, outcome.value);
      return ok({ dialog: 'order' as const, outcome: outcome.value });
    },
    render: {
      en: (answer, { timezone }) =>
        answer.dialog === 'notice'
          ? noticeReply(answer.answer, 'en', timezone)
          : answer.dialog === 'statement'
            ? `Statement ${answer.statement.month} confirmed. Thank you.`
            : answer.dialog === 'return'
              ? returnReply(answer.outcome, 'en')
              : dialogReply(answer.outcome, 'en'),
      zh: (answer, { timezone }) =>
        answer.dialog === 'notice'
          ? noticeReply(answer.answer, 'zh', timezone)
          : answer.dialog === 'statement'
            ? `已确认 ${answer.statement.month} 对账单，谢谢。`
            : answer.dialog === 'return'
              ? returnReply(answer.outcome, 'zh')
              : dialogReply(answer.outcome, 'zh'),
    },
  };
}

export const yes = answer(true);
export const no = answer(false);

function askForApproval(context: CommandContext, outcome: Extract<DialogOutcome, { kind: 'completed' }>): void {
  const { order, draft } = outcome;
  if (order.status !== 'pending_approval' || !order.approver) return;
  const requester = context.person!;
  const lines = draft.lines.map((l) => `${l.product.sku} ×${l.qty}`).join(', ');
  const total = formatMoney(draft.total, draft.currency);
  context.notify(
    'approval',
    order.approver,
    {
      en: `Approval needed: order ${order.number} from ${requester.name} (${requester.dealer}): ${lines}, total ${total}; ${approvalText(order.approval!, 'en', draft.currency)}. Reply APPROVE ${order.number} or REJECT ${order.number} reason.`,
      zh: `待审批：订单 ${order.number}，来自 ${requester.name}（${requester.dealer}）：${lines}，合计 ${total}；${approvalText(order.approval!, 'zh', draft.currency)}。回复 批准 ${order.number} 或 驳回 ${order.number} 原因。`,
    },
    { keyboard: { en: approvalButtons(order.number, 'en'), zh: approvalButtons(order.number, 'zh') } },
  );
}
