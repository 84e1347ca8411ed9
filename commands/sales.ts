import { DateTime } from 'luxon';
import { formatMoney } from '../domain/money';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { checkReportDay, reportSellOut, type Reported } from '../domain/sellOut';
import type { Command } from './command';
import { completeItems, parseDayWord, resolveDay, type DayWord } from './lexer';

/** SALES [date] sku qty … (销量, 日报, XS): the day's sell-out of the promoter's store, all lines or none. */
export const sales: Command<{ day: DayWord; items: { sku: string; qty: number }[] }, Reported> = {
  keyword: 'SALES',
  aliases: ['销量', '日报', 'xs'],
  roles: ['promoter'],
  changesData: true,
  usage: {
    en: 'SALES [date] sku qty ..., e.g. SALES A100 3 B200 1 or SALES yesterday A100 2',
    zh: '销量 [日期] 产品编号 数量 …，如 销量 A100 3 B200 1 或 销量 昨天 A100 2',
  },
  parse([first, ...rest]) {
    const day = first === undefined ? null : parseDayWord(first);
    const items = completeItems(day ? rest : [first, ...rest].filter((a): a is string => a !== undefined));
    if (!items.ok) return items;
    return items.value.length > 0 ? ok({ day: day ?? { relative: 0 }, items: items.value }) : fail({ code: 'USAGE' });
  },
  async handle({ store, person, now, timezone, sellOut }, { day, items }) {
    const today = DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
    const date = resolveDay(day, today);
    if (!date) return fail({ code: 'DATE.INVALID' });
    const checked = checkReportDay(date, today, sellOut.maxAgeDays);
    if (!checked.ok) return checked;
    return reportSellOut(store, person!, { day: date, items }, now, sellOut);
  },
  render: { en: (report) => salesReply(report, 'en'), zh: (report) => salesReply(report, 'zh') },
};

/** English stays in GSM-7 (`A100 3`, `3->5`): a × or → would make it UCS-2, 70 characters a segment. */
function salesReply({ store, day, lines, total, currency, changes, flags }: Reported, language: Language): string {
  const date = day.slice(5);
  const amount = formatMoney(total, currency);
  if (language === 'zh') {
    const what =
      changes === null
        ? `${store.code} ${date} 销量已记录：${lines.map((l) => `${l.sku}×${l.qty}`).join('，')}`
        : changes.length === 0
          ? `${store.code} ${date} 销量无变化`
          : `${store.code} ${date} 销量已更新：${changes.map((c) => `${c.sku} ${c.from}→${c.to}`).join('，')}`;
    const flagged =
      flags.length === 0
        ? ''
        : `待审核：${flags.map((f) => `${f.sku}×${f.qty}（${f.reason === 'above-stock' ? `门店库存 ${f.stock}` : `日均 ${f.usual}`}）`).join('，')}。`;
    return `${what}；合计 ${amount}。${flagged}`;
  }
  const what =
    changes === null
      ? `${store.code} sales for ${date} recorded: ${lines.map((l) => `${l.sku} ${l.qty}`).join(', ')}`
      : changes.length === 0
        ? `${store.code} sales for ${date} unchanged`
        : `${store.code} sales for ${date} replaced: ${changes.map((c) => `${c.sku} ${c.from}->${c.to}`).join(', ')}`;
  const flagged =
    flags.length === 0
      ? ''
      : ` Flagged for review: ${flags.map((f) => `${f.sku} ${f.qty} (${f.reason === 'above-stock' ? `store stock ${f.stock}` : `usual ${f.usual}/day`})`).join(', ')}.`;
  return `${what}; total ${amount}.${flagged}`;
}
