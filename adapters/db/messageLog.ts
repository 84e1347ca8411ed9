import type { Channel, DeliveryStatus, InboundMessage, InboundPayload, Keyboard, Transport } from '../../domain/messages';
import type { OutboxMessage, SendReceipt } from '../../domain/ports';
import type { ContactPolicy, GateDecision } from '../../domain/contactPolicy';
import type { MessageKind, MessageReading, ProactiveKind } from '../../domain/messages';
import { applyContactPolicy } from './contactGate';
import { statement, type Sql } from './sql';

/** The inbox and outbox as the gateway and the dispatcher use them: intake, sending, delivery reports, the log. */

export interface IncomingMessage {
  channel: Channel;
  transport: Transport;
  externalId: string;
  from: string;
  to: string | null;
  text: string;
  payload?: InboundPayload | null;
}

export interface StoredInbound {
  message: InboundMessage;
  /** still waiting for processing: a provider retry of a processed message needs nothing */
  pending: boolean;
  duplicate: boolean;
}

/**
 * Stores messages durably, once per (transport, external id), in one statement however many
 * arrive together. A repeated id (a provider retry, even inside the same batch) answers the row
 * stored first.
 */
export async function storeInbound(sql: Sql, messages: readonly IncomingMessage[]): Promise<StoredInbound[]> {
  const key = (transport: string, externalId: string) => `${transport}\u0000${externalId}`;
  const inserted = await sql.query<StoredRow>(insertInbound, [
    messages.map((m) => m.channel),
    messages.map((m) => m.transport),
    messages.map((m) => m.externalId),
    messages.map((m) => m.from),
    messages.map((m) => m.to),
    messages.map((m) => m.text),
    messages.map((m) => (m.payload ? JSON.stringify(m.payload) : null)),
  ]);
  const rows = new Map(inserted.map((row) => [key(row.transport, row.external_id), row]));
  const fresh = new Set(rows.keys());
  const missing = messages.filter((m) => !rows.has(key(m.transport, m.externalId)));
  if (missing.length > 0) {
    // Stored before: this second statement sees rows a concurrent retry committed meanwhile.
    const existing = await sql.query<StoredRow>(
      `select i.id, i.transport, i.external_id, i.status, i.received_at
         from inbox i join unnest($1::text[], $2::text[]) as k(transport, external_id) using (transport, external_id)`,
      [missing.map((m) => m.transport), missing.map((m) => m.externalId)],
    );
    for (const row of existing) rows.set(key(row.transport, row.external_id), row);
  }
  return messages.map((m) => {
    const k = key(m.transport, m.externalId);
    const row = rows.get(k);
    if (!row) throw new Error(`storing ${m.transport} message ${m.externalId}: neither inserted nor found`);
    const first = fresh.delete(k); // only the first of repeated ids in a batch counts as new
    return {
      message: {
        inboxId: String(row.id),
        channel: m.channel,
        transport: m.transport,
        from: m.from,
        text: m.text,
        payload: m.payload ?? null,
        receivedAt: new Date(row.received_at),
      },
      pending: row.status === 'received',
      duplicate: !first,
    };
  });
}

const insertInbound = statement(
  'inbox.store',
  `insert into inbox (channel, transport, external_id, sender, recipient, body, payload)
   select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[])
   on conflict (transport, external_id) do nothing
   returning id, transport, external_id, status, received_at`,
);

interface StoredRow {
  id: string;
  transport: string;
  external_id: string;
  status: string;
  received_at: Date;
}

export async function markInboundFailed(sql: Sql, inboxId: string): Promise<void> {
  await sql.query(`update inbox set status = 'failed', processed_at = now() where id = $1 and status = 'received'`, [inboxId]);
}

const claimOutbound = statement(
  'outbox.claim',
  `update outbox set status = 'sending', attempts = attempts + 1, updated_at = now(), sending_since = now()
    where id = any($1::bigint[]) and status = 'pending' and (not_before is null or not_before <= $2)
    returning id, channel, transport, recipient, body, keyboard, attempts, kind, person, expires_at, reason`,
);

/** An outbox row as a claim for sending answers it. */
export interface ClaimedRow {
  id: string;
  channel: Channel;
  transport: Transport;
  recipient: string;
  body: string;
  keyboard: Keyboard | null;
  attempts: number;
  kind: MessageKind;
}

/**
 * Takes due outbox messages for sending, once: a second worker or a retried job gets null for each.
 * Proactive messages pass the contact policy first; one it holds back or cancels is null too.
 */
