import { DateTime } from 'luxon';
import { channelPreference, type Channel } from './channels';
import { earliestSend, type ContactPolicy } from './contactPolicy';
import type { Language, Role } from './people';
import { fail, ok, type Result } from './result';
import { segmentInfo, splitForSms, type SegmentInfo } from './sms';

/**
 * Notices to the network (信息发布): one text in English and Chinese, sent to an audience, each
 * recipient in their language, on their cheapest reachable channel (Telegram costs nothing, SMS is
 * priced per segment), under the contact policy (`broadcast` kind: quiet hours in the recipient's
 * zone, the daily cap). The preview says who, who not and why, the segments, the cost and when the
 * last person will have it; what is confirmed is that preview's recipient list, frozen.
 */

/** Who a broadcast is for: people matching every criterion given (each a list: any of its values), or named people. */
export interface Audience {
  roles?: Role[];
  /** their dealer's region (a dealer's people, a store's promoters by the store's dealer) */
  regions?: string[];
  dealers?: string[];
  tiers?: string[];
  stores?: string[];
  /** named people, added whatever the other criteria */
  people?: string[];
}

/** Twilio schedules up to 35 days ahead; so do we. */
export const maxDaysAhead = 35;

export interface BroadcastRequest {
  texts: Partial<Record<Language, string>>;
  audience: Audience;
  /** when it may start; null: now */
  sendAt: Date | null;
}

/** A person the audience matched, with what deciding their message needs. */
export interface Candidate {
  id: string;
  name: string;
  language: Language;
  zone: string;
  /** their addresses per channel, where they have one and it can be reached (a configured channel) */
  addresses: Partial<Record<Channel, string>>;
  /** channels they opted out of */
  optedOut: Channel[];
  /** proactive messages they got or will get on the send's local day (the daily cap) */
  countedToday: number;
}

export interface Recipient {
  person: string;
  name: string;
  language: Language;
  channel: Channel;
  address: string;
  /** the earliest it may leave: the send time, or when the recipient's window opens (the next day's, when capped) */
  notBefore: Date;
  heldFor: 'quiet-hours' | 'daily-cap' | null;
}

/** unknown: a named person id (typed or uploaded) that is nobody, or nobody the sender may reach */
export type Exclusion = 'opted-out' | 'unreachable' | 'unknown';

export interface BroadcastPreview {
  recipients: Recipient[];
  excluded: { person: string; name: string; why: Exclusion }[];
  /** per language some recipient needs: the text's parts as sent by SMS, with their segments and encoding */
  texts: Partial<Record<Language, { parts: number; segments: number; encoding: SegmentInfo['encoding'] }>>;
  byChannel: Partial<Record<Channel, { recipients: number; segments: number; cost: number }>>;
  cost: number;
  /** when the last recipient will have it, given their windows and the provider's pace; null: nobody */
  finishedBy: Date | null;
}

export interface BroadcastOptions {
  now: Date;
  policy: ContactPolicy;
  pricePerSegment: number;
  /** the price's currency (SMS_PRICE_CURRENCY) */
  currency: string;
  /** SMS per second the provider takes (RATE_TWILIO_PER_SECOND); 0: unpaced */
  smsPerSecond: number;
  maxSegments: number;
}

/** BroadcastOptions but the time: what the configuration gives. */
export type BroadcastPolicy = Omit<BroadcastOptions, 'now'>;

export type BroadcastStatus = 'previewed' | 'confirmed' | 'cancelled';

/**
 * Where a broadcast's messages can go: the zone of people without one, the configured channels, and
 * whether they stay in the simulator (a simulated conversation's notice, or a gateway with no
 * provider, where every channel counts as reachable).
 */
export interface Reach {
  defaultTimezone: string;
  reachable: readonly Channel[];
  simulated: boolean;
}

