import { gate, localDay, priorityOf, type ContactPolicy, type GateDecision } from '../../domain/contactPolicy';
import type { Channel, ProactiveKind } from '../../domain/messages';
import { memoized } from '../../domain/memo';
import { earlyMinutes } from '../../domain/roster';
import type { Sql } from './sql';

/**
 * The contact policy at the moment proactive messages are claimed for sending, for a batch at a
 * time. The recipients' rows are locked while their day's count is read and the batch's decisions
 * written, so two dispatchers never both take the last slot under the cap.
 */
export interface GatedMessage {
  id: string;
  kind: ProactiveKind;
  channel: Channel;
  to: string;
  personId: string | null;
  expiresAt: Date | null;
  reason: string | null;
}

/** Still true? One query per kind of reason: `invoice:INV-1` holds while the invoice is open. */
const reasonChecks: Record<string, (sql: Sql, keys: string[], defaultTimezone: string) => Promise<string[]>> = {
  async invoice(sql, numbers) {
    return (await sql.query<{ number: string }>('select number from invoices where number = any($1::text[]) and amount > paid_amount', [numbers])).map(
      (r) => r.number,
    );
  },
  // `checkin:Ann/2026-11-23`: still not checked in that local day
  async checkin(sql, keys, defaultTimezone) {
    const rows = await sql.query<{ key: string }>(
      `select k.key from unnest($1::text[]) as k(key)
        where not exists (select 1 from checkins c join people p on p.id = c.person
                           where c.person = split_part(k.key, '/', 1)
                             and (c.opened_at at time zone coalesce(p.timezone, $2))::date = split_part(k.key, '/', 2)::date)`,
      [keys, defaultTimezone],
    );
    return rows.map((r) => r.key);
  },
  // `shift:Ann/2026-12-07T01:00:00.000Z`: still no check-in for the rostered shift starting then (from the hour before it)
  async shift(sql, keys) {
    const rows = await sql.query<{ key: string }>(
      `select k.key from unnest($1::text[]) as k(key)
        where not exists (select 1 from checkins c where c.person = split_part(k.key, '/', 1)
                           and c.opened_at >= split_part(k.key, '/', 2)::timestamptz - interval '${earlyMinutes} minutes')`,
      [keys],
    );
    return rows.map((r) => r.key);
  },
  // `sales:Ann/2026-11-23`: still no sell-out report of theirs for that day
  async sales(sql, keys) {
    const rows = await sql.query<{ key: string }>(
      `select k.key from unnest($1::text[]) as k(key)
        where not exists (select 1 from sell_out_reports r where r.person = split_part(k.key, '/', 1) and r.day = split_part(k.key, '/', 2)::date)`,
      [keys],
    );
    return rows.map((r) => r.key);
  },
  // `broadcast:12`: until the broadcast is cancelled
  async broadcast(sql, ids) {
    const rows = await sql.query<{ id: string }>(`select id::text from broadcasts where id = any($1::bigint[]) and status = 'confirmed'`, [
      ids.filter((id) => /^\d{1,18}$/.test(id)),
    ]);
    return rows.map((r) => r.id);
  },
  async alert(sql, ids) {
    const rows = await sql.query<{ id: string }>(
      'select id::text from alerts where id = any($1::bigint[]) and acknowledged_at is null and resolved_at is null',
      [ids.filter((id) => /^\d{1,18}$/.test(id))],
    );
    return rows.map((r) => r.id);
  },
};

/** Statuses of a message that reached (or is reaching) the person: what the daily cap counts. */
export const countedStatuses = ['sending', 'queued', 'accepted', 'sent', 'delivered', 'undelivered'];