export async function claimForSending(
  sql: Sql,
  outboxIds: readonly string[],
  now: Date,
  policy: ContactPolicy & { defaultTimezone: string },
  onDecision: (kind: ProactiveKind, decision: GateDecision) => void = () => undefined,
): Promise<(OutboxMessage | null)[]> {
  const rows = await sql.query<ClaimedRow & { person: string | null; expires_at: Date | null; reason: string | null }>(claimOutbound, [outboxIds, now]);
  const proactive = rows.filter((row) => row.kind !== 'reply');
  const decisions = await applyContactPolicy(
    sql,
    proactive.map((row) => ({
      id: String(row.id),
      kind: row.kind as ProactiveKind,
      channel: row.channel,
      to: row.recipient,
      personId: row.person,
      expiresAt: row.expires_at && new Date(row.expires_at),
      reason: row.reason,
    })),
    now,
    policy,
  );
  proactive.forEach((row, i) => onDecision(row.kind as ProactiveKind, decisions[i]!));
  const held = new Set(proactive.filter((_, i) => !('send' in decisions[i]!)).map((row) => String(row.id)));
  const claimed = new Map(
    rows
      .filter((row) => !held.has(String(row.id)))
      .map((row) => [
        String(row.id),
        {
          id: String(row.id),
          channel: row.channel,
          transport: row.transport,
          to: row.recipient,
          text: row.body,
          keyboard: row.keyboard,
          attempts: row.attempts,
          kind: row.kind,
        },
      ]),
  );
  return outboxIds.map((id) => claimed.get(id) ?? null);
}

/** A claimed message that must wait for its turn at the provider goes back to pending, its attempt unspent. */
export async function releaseClaim(sql: Sql, outboxId: string): Promise<void> {
  await sql.query(`update outbox set status = 'pending', attempts = attempts - 1, sent_at = null, updated_at = now() where id = $1 and status = 'sending'`, [
    outboxId,
  ]);
}

export async function recordSent(sql: Sql, sent: readonly { outboxId: string; receipt: SendReceipt }[]): Promise<void[]> {
  await sql.query(recordSentStatement, [sent.map((s) => s.outboxId), sent.map((s) => s.receipt.status), sent.map((s) => s.receipt.providerId)]);
  return sent.map(() => undefined);
}

