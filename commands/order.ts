import { ok } from '../domain/result';
import { startOrder, type DialogOutcome } from '../dialogs/orderDialog';
import type { Command, Rendered } from './command';
import type { Language } from '../domain/people';
import { completeItems } from './lexer';
import { answerButtons, dialogReply, draftText } from './orderWords';

/** ORDER sku qty [sku qty …]: drafts the order with the dealer's prices, credit and stock checks, and asks to confirm. */
export const order: Command<{ items: { sku: string; qty: number }[] }, DialogOutcome> = {
  keyword: 'ORDER',
  aliases: ['下单', '订货'],
  roles: ['dealer'],
  changesData: true,
  usage: { en: 'ORDER sku qty [sku qty …], e.g. ORDER A100 5 B200 2', zh: '下单 产品编号 数量 […]，如 下单 A100 5 B200 2' },
  parse(args) {
    const items = completeItems(args);
    return items.ok ? ok({ items: items.value }) : items; // ORDER alone (no items) builds the order step by step
  },
  handle: ({ store, person, policy, now }, { items }) => startOrder(store, person!, items, policy, now),
  render: { en: (outcome) => renderStart(outcome, 'en'), zh: (outcome) => renderStart(outcome, 'zh') },
};

function renderStart(outcome: DialogOutcome, language: Language): string | Rendered {
  if (outcome.kind !== 'awaiting' || !outcome.replacing) return dialogReply(outcome, language);
  const draft = draftText(outcome.draft, language);
  // The new draft without its own YES/NO line: the question is whether to replace.
  const ask =
    language === 'zh'
      ? '您有一笔待确认订单。用这笔替换吗？回复 是 替换，否 保留原单。'
      : 'You have an order waiting. Replace it with this one? Reply YES to replace, NO to keep it.';
  return { text: `${ask}\n${draft.split('\n').slice(0, -1).join('\n')}`, keyboard: answerButtons(language, true) };
}
