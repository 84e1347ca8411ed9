import { DateTime } from 'luxon';
import { headroom, type DealerAccount } from '../domain/ledger';
import { formatMoney } from '../domain/money';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/**
 * BALANCE (余额, 对账): a dealer's account in one or two segments: credit limit, balance (the
 * ledger's sum), open orders, headroom, overdue and next due invoices, rebates credited this year.
 */
export const balance: Command<Record<string, never>, DealerAccount> = {
  keyword: 'BALANCE',
  aliases: ['余额', '对账', '账户', 'YE'],
  roles: ['dealer'],
  usage: { en: 'BALANCE', zh: '余额' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  async handle({ store, person, timezone, now }) {
    const account = await store.ledger.account(person!.dealer!, DateTime.fromJSDate(now, { zone: timezone }).toISODate()!);
    // people.dealer references dealers: a dealer person's account exists.
    if (!account) throw new Error(`dealer ${person!.dealer} of ${person!.id} is missing`);
    return ok(account);
  },
  render: { en: (account) => accountText(account, 'en'), zh: (account) => accountText(account, 'zh') },
};

const day = (iso: string) => iso.slice(5);

function accountText(a: DealerAccount, language: Language): string {
  const money = (amount: number) => formatMoney(amount, a.currency);
  const room = headroom(a);
  // Two lines, so that a reply over one segment is split between the account and its invoices.
  if (language === 'zh') {
    return [
      `${a.name}：余额${money(a.balance)}，额度${money(a.creditLimit)}，在途订单${money(a.openOrders)}，可用${money(room)}。`,
      [
        a.overdue.count > 0 ? `逾期 ${a.overdue.count} 张${money(a.overdue.amount)}（最早 ${day(a.overdue.oldestDue!)} 到期）。` : '无逾期。',
        a.nextDue ? `下一笔 ${day(a.nextDue.date)} 到期${money(a.nextDue.amount)}。` : '',
        a.rebateCredit > 0 ? `今年返利已抵${money(a.rebateCredit)}。` : '',
      ].join(''),
    ].join('\n');
  }
  return [
    `${a.name}: balance ${money(a.balance)} of limit ${money(a.creditLimit)}, open orders ${money(a.openOrders)}, headroom ${money(room)}.`,
    [
      a.overdue.count > 0
        ? `Overdue: ${a.overdue.count} invoice${a.overdue.count === 1 ? '' : 's'}, ${money(a.overdue.amount)} (oldest due ${day(a.overdue.oldestDue!)}).`
        : 'Nothing overdue.',
      a.nextDue ? `Next due ${day(a.nextDue.date)}: ${money(a.nextDue.amount)}.` : '',
      a.rebateCredit > 0 ? `Rebates credited this year: ${money(a.rebateCredit)}.` : '',
    ]
      .filter(Boolean)
      .join(' '),
  ].join('\n');
}
