import { DateTime } from 'luxon';
import type { OutboundMessage } from '../../domain/messages';
import { proactiveMessage, zoneOf, type JobContext, type ProactiveJob } from './job';

/**
 * `checkin-reminders`: a promoter not checked in by their shift start plus the grace period gets
 * one reminder that day (and check-ins left open past midnight are closed, marked so).
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
    return { planned, closedAtMidnight: closed };
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
