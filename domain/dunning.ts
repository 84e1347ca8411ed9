import { DateTime } from 'luxon';
import { fail, ok, type Result } from './result';

/**
 * The dunning ladder: reminders at days relative to an open invoice's due date (negative: before
 * it), and, at its last rung, an alert to the dealer's manager instead of another reminder.
 */
export interface DunningStep {
  /** days after the due date (−3: three days before) */
  days: number;
  action: 'remind' | 'alert';
}

export const defaultLadder = '-3,0,7,14,alert:30';

/** `-3,0,7,14,alert:30`: reminder days, and `alert:N` for the manager's alert. */
export function parseLadder(spec: string): Result<DunningStep[], string> {
  const steps: DunningStep[] = [];
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^(alert:)?(-?\d{1,3})$/.exec(part);
    if (!match) return fail(`"${part}" is not a day offset (e.g. -3, 0, 7) or alert:N`);
    steps.push({ days: Number(match[2]), action: match[1] ? 'alert' : 'remind' });
  }
  if (steps.length === 0) return fail('the ladder has no steps');
  const days = steps.map((s) => s.days);
  if (new Set(days).size !== days.length) return fail('two steps on the same day');
  return ok(steps.sort((a, b) => a.days - b.days));
}

/** A step of one invoice and the local date it falls on. */
export interface DueStep {
  step: DunningStep;
  date: string;
}

/**
 * The steps to plan for an invoice on the recipient's local `today`: the latest step reached (a
 * run that missed a day still sends it; steps it overtook are not sent late) and the step that
 * falls tomorrow, planned ahead for tomorrow's window. A late step that tomorrow's would follow at
 * once is left out: one reminder, not two on consecutive days. Each step is planned at most once by its key.
 */
export function dunningStepsDue(ladder: readonly DunningStep[], dueDate: string, today: string): DueStep[] {
  const due = DateTime.fromISO(dueDate, { zone: 'utc' });
  const dated = ladder.map((step) => ({ step, date: due.plus({ days: step.days }).toISODate()! }));
  const tomorrow = DateTime.fromISO(today, { zone: 'utc' }).plus({ days: 1 }).toISODate()!;
  const reached = dated.filter((d) => d.date <= today).at(-1);
  const next = dated.find((d) => d.date === tomorrow);
  const late = reached && reached.date < today && next;
  return [late ? undefined : reached, next].filter((d): d is DueStep => d !== undefined);
}

/** Whole days from the due date to `today` (negative: before it). */
export const daysPastDue = (dueDate: string, today: string): number =>
  DateTime.fromISO(today, { zone: 'utc' }).diff(DateTime.fromISO(dueDate, { zone: 'utc' }), 'days').days;