/** Broadcasts kept (adapters/db/broadcastStore.ts): the audience's candidates, a preview with its frozen recipients, planning, cancelling. */
export interface BroadcastStore {
  /** People the audience names, only those under `authority` when given (their manager chain), as `previewBroadcast` needs them. */
  candidates(audience: Audience, authority: string | null, at: Date, reach: Reach): Promise<Candidate[]>;
  /** Keeps a preview and its recipients, frozen: what confirming it plans. Answers its id. */
  save(request: BroadcastRequest, preview: BroadcastPreview, by: Sender, at: Date, reach: Reach): Promise<string>;
  /** Plans the recipients of a previewed broadcast, once: a second confirmation plans nothing and answers the status that stood. */
  confirm(id: string, at: Date): Promise<{ planned: number } | { status: BroadcastStatus | 'not-found' }>;
  /** Cancels what has not left. */
  cancel(id: string, at: Date): Promise<{ cancelled: number } | { status: BroadcastStatus | 'not-found' }>;
}

/** Who sends a broadcast: the operator at the console or API (null by SMS), and the person whose people it may reach (null: an admin's, anyone). */
export interface Sender {
  operator: string | null;
  authority: string | null;
}

/**
 * A request checked, previewed for its audience within the sender's authority, and kept with its
 * recipients to confirm: the one way of the console, the API and a manager's NOTICE by SMS.
 */
export async function prepareBroadcast(
  store: BroadcastStore,
  request: BroadcastRequest,
  by: Sender,
  options: BroadcastOptions,
  reach: Reach,
): Promise<Result<{ id: string; preview: BroadcastPreview }>> {
  const checked = checkRequest(request, options);
  if (!checked.ok) return checked;
  const candidates = await store.candidates(checked.value.audience, by.authority, checked.value.sendAt ?? options.now, reach);
  const preview = previewBroadcast(checked.value, candidates, options);
  if (!preview.ok) return preview;
  return ok({ id: await store.save(checked.value, preview.value, by, options.now, reach), preview: preview.value });
}

/** A text's SMS parts (splitForSms) and their segments. */
export function textCost(text: string): { parts: number; segments: number; encoding: SegmentInfo['encoding'] } {
  const parts = splitForSms(text).map(segmentInfo);
  return {
    parts: parts.length,
    segments: parts.reduce((sum, p) => sum + p.segments, 0),
    encoding: parts.some((p) => p.encoding === 'UCS-2') ? 'UCS-2' : 'GSM-7',
  };
}

const hasCriteria = (audience: Audience) => Object.values(audience).some((values) => Array.isArray(values) && values.length > 0);

/** What is wrong with a request before anyone is looked up, or null. */
export function checkRequest(request: BroadcastRequest, options: Pick<BroadcastOptions, 'now' | 'maxSegments'>): Result<BroadcastRequest> {
  if (!hasCriteria(request.audience)) return fail({ code: 'BROADCAST.NO_AUDIENCE' });
  const texts = Object.entries(request.texts).filter(([, text]) => text !== undefined) as [Language, string][];
  if (texts.length === 0 || texts.every(([, text]) => text.trim() === '')) return fail({ code: 'BROADCAST.NO_TEXT', language: null });
  for (const [language, text] of texts) {
    const { segments } = textCost(text.trim());
    if (segments > options.maxSegments) return fail({ code: 'BROADCAST.TOO_LONG', language, segments, max: options.maxSegments });
  }
  if (request.sendAt) {
    if (request.sendAt.getTime() < options.now.getTime() - 60_000) return fail({ code: 'BROADCAST.SEND_AT', reason: 'past' });
    if (request.sendAt.getTime() > DateTime.fromJSDate(options.now).plus({ days: maxDaysAhead }).toMillis())
      return fail({ code: 'BROADCAST.SEND_AT', reason: 'too-far' });
  }
  return ok({ ...request, texts: Object.fromEntries(texts.map(([language, text]) => [language, text.trim()])) });
}

/**
 * The preview of a checked request for the audience's candidates: who gets it on which channel and
 * from when, who does not and why, per-language segments, cost by channel, and when the last will
 * have it (each recipient's window opening, then the SMS provider's pace in that order). Refused when
 * nobody is left, or when a language some recipient needs has no text.
 */
