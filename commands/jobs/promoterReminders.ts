import { DateTime } from 'luxon';
import type { OutboundMessage } from '../../domain/messages';
import { earlyMinutes, shiftsAround } from '../../domain/roster';
import { proactiveMessage, zoneOf, type JobContext, type ProactiveJob } from './job';

/**
 * `checkin-reminders`: a promoter not checked in by their shift start plus the grace period gets
 * one reminder that day (and check-ins left open past midnight, or past their rostered shift's end,
 * are closed, marked so). A promoter with a roster is reminded per rostered shift instead, and not
 * at all on a day without one.
 * `sales-reminders`: a promoter with no SALES report by the evening hour gets one reminder.
 * Both run every 15 minutes by default; each reminder is planned once per person and day, and is
 * cancelled if the promoter does it before it leaves.
 */
export const checkinReminders: ProactiveJob = {
  name: 'checkin-reminders',
  async run(context) {
    const closed = await context.store.attendance.closeStale(context.at, context.policy.defaultTimezone);
    const planned = await remind(context, 'checkin', context.promoterDay.shiftStart + context.promoterDay.graceMinutes, {
      en: 'You have not checked in today. Send IN and your store code, e.g. IN S1.',
      zh: '您今天尚未签到，请发送 签到 门店编号，如 签到 S1。',
    });
    const rostered = await remindShifts(context);
    return { planned: planned + rostered, rostered, closedAtMidnight: closed };
  },
};

export const salesReminders: ProactiveJob = {
  name: 'sales-reminders',
  async run(context) {
    const planned = await remind(context, 'sales', context.promoterDay.salesReminderAt, {
      en: 'No sales report from you today. Send SALES with each SKU and quantity, e.g. SALES A100 3.',
      zh: '您今天尚未上报销量，请发送 销量 产品编号 数量，如 销量 A100 3。',
    });
    return { planned };
  },
};

/** One reminder per promoter and local day, from `minute` after their midnight, while it is still undone. */
async function remind(context: JobContext, what: 'checkin' | 'sales', minute: number, text: { en: string; zh: string }): Promise<number> {
  const reminders: OutboundMessage[] = [];
  for (const { person, day } of await context.store.attendance.promotersWithout(what, context.at, context.policy.defaultTimezone)) {
    const zone = zoneOf(person, context);
    const start = DateTime.fromISO(day, { zone });
    if (DateTime.fromJSDate(context.at, { zone }) < start.plus({ minutes: minute })) continue;
    const message = proactiveMessage(context, person, 'reminder', text, {
      from: context.at,
      dedupeKey: `${what}-reminder:${person.id}:${day}`,
      reason: `${what}:${person.id}/${day}`,
      expiresAt: start.plus({ days: 1 }).toJSDate(),
    });
    if (message) reminders.push(message);
  }
  return (await context.store.outbox.add(reminders)).length;
}

/** Per rostered shift begun more than the grace ago and not over, with no check-in since the hour before it: one reminder, gone if they check in first. */
async function remindShifts(context: JobContext): Promise<number> {
  const { at } = context;
  const grace = context.promoterDay.graceMinutes * 60_000;
  const since = new Date(at.getTime() - 2 * 86_400_000);
  const reminders: OutboundMessage[] = [];
  for (const { person, shifts, checkIns } of await context.store.roster.rostered(since, context.policy.defaultTimezone)) {
    for (const shift of shiftsAround(shifts, at, 0)) {
      if (shift.from.getTime() + grace > at.getTime() || shift.to <= at) continue;
      if (checkIns.some((c) => c.getTime() >= shift.from.getTime() - earlyMinutes * 60_000)) continue;
      const start = DateTime.fromJSDate(shift.from, { zone: zoneOf(person, context) }).toFormat('HH:mm');
      const message = proactiveMessage(
        context,
        person,
        'reminder',
        {
          en: `Your shift at ${shift.store} began at ${start} and you have not checked in. Send IN ${shift.store}.`,
          zh: `您在 ${shift.store} 的班次 ${start} 已开始，尚未签到。请发送 签到 ${shift.store}。`,
        },
        {
          from: at,
          dedupeKey: `shift-reminder:${person.id}:${shift.from.toISOString()}`,
          reason: `shift:${person.id}/${shift.from.toISOString()}`,
          expiresAt: shift.to,
        },
      );
      if (message) reminders.push(message);
    }
  }
  return (await context.store.outbox.add(reminders)).length;
}
