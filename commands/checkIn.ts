import { DateTime } from 'luxon';
import { checkIn, checkOut, position, type CheckedIn, type ClosedCheckIn } from '../domain/attendance';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import type { Command, CommandContext } from './command';
import { isCode } from './lexer';
import { parseLocation, type LocationReading } from './location';

/**
 * IN store-code [where] (签到, QD) and OUT (签退): a promoter's attendance at an assigned store. Where
 * is any location form a driver may send (`31.19 121.43`, a map link, a geo: URI): an Amap or
 * Tencent link is GCJ-02, a Baidu one BD-09, converted to WGS-84 before the distance is measured.
 */
export const checkInCommand: Command<{ store: string; where: LocationReading | null }, CheckedIn> = {
  keyword: 'IN',
  aliases: ['签到', 'qd'],
  roles: ['promoter'],
  changesData: true,
  usage: { en: 'IN store-code [lat lon], e.g. IN S1', zh: '签到 门店编号 [纬度 经度]，如 签到 S1' },
  parse([store, ...rest]) {
    if (!store || !isCode(store)) return fail({ code: 'USAGE' });
    if (rest.length === 0) return ok({ store, where: null });
    const where = parseLocation(rest.join(' '), { near: null, explicit: true });
    return where ? ok({ store, where }) : fail({ code: 'USAGE' });
  },
  async handle({ store, person, now, attendance }, args) {
    if (args.where && !args.where.ok)
      return fail(
        args.where.refused === 'out-of-range' ? { code: 'POSITION.INVALID' } : { code: 'LOCATION.UNREADABLE', reason: args.where.refused, asked: 'in' },
      );
    const where = args.where ? position(args.where.fix.lat, args.where.fix.lon) : null;
    return checkIn(store, person!, args.store, where, now, attendance);
  },
  render: {
    en: (answer, context) =>
      stale(answer.closedStale, 'en', context) +
      `Checked in at ${answer.store.code} ${answer.store.name}, ${clock(answer.openedAt, context)}.` +
      (answer.flagged ? ` You are ${distance(answer.distanceM!, 'en')} from the store: flagged for your supervisor.` : '') +
      rostered(answer, 'en', context),
    zh: (answer, context) =>
      stale(answer.closedStale, 'zh', context) +
      `已在 ${answer.store.code} ${answer.store.name} 签到，${clock(answer.openedAt, context)}。` +
      (answer.flagged ? `距门店 ${distance(answer.distanceM!, 'zh')}，已标记待督导核实。` : '') +
      rostered(answer, 'zh', context),
  },
};

export const checkOutCommand: Command<Record<string, never>, ClosedCheckIn> = {
  keyword: 'OUT',
  aliases: ['签退'],
  roles: ['promoter'],
  changesData: true,
  usage: { en: 'OUT', zh: '签退' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  handle: ({ store, person, now, attendance }) => checkOut(store, person!, now, attendance),
  render: {
    en: (closed, context) =>
      closed.reason !== 'out'
        ? stale(closed, 'en', context).trim()
        : `Checked out of ${closed.store} at ${clock(closed.closedAt, context)} (${duration(closed, 'en')}).`,
    zh: (closed, context) =>
      closed.reason !== 'out' ? stale(closed, 'zh', context) : `已从 ${closed.store} 签退，${clock(closed.closedAt, context)}（${duration(closed, 'zh')}）。`,
  },
};

const clock = (at: Date, { timezone }: CommandContext) => DateTime.fromJSDate(at, { zone: timezone }).toFormat('HH:mm');

function stale(closed: ClosedCheckIn | null, language: Language, { timezone }: CommandContext): string {
  if (!closed) return '';
  const day = DateTime.fromJSDate(closed.openedAt, { zone: timezone }).toFormat('MM-dd');
  if (closed.reason === 'shift-end') {
    const at = DateTime.fromJSDate(closed.closedAt, { zone: timezone }).toFormat('HH:mm');
    return language === 'zh'
      ? `您 ${day} 在 ${closed.store} 的签到已于班次结束（${at}）时自动结束。`
      : `Your check-in at ${closed.store} on ${day} closed itself when your shift ended at ${at}. `;
  }
  return language === 'zh' ? `您 ${day} 在 ${closed.store} 的签到已于午夜自动结束。` : `Your check-in at ${closed.store} on ${day} closed itself at midnight. `;
}

/** With a roster: late for the shift (after its start plus grace), or at no shift of the day's roster. */
function rostered({ roster }: CheckedIn, language: Language, context: CommandContext): string {
  if (!roster) return '';
  if ('offRoster' in roster)
    return language === 'zh' ? '此时不在您的排班内，已标记待督导核实。' : ' You are not rostered here now: flagged for your supervisor.';
  if (roster.lateMinutes === 0) return '';
  const start = clock(roster.shift.from, context);
  return language === 'zh' ? `迟到 ${roster.lateMinutes} 分钟（班次 ${start} 开始）。` : ` ${roster.lateMinutes} min late for your ${start} shift.`;
}

const distance = (metres: number, language: Language) =>
  metres >= 1000 ? `${(metres / 1000).toFixed(1)} ${language === 'zh' ? '公里' : 'km'}` : `${metres} ${language === 'zh' ? '米' : 'm'}`;

function duration({ openedAt, closedAt }: ClosedCheckIn, language: Language): string {
  const minutes = Math.round((closedAt.getTime() - openedAt.getTime()) / 60_000);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return language === 'zh' ? `${h}小时${m}分` : `${h} h ${m} min`;
}
