import { answerStatement, type Statement } from '../domain/ledger';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { afterKeyword } from './lexer';

const names = ['DISPUTE', '有误', '异议'] as const;

/**
 * DISPUTE text (有误 …): the dealer says what is wrong with their monthly statement, in their words;
 * it waits in the console's Needs attention with the statement, for the sales office to reconcile.
 */
export const dispute: Command<Record<string, never>, Statement> = {
  keyword: names[0],
  aliases: names.slice(1),
  roles: ['dealer'],
  changesData: true,
  listed: false,
  usage: { en: 'DISPUTE what is wrong, e.g. DISPUTE payment of 11-20 missing', zh: '有误 说明，如 有误 11-20 的回款未计入' },
  parse: (args) => (args.length > 0 ? ok({}) : fail({ code: 'USAGE' })),
  handle: ({ store, person, message, now }) => answerStatement(store.ledger, person!, { confirmed: false, dispute: afterKeyword(message.text, names) }, now),
  render: {
    en: (s) => `Your dispute of statement ${s.month} is noted; the sales office will reconcile it with you.`,
    zh: (s) => `已记录您对 ${s.month} 对账单的异议，销售内勤会与您核对。`,
  },
};
