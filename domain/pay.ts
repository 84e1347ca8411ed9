import { DateTime } from 'luxon';
import { statement, type Statement } from './incentives';
import type { Person } from './people';
import type { Store } from './ports';
import { fail, ok, type Result } from './result';

/** A statement with how far it runs: through `through` (a local date) for the month in progress, else the whole month. */
export interface PayStatement extends Statement {
  through: string | null;
}

/**
 * A person's statement for a month on their own calendar: a closed month whole; the month in
 * progress to date (base pro rata by calendar day, today included).
 */
export async function payStatement(store: Store, person: Pick<Person, 'id'>, month: string, now: Date, zone: string): Promise<Result<PayStatement>> {
  const start = DateTime.fromISO(`${month}-01`, { zone });
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  if (!start.isValid) return fail({ code: 'DATE.INVALID' });
  if (start > today) return fail({ code: 'DATE.FUTURE', day: month });
  const plan = await store.incentives.planFor(person.id, month);
  if (!plan) return fail({ code: 'PAY.NO_PLAN', month });
  const end = start.plus({ months: 1 });
  const inProgress = today < end;
  const until = inProgress ? today.plus({ days: 1 }) : end;
  const activity = await store.incentives.activity(person.id, {
    from: start.toJSDate(),
    to: until.toJSDate(),
    fromDay: start.toISODate()!,
    toDay: until.toISODate()!,
    zone,
  });
  const share = inProgress ? today.day / start.daysInMonth! : 1;
  return ok({ ...statement(plan, month, activity, share), through: inProgress ? today.toISODate()! : null });
}
