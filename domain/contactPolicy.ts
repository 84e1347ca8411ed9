import { DateTime } from 'luxon';
import { proactiveKinds, type ProactiveKind } from './messages';
import { fail, ok, type Result } from './result';

/**
 * The contact policy every proactive message passes before it leaves (replies to a person's own
 * message are exempt): the recipient's opt-out, whether what it is about still holds, quiet hours
 * in the recipient's own time zone, and a daily cap across kinds with a priority order.
 */
export interface ContactPolicy {
  windows: Record<ProactiveKind, SendWindow>;
  /** proactive messages per person per local day; 0: no cap */
  dailyCap: number;
}

/** Minutes after local midnight: [open, close). open > close wraps past midnight; 00:00-24:00 is always open. */
export interface SendWindow {
  open: number;
  close: number;
}

export const defaultWindow: SendWindow = { open: 9 * 60, close: 20 * 60 };

/**
 * Kinds whose own default differs from the unnamed window: a promoter's 21:00 "no sales report yet"
 * reminder must be able to go; a notice to the whole network keeps to working hours (10:00–19:00), a dealer's monthly
 * statement to office hours (09:00–18:00). Naming the kind in SEND_WINDOWS overrides it.
 */
const kindDefaults: Partial<Record<ProactiveKind, SendWindow>> = {
  reminder: { open: 7 * 60, close: 22 * 60 },
  broadcast: { open: 10 * 60, close: 19 * 60 },
  statement: { open: 9 * 60, close: 18 * 60 },
};

/** Approval requests and alerts are never held back by the cap (they still count toward it). */
const uncapped: readonly ProactiveKind[] = ['approval', 'alert'];

/** Lower is more urgent: the order of proactiveKinds. */
export const priorityOf = (kind: ProactiveKind): number => proactiveKinds.indexOf(kind);

/**
 * `09:00-20:00,alert=08:00-22:00,approval=00:00-24:00`: an unnamed window is every kind's default,
 * a named one overrides it for that kind.
 */
export function parseSendWindows(spec: string): Result<Record<ProactiveKind, SendWindow>, string> {
  let fallback = defaultWindow;
  const named: Partial<Record<ProactiveKind, SendWindow>> = {};
  for (const part of spec
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const [, kind, times] = /^(?:([a-z-]+)=)?(.*)$/.exec(part)!;
    const window = parseWindow(times!);
    if (!window.ok) return fail(`"${part}" is not [kind=]HH:MM-HH:MM${window.error === 'not a time of day' ? ': not a time of day' : ''}`);
    if (kind === undefined) fallback = window.value;
    else if ((proactiveKinds as readonly string[]).includes(kind)) named[kind as ProactiveKind] = window.value;
    else return fail(`unknown message kind "${kind}" (kinds: ${proactiveKinds.join(', ')})`);
  }
  return ok(Object.fromEntries(proactiveKinds.map((kind) => [kind, named[kind] ?? kindDefaults[kind] ?? fallback])) as Record<ProactiveKind, SendWindow>);
}

/** One window, `HH:MM-HH:MM` (working hours, say). */
export function parseWindow(spec: string): Result<SendWindow, string> {
  const match = /^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$/.exec(spec.trim());
  if (!match) return fail(`"${spec}" is not HH:MM-HH:MM`);
  const [, h1, m1, h2, m2] = match;
  const open = Number(h1) * 60 + Number(m1);
  const close = Number(h2) * 60 + Number(m2);
  if (open > 24 * 60 || close > 24 * 60 || Number(m1) > 59 || Number(m2) > 59) return fail('not a time of day');
  return ok({ open, close });
}

const alwaysOpen = (w: SendWindow) => w.open === w.close || (w.open === 0 && w.close >= 24 * 60);

/**
 * The first instant at or after `at` inside the window, on the recipient's wall clock. Computed on
 * local dates, so a daylight-saving change neither skips a day nor opens twice (luxon moves an
 * opening that falls in a spring-forward gap to just after it).
 */
export function nextOpening(at: Date, zone: string, window: SendWindow): Date {
  if (alwaysOpen(window)) return at;
  const local = DateTime.fromJSDate(at, { zone });
  const minute = local.hour * 60 + local.minute;
  const inside = window.open < window.close ? minute >= window.open && minute < window.close : minute >= window.open || minute < window.close;
  if (inside) return at;
  const openingOn = (day: DateTime) => day.startOf('day').set({ hour: Math.floor(window.open / 60), minute: window.open % 60 });
  const today = openingOn(local);
  return (today > local ? today : openingOn(local.plus({ days: 1 }))).toJSDate();
}

/** The local calendar day around `at` in `zone`, as instants: [start, end). */
export function localDay(at: Date, zone: string): { start: Date; end: Date } {
  const day = DateTime.fromJSDate(at, { zone }).startOf('day');
  return { start: day.toJSDate(), end: day.plus({ days: 1 }).toJSDate() };
}

/** What the gate knows about one proactive message when it is due. */
export interface GateInput {
  kind: ProactiveKind;
  zone: string;
  expiresAt: Date | null;
  optedOut: boolean;
  /** false: what it is about has gone (the invoice was paid, the alert acknowledged) */
  reasonHolds: boolean;
  /** proactive messages this person got today, plus those due now that outrank this one */
  countedToday: number;
}

/** `defer`: until when, and why (the recipient's quiet hours, or their daily cap reached). */
export type GateDecision = { send: true } | { defer: Date; why: 'quiet-hours' | 'daily-cap' } | { cancel: 'OPTED_OUT' | 'REASON_GONE' | 'EXPIRED' | 'CAPPED' };

/** Decides one due message: send it now, hold it until the window opens (or tomorrow's, when capped), or cancel it. */
export function gate(message: GateInput, now: Date, policy: ContactPolicy): GateDecision {
  if (message.optedOut) return { cancel: 'OPTED_OUT' };
  if (!message.reasonHolds) return { cancel: 'REASON_GONE' };
  if (message.expiresAt && message.expiresAt <= now) return { cancel: 'EXPIRED' };
  const window = policy.windows[message.kind];
  const opening = nextOpening(now, message.zone, window);
  if (opening > now) return message.expiresAt && message.expiresAt <= opening ? { cancel: 'EXPIRED' } : { defer: opening, why: 'quiet-hours' };
  if (policy.dailyCap > 0 && !uncapped.includes(message.kind) && message.countedToday >= policy.dailyCap) {
    const tomorrow = nextOpening(localDay(now, message.zone).end, message.zone, window);
    return message.expiresAt && message.expiresAt <= tomorrow ? { cancel: 'CAPPED' } : { defer: tomorrow, why: 'daily-cap' };
  }
  return { send: true };
}

/** When a message planned at `at` may first leave: at once, or when the recipient's window opens. */
export const earliestSend = (at: Date, zone: string, kind: ProactiveKind, policy: ContactPolicy): Date => nextOpening(at, zone, policy.windows[kind]);
