import { DateTime } from 'luxon';
import type { Person } from './people';

/**
 * Rosters (issue 21): when each promoter is due, at which store. A shift is on one date, or on
 * weekdays every week; a dated shift replaces the weekly ones of its day. It starts and ends at local
 * times of the store's zone; one that ends at or before its start ends the next day (a night shift).
 * A promoter without a roster keeps the configured shift start every day.
 */
export interface Shift {
  store: string;
  /** the zone its times are in: the store's, else the promoter's, else the default */
  zone: string;
  /** YYYY-MM-DD, or null for a weekly shift */
  date: string | null;
  /** ISO weekdays (1 Monday … 7 Sunday) of a weekly shift */
  weekdays: number[];
  /** minutes after local midnight */
  start: number;
  end: number;
}

/** One shift on one day, as instants. */
export interface ShiftOn {
  store: string;
  /** the local date it starts on */
  day: string;
  from: Date;
  to: Date;
}

/** How early before its start a check-in belongs to a shift. */
export const earlyMinutes = 60;
/** How long after its shift's end a check-in left open may still be closed by OUT; then it closes itself, at the shift's end. */
export const overrunMinutes = 120;

const overnight = (shift: Pick<Shift, 'start' | 'end'>) => shift.end <= shift.start;

/** The shifts that start on a local date (in each shift's zone): its dated ones, else its weekday's. */
export function shiftsOn(shifts: readonly Shift[], day: string): ShiftOn[] {
  const dated = shifts.filter((s) => s.date === day);
  const weekday = DateTime.fromISO(day).weekday;
  const chosen = dated.length > 0 ? dated : shifts.filter((s) => s.date === null && s.weekdays.includes(weekday));
  return chosen
    .map((s) => {
      const midnight = DateTime.fromISO(day, { zone: s.zone }).startOf('day');
      const from = midnight.plus({ minutes: s.start });
      const to = midnight.plus({ days: overnight(s) ? 1 : 0, minutes: s.end });
      return { store: s.store, day, from: from.toJSDate(), to: to.toJSDate() };
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

const localDay = (at: Date, zone: string, plusDays = 0) => DateTime.fromJSDate(at, { zone }).plus({ days: plusDays }).toISODate()!;

/** The shifts starting from the day before `at` to `days` days after it (a night shift begun yesterday is still on). */
export function shiftsAround(shifts: readonly Shift[], at: Date, days: number): ShiftOn[] {
  const zones = [...new Set(shifts.map((s) => s.zone))];
  const dayKeys = [...new Set(zones.flatMap((zone) => Array.from({ length: days + 2 }, (_, i) => localDay(at, zone, i - 1))))].sort();
  const seen = new Set<string>();
  return dayKeys
    .flatMap((day) => shiftsOn(shifts, day))
    .filter((s) => {
      const key = `${s.store} ${s.from.toISOString()}`;
      return seen.has(key) ? false : (seen.add(key), true);
    })
    .sort((a, b) => a.from.getTime() - b.from.getTime());
}

/** The shift a check-in at `at` belongs to: one that has begun (or begins within the hour) and not ended. */
export function shiftAt(shifts: readonly Shift[], at: Date): ShiftOn | null {
  const t = at.getTime();
  return shiftsAround(shifts, at, 1).find((s) => s.from.getTime() - earlyMinutes * 60_000 <= t && t < s.to.getTime()) ?? null;
}

/** The next shifts not yet ended, soonest first. */
export const nextShifts = (shifts: readonly Shift[], at: Date, count: number): ShiftOn[] =>
  shiftsAround(shifts, at, 14)
    .filter((s) => s.to > at)
    .slice(0, count);

/** Minutes after its start plus grace that a check-in at `at` comes: 0 when on time. */
export const lateMinutes = (shift: ShiftOn, at: Date, graceMinutes: number): number =>
  Math.max(0, Math.floor((at.getTime() - shift.from.getTime()) / 60_000) - graceMinutes);

/**
 * Whether two shifts of one promoter overlap: two dated ones on the same day, or two weekly ones on a
 * common weekday, whose times meet, a night shift counting into the next day. A dated shift and a
 * weekly one never do: the dated one replaces the weekly ones of its day.
 */
export function overlap(a: Omit<Shift, 'zone' | 'store'>, b: Omit<Shift, 'zone' | 'store'>): boolean {
  if ((a.date === null) !== (b.date === null)) return false;
  // Each as intervals in minutes from the start of a week, per day it falls on (a date on its weekday).
  const days = (s: typeof a) => (s.date ? [DateTime.fromISO(s.date).weekday] : s.weekdays);
  if (a.date !== null && b.date !== null && a.date !== b.date) {
    // Dated on neighbouring days: only a night shift reaches over.
    const [first, second] = a.date! < b.date! ? [a, b] : [b, a];
    const next = DateTime.fromISO(first.date!).plus({ days: 1 }).toISODate();
    return next === second.date && overnight(first) && first.end > second.start;
  }
  const week = 7 * 1440;
  const spans = (s: typeof a) =>
    days(s).map((d) => {
      const from = (d - 1) * 1440 + s.start;
      return [from, from + (overnight(s) ? 1440 - s.start + s.end : s.end - s.start)] as const;
    });
  return spans(a).some(([af, at]) => spans(b).some(([bf, bt]) => [-week, 0, week].some((shift) => af < bt + shift && bf + shift < at)));
}

/** `HH:MM` to minutes after midnight; null when it is not a time of day (24:00 is midnight at the end). */
export function minutesOf(time: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(time);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 1440 ? minutes : null;
}

export const weekdayNames = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export interface RosterStore {
  /** A promoter's shifts, each in its store's zone (else the promoter's, else `defaultTimezone`); none: no roster. */
  shiftsOf(person: string, defaultTimezone: string): Promise<Shift[]>;
  /** Every promoter with a roster, with their shifts and the check-ins they opened since `since`. */
  rostered(since: Date, defaultTimezone: string): Promise<{ person: Person; shifts: Shift[]; checkIns: Date[] }[]>;
}