/** Decides each message (same order as given) and records the decisions; the caller sends those answered `send`. */
export async function applyContactPolicy(
  sql: Sql,
  messages: readonly GatedMessage[],
  now: Date,
  policy: ContactPolicy & { defaultTimezone: string },
): Promise<GateDecision[]> {
  if (messages.length === 0) return [];
  return sql.transaction(async (tx) => {
    const personIds = [...new Set(messages.flatMap((m) => (m.personId ? [m.personId] : [])))];
    const people = await tx.query<{ id: string; timezone: string | null }>(
      'select id, timezone from people where id = any($1::text[]) order by id for update',
      [personIds],
    );
    const zoneOf = new Map(people.map((p) => [p.id, p.timezone ?? policy.defaultTimezone]));
    const zone = (m: GatedMessage) => (m.personId && zoneOf.get(m.personId)) || policy.defaultTimezone;

    const optedOut = new Set(
      (
        await tx.query<{ key: string }>(
          `select o.channel || ' ' || o.address as key from contact_opt_outs o join unnest($1::text[], $2::text[]) as k(channel, address) using (channel, address)`,
          [messages.map((m) => m.channel), messages.map((m) => m.to)],
        )
      ).map((r) => r.key),
    );
    const holding = await reasonsHolding(tx, messages, policy.defaultTimezone);

    // Today's count per person, on their own calendar, and what else is due for them now.
    const dayIn = new Map<string, { start: Date; end: Date }>();
    const days = personIds.map((id) => {
      const z = zoneOf.get(id) ?? policy.defaultTimezone;
      if (!dayIn.has(z)) dayIn.set(z, localDay(now, z));
      return dayIn.get(z)!;
    });
    const counts = await tx.query<{ person: string; sent: number; waiting: string[] | null }>(
      `select k.person,
              (select count(*) from outbox o where o.person = k.person and o.kind <> 'reply' and o.sent_at >= k.day_start and o.sent_at < k.day_end
                  and o.status = any($4::text[]))::int as sent,
              (select array_agg(o.kind) from outbox o where o.person = k.person and o.kind <> 'reply' and o.sent_at is null
                  and o.status in ('pending', 'sending') and coalesce(o.not_before, o.created_at) <= $5 and not (o.id = any($6::bigint[]))) as waiting
         from unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) as k(person, day_start, day_end)`,
      [personIds, days.map((d) => d.start), days.map((d) => d.end), countedStatuses, now, messages.map((m) => m.id)],
    );
    const today = new Map(counts.map((c) => [c.person, { sent: Number(c.sent), waiting: (c.waiting ?? []) as ProactiveKind[] }]));

    // One instant, few zones: each zone's calendar is worked out once per batch (luxon's zone math is not free).
    const decide = memoized(
      (m: GatedMessage, counted: number) => `${m.kind} ${zone(m)} ${m.expiresAt?.getTime() ?? ''} ${policy.dailyCap > 0 && counted >= policy.dailyCap}`,
      (m: GatedMessage, counted: number) =>
        gate({ kind: m.kind, zone: zone(m), expiresAt: m.expiresAt, optedOut: false, reasonHolds: true, countedToday: counted }, now, policy),
    );
    // The most urgent first: within a batch an approval request takes its slot before a birthday.
    const order = messages
      .map((m, i) => i)
      .sort((a, b) => priorityOf(messages[a]!.kind) - priorityOf(messages[b]!.kind) || Number(messages[a]!.id) - Number(messages[b]!.id));
    const decisions: GateDecision[] = new Array(messages.length);
    for (const i of order) {
      const m = messages[i]!;
      const day = m.personId ? today.get(m.personId) : undefined;
      const ahead = day ? day.waiting.filter((kind) => priorityOf(kind) < priorityOf(m.kind)).length : 0;
      const decision: GateDecision = optedOut.has(`${m.channel} ${m.to}`)
        ? { cancel: 'OPTED_OUT' }
        : m.reason !== null && !holding.has(m.reason)
          ? { cancel: 'REASON_GONE' }
          : decide(m, (day?.sent ?? 0) + ahead);
      if ('send' in decision && day) day.sent += 1;
      decisions[i] = decision;
    }

    const ids = (pick: (d: GateDecision) => boolean) => messages.filter((_, i) => pick(decisions[i]!)).map((m) => m.id);
    const deferred = messages.flatMap((m, i) => {
      const decision = decisions[i]!;
      return 'defer' in decision ? [{ id: m.id, until: decision.defer, why: decision.why }] : [];
    });
    const cancelled = messages.flatMap((m, i) => ('cancel' in decisions[i]! ? [{ id: m.id, code: (decisions[i] as { cancel: string }).cancel }] : []));
    await tx.query('update outbox set sent_at = $2 where id = any($1::bigint[])', [ids((d) => 'send' in d), now]);
    if (deferred.length > 0) {
      await tx.query(
        `update outbox o set status = 'pending', not_before = d.until, held_for = d.why, released_at = null, attempts = o.attempts - 1, updated_at = now()
           from unnest($1::bigint[], $2::timestamptz[], $3::text[]) as d(id, until, why) where o.id = d.id`,
        [deferred.map((d) => d.id), deferred.map((d) => d.until), deferred.map((d) => d.why)],
      );
    }
    if (cancelled.length > 0) {
      await tx.query(
        `update outbox o set status = 'cancelled', error_code = c.code, updated_at = now()
           from unnest($1::bigint[], $2::text[]) as c(id, code) where o.id = c.id`,
        [cancelled.map((c) => c.id), cancelled.map((c) => c.code)],
      );
    }
    return decisions;
  });
}

async function reasonsHolding(sql: Sql, messages: readonly GatedMessage[], defaultTimezone: string): Promise<Set<string>> {
  const byKind = new Map<string, string[]>();
  for (const { reason } of messages) {
    if (!reason) continue;
    const [kind, key] = [reason.slice(0, reason.indexOf(':')), reason.slice(reason.indexOf(':') + 1)];
    byKind.set(kind, [...(byKind.get(kind) ?? []), key]);
  }
  const holding = new Set<string>();
  for (const [kind, keys] of byKind) {
    const check = reasonChecks[kind];
    if (!check) throw new Error(`no check for message reason "${kind}"`);
    for (const key of await check(sql, keys, defaultTimezone)) holding.add(`${kind}:${key}`);
  }
  return holding;
}
