import { formatMoney } from '../domain/money';
import type { Language } from '../domain/people';
import { rebateStanding, type RebateStanding } from '../domain/rebates';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/**
 * REBATE (返利, 返点): a dealer's rebates: what the open periods have accrued so far, applications
 * waiting for approval, and what was credited to their account this year.
 */
export const rebate: Command<Record<string, never>, RebateStanding> = {
  keyword: 'REBATE',
  aliases: ['返利', '返点', '返點', 'FL'],
  roles: ['dealer'],
  usage: { en: 'REBATE', zh: '返利' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  handle: ({ store, person, timezone, now }) => rebateStanding(store, person!.dealer!, now, timezone).then(ok),
  render: { en: (standing) => standingText(standing, 'en'), zh: (standing) => standingText(standing, 'zh') },
};

function standingText({ accruing, pending, credited }: RebateStanding, language: Language): string {
  const currency = accruing[0]?.currency ?? pending[0]?.currency ?? 'CNY';
  const money = (amount: number, c = currency) => formatMoney(amount, c);
  if (language === 'zh') {
    if (accruing.length === 0 && pending.length === 0 && credited === 0) return '您的账户暂无返利政策。';
    return [
      accruing.length > 0 ? `本期累计：${accruing.map((a) => `${a.name} ${a.period} ${money(a.amount, a.currency)}`).join('；')}。` : '',
      pending.length > 0 ? `待审批：${pending.map((p) => `${p.number}（${p.period}）${money(p.amount, p.currency)}`).join('；')}。` : '',
      `今年已抵${money(credited)}。`,
    ].join('');
  }
  if (accruing.length === 0 && pending.length === 0 && credited === 0) return 'No rebate policy covers your account.';
  return [
    accruing.length > 0 ? `Accruing: ${accruing.map((a) => `${a.name} ${a.period} ${money(a.amount, a.currency)}`).join('; ')}.` : '',
    pending.length > 0 ? `Waiting for approval: ${pending.map((p) => `${p.number} (${p.period}) ${money(p.amount, p.currency)}`).join('; ')}.` : '',
    `Approved and credited this year: ${money(credited)}.`,
  ]
    .filter(Boolean)
    .join(' ');
}
