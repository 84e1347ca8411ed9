import { DateTime } from 'luxon';
import { formatMoney } from '../domain/money';
import { payStatement, type PayStatement } from '../domain/pay';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/** PAY [month] (收入, 佣金, 工资): the incentive so far this month, or a closed month's: base, allowances, commission, total. */
export const pay: Command<{ month: string | null }, PayStatement> = {
  keyword: 'PAY',
  aliases: ['收入', '佣金', '工资'],
  roles: ['promoter', 'supervisor'],
  usage: { en: 'PAY [month], e.g. PAY or PAY 2026-10', zh: '收入 [月份]，如 收入 或 收入 2026-10' },
  parse([month, ...extra]) {
    if (extra.length > 0 || (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))) return fail({ code: 'USAGE' });
    return ok({ month: month ?? null });
  },
  handle: ({ store, person, now, timezone }, { month }) =>
    payStatement(store, person!, month ?? DateTime.fromJSDate(now, { zone: timezone }).toFormat('yyyy-MM'), now, timezone),
  render: {
    en: (s) => {
      const money = (amount: number) => formatMoney(amount, s.currency);
      return (
        `Pay ${s.month}${s.through ? ` to ${s.through.slice(5)}` : ''}: base ${money(s.base)}, allowances ${money(s.allowances)} (${s.daysAttended} days` +
        `${s.storeVisits ? `, ${s.storeVisits} visits` : ''}), commission ${money(s.commission)}, total ${money(s.total)}.`
      );
    },
    zh: (s) => {
      const money = (amount: number) => formatMoney(amount, s.currency);
      return (
        `${s.month}${s.through ? ` 截至 ${s.through.slice(5)}` : ''}：底薪 ${money(s.base)}，补贴 ${money(s.allowances)}（${s.daysAttended}天` +
        `${s.storeVisits ? `，巡店${s.storeVisits}次` : ''}），佣金 ${money(s.commission)}，合计 ${money(s.total)}。`
      );
    },
  },
};