export function previewBroadcast(request: BroadcastRequest, candidates: readonly Candidate[], options: BroadcastOptions): Result<BroadcastPreview> {
  const start = request.sendAt && request.sendAt > options.now ? request.sendAt : options.now;
  const recipients: Recipient[] = [];
  const excluded: BroadcastPreview['excluded'] = [];
  // Everyone starts at the same instant: a zone's opening (and its next day's, for the capped) is worked out once.
  const openings = new Map<string, { opening: Date; nextDay: Date }>();
  const openingIn = (zone: string) => {
    let known = openings.get(zone);
    if (!known) {
      const opening = earliestSend(start, zone, 'broadcast', options.policy);
      const nextDay = earliestSend(DateTime.fromJSDate(opening, { zone }).plus({ days: 1 }).startOf('day').toJSDate(), zone, 'broadcast', options.policy);
      openings.set(zone, (known = { opening, nextDay }));
    }
    return known;
  };
  for (const c of candidates) {
    const channel = channelPreference.find((ch) => c.addresses[ch] && !c.optedOut.includes(ch));
    if (!channel) {
      const reachable = channelPreference.filter((ch) => c.addresses[ch]);
      excluded.push({ person: c.id, name: c.name, why: reachable.length > 0 ? 'opted-out' : 'unreachable' });
      continue;
    }
    const { opening, nextDay } = openingIn(c.zone);
    const capped = options.policy.dailyCap > 0 && c.countedToday >= options.policy.dailyCap;
    const notBefore = capped ? nextDay : opening;
    recipients.push({
      person: c.id,
      name: c.name,
      language: c.language,
      channel,
      address: c.addresses[channel]!,
      notBefore,
      heldFor: capped ? 'daily-cap' : opening > start ? 'quiet-hours' : null,
    });
  }
  const found = new Set(candidates.map((c) => c.id));
  for (const id of new Set(request.audience.people ?? [])) if (!found.has(id)) excluded.push({ person: id, name: id, why: 'unknown' });
  if (recipients.length === 0) return fail({ code: 'BROADCAST.NOBODY', excluded: excluded.length });
  const needed = [...new Set(recipients.map((r) => r.language))];
  const missing = needed.filter((language) => !request.texts[language]);
  if (missing.length > 0)
    return fail({ code: 'BROADCAST.NO_TEXT', language: missing[0]!, recipients: recipients.filter((r) => r.language === missing[0]).length });
  const texts = Object.fromEntries(needed.map((language) => [language, textCost(request.texts[language]!)])) as BroadcastPreview['texts'];
  const byChannel: BroadcastPreview['byChannel'] = {};
  for (const r of recipients) {
    const entry = (byChannel[r.channel] ??= { recipients: 0, segments: 0, cost: 0 });
    entry.recipients += 1;
    if (r.channel === 'sms') entry.segments += texts[r.language]!.segments;
  }
  if (byChannel.sms) byChannel.sms.cost = Math.round(byChannel.sms.segments * options.pricePerSegment * 10_000) / 10_000;
  return ok({ recipients, excluded, texts, byChannel, cost: byChannel.sms?.cost ?? 0, finishedBy: finishTime(recipients, texts, options.smsPerSecond) });
}

/** The last recipient's send time: each leaves at its window's opening, SMS parts one after another at the provider's pace. */
function finishTime(recipients: readonly Recipient[], texts: BroadcastPreview['texts'], smsPerSecond: number): Date | null {
  if (recipients.length === 0) return null;
  const sms = recipients.filter((r) => r.channel === 'sms').sort((a, b) => a.notBefore.getTime() - b.notBefore.getTime());
  let last = 0;
  for (const r of recipients) last = Math.max(last, r.notBefore.getTime());
  if (smsPerSecond > 0) {
    let free = 0;
    for (const r of sms) {
      const parts = texts[r.language]!.parts;
      free = Math.max(free, r.notBefore.getTime()) + (parts * 1000) / smsPerSecond;
      last = Math.max(last, free);
    }
  }
  return new Date(last);
}
