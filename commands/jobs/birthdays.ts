import { DateTime } from 'luxon';
import { birthdayIn, birthdayKeys } from '../../domain/birthdays';
import type { OutboundMessage } from '../../domain/messages';
import { localDate, proactiveMessage, zoneOf, type ProactiveJob } from './job';

/** Greetings go at this local hour on the day (later that day if a run comes late; never the day after). */
const greetingHour = 9;

/**
 * `birthdays`: a greeting at 09:00 local on the person's birthday, once a year (29 February is
 * greeted on 28 February in other years). Runs hourly by default: each run plans today's and
 * tomorrow's greetings on every recipient's own calendar, and a re-run plans nothing new.
 */
export const birthdays: ProactiveJob = {
  name: 'birthdays',
  async run(context) {
    const { store, at } = context;
    const utc = DateTime.fromJSDate(at, { zone: 'utc' });
    // Every local date anywhere is within a day of UTC's; tomorrow's greetings are planned ahead.
    const dates = [-1, 0, 1, 2].map((d) => utc.plus({ days: d }).toISODate()!);
    const greetings: OutboundMessage[] = [];
    for (const { person, birthday } of await store.people.withBirthdayIn(birthdayKeys(dates))) {
      const zone = zoneOf(person, context);
      const today = DateTime.fromISO(localDate(at, zone), { zone });
      for (const day of [today, today.plus({ days: 1 })]) {
        if (birthdayIn(birthday, day.year) !== day.toISODate()) continue;
        const greetAt = day.set({ hour: greetingHour }).toJSDate();
        const message = proactiveMessage(
          context,
          person,
          'birthday',
          { en: `Happy birthday, ${person.name}! Warm wishes from all of us.`, zh: `${person.name}，祝您生日快乐！` },
          {
            from: new Date(Math.max(at.getTime(), greetAt.getTime())),
            dedupeKey: `birthday:${person.id}:${day.year}`,
            expiresAt: day.plus({ days: 1 }).toJSDate(),
          },
        );
        if (message) greetings.push(message);
      }
    }
    return { planned: (await store.outbox.add(greetings)).length };
  },
};
