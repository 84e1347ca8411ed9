import { DateTime } from 'luxon';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { nextShifts, type ShiftOn } from '../domain/roster';
import type { Command, CommandContext } from './command';

/**
 * SHIFT (班次, 排班): a promoter's next three rostered shifts, where and when; without a roster, says so.
 * Asked in words (`when is my next shift`, `我明天上班吗`), it is read by commands/understanding/asked.ts.
 */
export const shift: Command<Record<string, never>, ShiftOn[]> = {
  keyword: 'SHIFT',
  aliases: ['班次', '排班', 'BC'],
  roles: ['promoter'],
  usage: { en: 'SHIFT', zh: '班次' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  async handle({ store, person, now, timezone }) {
    return ok(nextShifts(await store.roster.shiftsOf(person!.id, timezone), now, 3));
  },
  render: { en: (shifts, context) => shiftsText(shifts, 'en', context), zh: (shifts, context) => shiftsText(shifts, 'zh', context) },
};

function shiftsText(shifts: readonly ShiftOn[], language: Language, { timezone }: CommandContext): string {
  const zh = language === 'zh';
  if (shifts.length === 0) return zh ? '您没有排班：请每天按时签到。' : 'You have no rostered shifts: check in every day at your usual start.';
  const one = (s: ShiftOn) => {
    const [from, to] = [DateTime.fromJSDate(s.from, { zone: timezone }), DateTime.fromJSDate(s.to, { zone: timezone })];
    const day = from.setLocale(zh ? 'zh-CN' : 'en').toFormat(zh ? 'MM-dd ccc' : 'ccc MM-dd');
    const night = to.toISODate() !== from.toISODate() ? (zh ? '（次日）' : ' (next day)') : '';
    return `${day} ${from.toFormat('HH:mm')}-${to.toFormat('HH:mm')}${night} ${s.store}`;
  };
  return zh ? `您接下来的班次：${shifts.map(one).join('；')}。` : `Your next shifts: ${shifts.map(one).join('; ')}.`;
}
