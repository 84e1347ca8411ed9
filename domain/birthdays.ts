import { DateTime } from 'luxon';

/**
 * The date a birthday (`MM-DD` or `YYYY-MM-DD`) is greeted in `year`: itself, but 29 February
 * falls on 28 February outside leap years. null for a date that does not exist.
 */
export function birthdayIn(birthday: string, year: number): string | null {
  const match = /^(?:\d{4}-)?(\d{2})-(\d{2})$/.exec(birthday);
  if (!match) return null;
  const [month, day] = [Number(match[1]), Number(match[2])];
  const leap = DateTime.fromObject({ year }).isInLeapYear;
  const date = month === 2 && day === 29 && !leap ? DateTime.fromObject({ year, month: 2, day: 28 }) : DateTime.fromObject({ year, month, day });
  return date.isValid ? date.toISODate() : null;
}

/** The `MM-DD` keys a birthday query matches to find everyone greeted on these local dates. */
export function birthdayKeys(dates: readonly string[]): string[] {
  const keys = new Set(dates.map((date) => date.slice(5)));
  for (const date of dates) if (date.slice(5) === '02-28' && !DateTime.fromISO(date).isInLeapYear) keys.add('02-29');
  return [...keys];
}