const deliveryOrder: DeliveryStatus[] = ['pending', 'sending', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed'];
/** SQL for a status's place in the order a message moves through; the three final ones rank alike. */
function rank(expression: string): string {
  const cases = deliveryOrder.map((status, i) => `when '${status}' then ${Math.min(i, 5)}`).join(' ');
  return `(case ${expression}::text ${cases} else 0 end)`;
}

// A delivery report may have overtaken the API's answer: never move a status backwards.
// Planned on each call, not prepared: a plan made while the outbox was small (a new installation, or
// statistics not yet gathered: autovacuum off) joined it by a sequential scan, kept for the
// connection's life, which cost 8 ms a call at 60,000 rows instead of 0.7 (and grew with the table).
const recordSentStatement = `update outbox o set status = case when ${rank('o.status')} > ${rank('r.status')} then o.status else r.status end,
          provider_id = r.provider_id, error_code = null, error_message = null, sent_at = coalesce(o.sent_at, now()), updated_at = now()
     from unnest($1::bigint[], $2::text[], $3::text[]) as r(id, status, provider_id)
    where o.id = r.id`;

/** `pending` puts the message back for a retry; `failed` is final. */
export async function recordSendFailure(sql: Sql, outboxId: string, status: 'pending' | 'failed', code: string | null, message: string): Promise<void> {
  await sql.query(`update outbox set status = $2, error_code = $3, error_message = left($4, 500), updated_at = now() where id = $1 and status = 'sending'`, [
    outboxId,
    status,
    code,
    message,
  ]);
}

/**
 * A delivery report from the provider: found by our id (carried in the callback URL) or the
 * provider's; applied only forwards. Answers the recipient, or null when no message matched.
 */
export async function recordDeliveryStatus(
  sql: Sql,
  report: { outboxId: string | null; providerId: string; status: DeliveryStatus; errorCode: string | null },
): Promise<{ id: string; channel: Channel; recipient: string } | null> {
  const rows = await sql.query<{ id: string; channel: Channel; recipient: string }>(
    `update outbox set status = case when ${rank('status')} > ${rank('$3')} then status else $3 end,
            provider_id = coalesce(provider_id, $2),
            error_code = coalesce($4, error_code), updated_at = now()
      where ($1::bigint is not null and id = $1::bigint) or ($1::bigint is null and provider_id = $2)
      returning id::text, channel, recipient`,
    [report.outboxId, report.providerId, report.status, report.errorCode],
  );
  return rows[0] ?? null;
}

export interface LoggedMessage {
  id: string;
  direction: 'in' | 'out';
  channel: Channel;
  transport: Transport;
  peer: string;
  text: string;
  /** reply, or the proactive kind (outbound only) */
  kind: MessageKind | null;
  status: string;
  segments: number | null;
  encoding: string | null;
  errorCode: string | null;
  errorMessage: string | null;
  /** the message an outbound one answers */
  inReplyTo: string | null;
  /** how a free text was understood (inbound only) */
  reading: MessageReading | null;
  keyboard: Keyboard | null;
  at: Date;
}

interface LoggedRow {
  id: string;
  direction: 'in' | 'out';
  channel: Channel;
  transport: Transport;
  peer: string;
  text: string;
  kind: MessageKind | null;
  status: string;
  segments: number | null;
  encoding: string | null;
  error_code: string | null;
  error_message: string | null;
  in_reply_to: string | null;
  reading: MessageReading | null;
  keyboard: Keyboard | null;
  at: Date;
}

const inboundLogged = `select id::text, 'in' as direction, channel, transport, sender as peer, body as text, null::text as kind, status,
  null::int as segments, null::text as encoding, null::text as error_code, null::text as error_message, null::text as in_reply_to, reading,
  null::jsonb as keyboard, received_at as at from inbox`;
const outboundLogged = `select id::text, 'out', channel, transport, recipient, body, kind, status, segments, encoding, error_code, error_message,
  in_reply_to::text, null::jsonb, keyboard, created_at from outbox`;

const toLogged = (row: LoggedRow): LoggedMessage => ({
  id: String(row.id),
  direction: row.direction,
  channel: row.channel,
  transport: row.transport,
  peer: row.peer,
  text: row.text,
  kind: row.kind,
  status: row.status,
  segments: row.segments,
  encoding: row.encoding,
  errorCode: row.error_code,
  errorMessage: row.error_message,
  inReplyTo: row.in_reply_to,
  reading: row.reading,
  keyboard: row.keyboard,
  at: new Date(row.at),
});

/**
 * The message log, newest first: inbound and outbound, optionally for one peer (phone or tg: id)
 * and in one status (`failed`: the dead letters, with the provider's code).
 */
export async function listMessages(sql: Sql, filter: { peer: string | null; status: string | null; limit: number }): Promise<LoggedMessage[]> {
  const rows = await sql.query<LoggedRow>(
    `(${inboundLogged} where ($1::text is null or sender = $1) and ($3::text is null or status = $3) order by id desc limit $2)
     union all
     (${outboundLogged} where ($1::text is null or recipient = $1) and ($3::text is null or status = $3) order by id desc limit $2)
     order by at desc, direction asc, id desc limit $2`,
    [filter.peer, filter.limit, filter.status],
  );
  return rows.map(toLogged);
}

/** Messages by id, in and out (the console's live view renders the rows its events name). */
export async function loggedMessages(sql: Sql, inboxIds: readonly string[], outboxIds: readonly string[]): Promise<LoggedMessage[]> {
  if (inboxIds.length === 0 && outboxIds.length === 0) return [];
  const rows = await sql.query<LoggedRow>(
    `(${inboundLogged} where id = any($1::bigint[])) union all (${outboundLogged} where id = any($2::bigint[])) order by at, direction, id`,
    [inboxIds, outboxIds],
  );
  return rows.map(toLogged);
}

/** Segments and messages handed to providers in [from, to), by kind and channel: what SMS cost. */
export async function sentVolume(sql: Sql, from: Date, to: Date): Promise<{ kind: MessageKind; channel: Channel; messages: number; segments: number }[]> {
  const rows = await sql.query<{ kind: MessageKind; channel: Channel; messages: number; segments: number }>(
    `select kind, channel, count(*)::int as messages, coalesce(sum(segments), 0)::int as segments
       from outbox
      where sent_at >= $1 and sent_at < $2 and status in ('queued', 'accepted', 'sent', 'delivered', 'undelivered')
      group by kind, channel order by kind, channel`,
    [from, to],
  );
  return rows.map((row) => ({ ...row, messages: Number(row.messages), segments: Number(row.segments) }));
}

export async function inboundStatus(sql: Sql, inboxId: string): Promise<string | null> {
  const [row] = await sql.query<{ status: string }>('select status from inbox where id = $1', [inboxId]);
  return row?.status ?? null;
}

/** Whether some reply to the message has not left yet (pending or being sent). */
export async function repliesLeaving(sql: Sql, inboxId: string): Promise<boolean> {
  const rows = await sql.query(`select 1 from outbox where in_reply_to = $1 and status in ('pending', 'sending') limit 1`, [inboxId]);
  return rows.length > 0;
}

/** The transport the latest message from an address came by, if any came. */
export async function lastTransportFrom(sql: Sql, sender: string): Promise<Transport | null> {
  const [row] = await sql.query<{ transport: Transport }>('select transport from inbox where sender = $1 order by id desc limit 1', [sender]);
  return row?.transport ?? null;
}

/** The replies to one message, with their buttons where they have some. */
export async function repliesTo(sql: Sql, inboxId: string): Promise<{ to: string; text: string; channel: Channel; keyboard?: Keyboard }[]> {
  const rows = await sql.query<{ to: string; text: string; channel: Channel; keyboard: Keyboard | null }>(
    `select recipient as "to", body as text, channel, keyboard from outbox where in_reply_to = $1 order by id`,
    [inboxId],
  );
  return rows.map(({ keyboard, ...reply }) => (keyboard ? { ...reply, keyboard } : reply));
}

/** The reply behind a choice offered under an outbox message to this recipient (a WeChat menu option tapped), or null. */
export async function choiceSent(sql: Sql, outboxId: string, recipient: string, index: number): Promise<string | null> {
  const [row] = await sql.query<{ keyboard: Keyboard | null }>('select keyboard from outbox where id = $1::bigint and recipient = $2', [outboxId, recipient]);
  return row?.keyboard?.kind === 'choices' ? (row.keyboard.choices[index]?.reply ?? null) : null;
}
