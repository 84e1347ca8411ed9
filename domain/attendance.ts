import { DateTime } from 'luxon';
import type { Person } from './people';
import type { Store } from './ports';
import { distanceM, position, type CheckIn, type Position, type StorePlace } from './places';
import { fail, ok, type Result } from './result';
import { lateMinutes, overrunMinutes, shiftAt, type ShiftOn } from './roster';

export { distanceM, position, type CheckIn, type Position, type StorePlace };

/** Attendance: where a promoter checked in, how far from the store, and when it closes itself. */

/**
 * The local midnight that ends the day a check-in opened on, in the store's (else the
 * promoter's) zone: an open check-in closes itself then.
 */
export const closesItselfAt = (openedAt: Date, zone: string): Date => DateTime.fromJSDate(openedAt, { zone }).startOf('day').plus({ days: 1 }).toJSDate();

/** What a check-in did: opened, how far from the store, and any earlier one it found left open past midnight. */
export interface CheckedIn {
  store: StorePlace;
  openedAt: Date;
  distanceM: number | null;
  flagged: boolean;
  /** an earlier check-in that had closed itself at midnight (or at its shift's end) */
  closedStale: ClosedCheckIn | null;
  /** with a roster: the shift it belongs to and how late it came; or that it was at no rostered shift (accepted, flagged) */
  roster: { shift: ShiftOn; lateMinutes: number } | { offRoster: true } | null;
}

export interface ClosedCheckIn {
  store: string;
  openedAt: Date;
  closedAt: Date;
  reason: 'out' | 'midnight' | 'shift-end';
}

/** The rules a check-in follows (config). */
export interface AttendancePolicy {
  maxDistanceM: number;
  defaultTimezone: string;
  /** minutes after a shift's start a check-in is still on time */
  graceMinutes: number;
}

/**
 * IN store [lat lon]: opens attendance at a store the promoter is assigned to; farther than the
 * policy's distance it is accepted but flagged. One open check-in at a time: one left open from an
 * earlier day closes itself at that day's midnight first.
 */
export async function checkIn(
  store: Store,
  person: Person,
  code: string,
  where: Position | null,
  now: Date,
  policy: AttendancePolicy,
): Promise<Result<CheckedIn>> {
  const assigned = await store.attendance.assignedStores(person.id);
  const place = assigned.find((s) => s.code.toUpperCase() === code.toUpperCase());
  if (!place) {
    if (!(await store.attendance.store(code))) return fail({ code: 'STORE.UNKNOWN', store: code });
    return fail({ code: 'STORE.NOT_ASSIGNED', store: code, assigned: assigned.map((s) => s.code) });
  }
  const { open, closedStale } = await currentCheckIn(store, person, now, policy);
  if (open) return fail({ code: 'CHECKIN.ALREADY_OPEN', store: open.store, since: open.openedAt.toISOString() });
  const distance = where && place.position ? Math.round(distanceM(where, place.position)) : null;
  const flagged = distance !== null && distance > policy.maxDistanceM;
  // With a roster, the check-in belongs to the shift on now at this store; at no such shift it is accepted and flagged.
  const shifts = await store.roster.shiftsOf(person.id, place.timezone ?? person.timezone ?? policy.defaultTimezone);
  const shift =
    shifts.length > 0
      ? shiftAt(
          shifts.filter((s) => s.store.toUpperCase() === place.code.toUpperCase()),
          now,
        )
      : null;
  const late = shift ? lateMinutes(shift, now, policy.graceMinutes) : null;
  const roster = shifts.length === 0 ? null : shift ? { shift, lateMinutes: late! } : { offRoster: true as const };
  await store.attendance.open(
    person.id,
    place.code,
    now,
    { position: where, distanceM: distance, flagged },
    { shift: shift ? { from: shift.from, to: shift.to } : null, lateMinutes: late, offRoster: roster !== null && !shift },
  );
  return ok({ store: place, openedAt: now, distanceM: distance, flagged, closedStale, roster });
}

/** OUT: closes the open check-in; one left open from an earlier day says it closed itself at midnight. */
export async function checkOut(store: Store, person: Person, now: Date, policy: AttendancePolicy): Promise<Result<ClosedCheckIn>> {
  const { open, closedStale } = await currentCheckIn(store, person, now, policy);
  if (closedStale) return ok(closedStale);
  if (!open) return fail({ code: 'CHECKIN.NONE' });
  await store.attendance.close(open.id, now, 'out');
  return ok({ store: open.store, openedAt: open.openedAt, closedAt: now, reason: 'out' });
}

/** The person's open check-in, after closing one left open past its day's midnight (then reported as `closedStale`). */
async function currentCheckIn(
  store: Store,
  person: Person,
  now: Date,
  policy: AttendancePolicy,
): Promise<{ open: CheckIn | null; closedStale: ClosedCheckIn | null }> {
  const open = await store.attendance.openCheckIn(person.id);
  if (!open) return { open: null, closedStale: null };
  const place = await store.attendance.store(open.store);
  // A rostered check-in closes itself at its shift's end once OUT is overdue (a night shift runs past midnight), else at local midnight.
  const closes = open.shiftEnd ?? closesItselfAt(open.openedAt, place?.timezone ?? person.timezone ?? policy.defaultTimezone);
  const due = open.shiftEnd ? new Date(open.shiftEnd.getTime() + overrunMinutes * 60_000) : closes;
  if (due > now) return { open, closedStale: null };
  const reason = open.shiftEnd ? 'shift-end' : 'midnight';
  await store.attendance.close(open.id, closes, reason);
  return { open: null, closedStale: { store: open.store, openedAt: open.openedAt, closedAt: closes, reason } };
}

/** The store a promoter works at now: where they are checked in, else their only store. */
export async function promoterStore(store: Store, person: Person): Promise<Result<StorePlace>> {
  const open = await store.attendance.openCheckIn(person.id);
  const assigned = await store.attendance.assignedStores(person.id);
  const here = open && assigned.find((s) => s.code === open.store);
  if (here) return ok(here);
  if (assigned.length === 1) return ok(assigned[0]!);
  return fail({ code: 'SALES.WHICH_STORE', assigned: assigned.map((s) => s.code) });
}
