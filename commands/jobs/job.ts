import { DateTime } from 'luxon';
import type { ContactPolicy, SendWindow } from '../../domain/contactPolicy';
import { earliestSend } from '../../domain/contactPolicy';
import type { DunningStep } from '../../domain/dunning';
import type { Channel, OutboundMessage, ProactiveKind } from '../../domain/messages';
import type { Language, Person } from '../../domain/people';
import { memoized } from '../../domain/memo';
import type { Store } from '../../domain/ports';
import { addressOf } from '../addressing';

/** What a proactive job gets: the store, the instant it runs as of, and the configured policy. */
export interface JobContext {
  store: Store;
  /** the instant the job runs as of (now, or an operator's `at`) */
  at: Date;
  policy: ContactPolicy & { defaultTimezone: string };
  /** the channels the gateway can send on (configured providers) */
  reachable: readonly Channel[];
  ladder: readonly DunningStep[];
  escalateAfterMs: number;
  stockAlertOwner: string | null;
  /** promoters' day, in minutes after local midnight: shift start and grace before a check-in reminder; the sales reminder's hour */
  promoterDay: { shiftStart: number; graceMinutes: number; salesReminderAt: number };
  /** hours from filing by which a ticket must be started (by priority), else an alert */
  ticketTargetsHours: Record<'normal' | 'urgent', number>;
  /** a competitor's 7-day median this share under our comparable price raises an alert (0.1: 10 %) */
  competitorAlertShare: number;
  /** a vehicle silent this long during the driver's working hours raises an alert */
  vehicles: { staleAfterMs: number; workingHours: SendWindow };
}

/** What a run did, for the operator who ran it and for the tests. */
export interface JobReport {
  /** messages added to the outbox by this run (a re-run adds none) */
  planned: number;
  [detail: string]: number;
}

/** A recurring job: safe to run twice or in two processes at once (every message has a dedupe key). */
export interface ProactiveJob {
  name: string;
  run(context: JobContext): Promise<JobReport>;
}

export const zoneOf = (person: Person, context: Pick<JobContext, 'policy'>): string => person.timezone ?? context.policy.defaultTimezone;

/** A run's recipients share few zones and instants: each opening is worked out once per run (per context). */
const openings = new WeakMap<object, (from: Date, zone: string, kind: ProactiveKind) => Date>();
function openingFor(context: Pick<JobContext, 'policy'>): (from: Date, zone: string, kind: ProactiveKind) => Date {
  let opening = openings.get(context);
  if (!opening) {
    opening = memoized(
      (from: Date, zone: string, kind: ProactiveKind) => `${from.getTime()} ${zone} ${kind}`,
      (from, zone, kind) => earliestSend(from, zone, kind, context.policy),
    );
    openings.set(context, opening);
  }
  return opening;
}

/**
 * A proactive message to a person, rendered in their language, to their reachable address, no
 * earlier than `from` and inside their window for its kind; null when they cannot be reached.
 */
export function proactiveMessage(
  context: Pick<JobContext, 'policy' | 'reachable'>,
  person: Person,
  kind: ProactiveKind,
  text: Record<Language, string>,
  plan: { from: Date; dedupeKey: string; reason?: string; expiresAt?: Date },
): OutboundMessage | null {
  const address = addressOf(person, 'real', context.reachable);
  if (!address) return null;
  // Written out, not spread: `{ ...address, <nine more> }` takes ~10 µs an object on node 20's V8 (a
  // known defect, crbug.com/v8/11536), a tenth of a million-reminder run's time.
  return {
    channel: address.channel,
    transport: address.transport,
    to: address.to,
    text: text[person.language ?? 'en'],
    personId: person.id,
    inReplyTo: null,
    kind,
    notBefore: openingFor(context)(plan.from, zoneOf(person, context), kind),
    expiresAt: plan.expiresAt ?? null,
    dedupeKey: plan.dedupeKey,
    reason: plan.reason ?? null,
  };
}

/** A date as the reader writes it: `26 Nov` / `11月26日`. */
export const readableDate = memoized(
  (isoDate: string, language: Language) => `${isoDate} ${language}`,
  (isoDate, language) => DateTime.fromISO(isoDate).toFormat(language === 'zh' ? 'M月d日' : 'd LLL', { locale: 'en' }),
);

/** The start of a local date in a zone, as an instant. */
export const startOfLocalDate = memoized(
  (isoDate: string, zone: string) => `${isoDate} ${zone}`,
  (isoDate, zone) => DateTime.fromISO(isoDate, { zone }).startOf('day').toJSDate(),
);
export const localDate = (at: Date, zone: string): string => DateTime.fromJSDate(at, { zone }).toISODate()!;
