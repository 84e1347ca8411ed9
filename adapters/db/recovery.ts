import type { InboundMessage, InboundPayload, Channel, Transport } from '../../domain/messages';
import type { OutboxMessage, SendReceipt } from '../../domain/ports';
import type { ClaimedRow } from './messageLog';
import type { Sql } from './sql';

/**
 * What a crash, a lost answer or a Redis restart leaves behind, and how it is put right: work
 * between a commit and its enqueue, scheduled messages to release (again), sends a dead process left
 * `sending`, and sends whose outcome is unknown until the provider is asked (gateway/settle.ts).
 */

/**
 * Work a crash may have left between a commit and its enqueue: messages older than `olderThanSeconds`,
 * and received before `inboundQueuedSince` (the oldest inbound job still waiting or running: a message
 * received after it may be waiting in the queue, behind it).
 */
export async function unfinishedWork(
  sql: Sql,
  olderThanSeconds: number,
  inboundQueuedSince: Date | null = null,
): Promise<{ inbound: InboundMessage[]; outboxIds: string[] }> {
  const inbound = await sql.query<{
    id: string;
    channel: Channel;
    transport: Transport;
    sender: string;
    body: string;
    payload: InboundPayload | null;
    received_at: Date;
  }>(
    `select id, channel, transport, sender, body, payload, received_at from inbox
      where status = 'received' and received_at < least(now() - make_interval(secs => $1), coalesce($2::timestamptz, now()))
      order by id limit 10000`,
    [olderThanSeconds, inboundQueuedSince],
  );
  return {
    inbound: inbound.map((row) => ({
      inboxId: String(row.id),
      channel: row.channel,
      transport: row.transport,
      from: row.sender,
      text: row.body,
      payload: row.payload,
      receivedAt: new Date(row.received_at),
    })),
    outboxIds: (
      await sql.query<{ id: string }>(
        `select id from outbox where status = 'pending' and not_before is null and created_at < now() - make_interval(secs => $1) order by id limit 10000`,
        [olderThanSeconds],
      )
    ).map((row) => String(row.id)),
  };
}

/**
 * Takes scheduled messages whose time has come for the queue, a page at a time and once: two
 * sweeps never release the same message, and one released but stuck for five minutes (a crash
 * between this and its enqueue) is released again, if released before `queuedSince` (the oldest
 * outbound job still waiting or running: one released after it may be waiting in the queue).
 */
export async function releaseDueMessages(sql: Sql, now: Date, limit = 10_000, queuedSince: Date | null = null): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `update outbox set released_at = now() where id in (
       select id from outbox
        where status = 'pending' and not_before <= $1
          and (released_at is null or released_at < least(now() - interval '5 minutes', coalesce($3::timestamptz, now())))
        order by id limit $2 for update skip locked)
     returning id`,
    [now, limit, queuedSince],
  );
  return rows.map((row) => String(row.id)).sort((a, b) => Number(a) - Number(b));
}

/** Redis lost its data: scheduled messages released to the queue since are released again by the next sweep. */
export async function forgetReleases(sql: Sql): Promise<number> {
  return (await sql.query(`update outbox set released_at = null where status = 'pending' and released_at is not null returning id`)).length;
}

/**
 * A send that was in flight when a process died: the provider may or may not have the message, and
 * neither API has an idempotency key, so its outcome becomes unknown, to be settled with the provider.
 */
export async function abandonStuckSends(sql: Sql, olderThanSeconds: number): Promise<number> {
  const rows = await sql.query(
    `update outbox set status = 'unknown', error_code = 'UNKNOWN_OUTCOME',
            error_message = 'the process sending it stopped: to be settled with the provider', updated_at = now()
      where status = 'sending' and updated_at < now() - make_interval(secs => $1) returning id`,
    [olderThanSeconds],
  );
  return rows.length;
}

/** A send that may have reached the provider: it waits to be settled (settleUnknownSends). */
export async function recordUnknownOutcome(sql: Sql, outboxId: string, code: string | null, message: string): Promise<void> {
  await sql.query(
    `update outbox set status = 'unknown', error_code = $2, error_message = left($3, 500), updated_at = now() where id = $1 and status = 'sending'`,
    [outboxId, code ?? 'UNKNOWN_OUTCOME', message],
  );
}

/** Unknown sends whose latest attempt is older than `olderThanSeconds` (the provider's listing delay). */
export async function unknownSendsDue(sql: Sql, olderThanSeconds: number, limit = 500): Promise<string[]> {
  const rows = await sql.query<{ id: string }>(
    `select id::text from outbox where status = 'unknown' and coalesce(sending_since, updated_at) < now() - make_interval(secs => $1) order by id limit $2`,
    [olderThanSeconds, limit],
  );
  return rows.map((row) => row.id);
}

/** Takes an unknown send for settling, once (unknown → sending): the message, when its latest attempt began, and its attempts. */
export async function claimUnknown(sql: Sql, outboxId: string): Promise<{ message: OutboxMessage; since: Date } | null> {
  const [row] = await sql.query<ClaimedRow & { since: Date }>(
    `update outbox set status = 'sending', updated_at = now() where id = $1 and status = 'unknown'
     returning id::text, channel, transport, recipient, body, keyboard, attempts, kind, coalesce(sending_since, created_at) as since`,
    [outboxId],
  );
  if (!row) return null;
  const { recipient, body, since, ...rest } = row;
  return { message: { ...rest, to: recipient, text: body }, since: new Date(since) };
}

/** A settling that could not ask the provider leaves the send unknown, for the next sweep. */
export async function returnToUnknown(sql: Sql, outboxId: string): Promise<void> {
  await sql.query(`update outbox set status = 'unknown', updated_at = now() where id = $1 and status = 'sending'`, [outboxId]);
}

/** Provider ids some outbox message holds already: a lookup's candidate among them is another message's. */
export async function knownProviderIds(sql: Sql, providerIds: readonly string[]): Promise<Set<string>> {
  if (providerIds.length === 0) return new Set();
  const rows = await sql.query<{ provider_id: string }>('select provider_id from outbox where provider_id = any($1::text[])', [providerIds]);
  return new Set(rows.map((row) => row.provider_id));
}

/** A settled unknown send: sent after all (found at the provider), back to pending to be sent once more, or failed for good; with the reason. */
export async function settleOutcome(sql: Sql, outboxId: string, outcome: { found: SendReceipt } | { sendAgain: string } | { failed: string }): Promise<void> {
  if ('found' in outcome) {
    await sql.query(
      `update outbox set status = $2, provider_id = $3, sent_at = coalesce(sent_at, sending_since, now()), error_code = null, error_message = null,
              settlement = 'the provider had it', updated_at = now() where id = $1 and status = 'sending'`,
      [outboxId, outcome.found.status, outcome.found.providerId],
    );
  } else if ('sendAgain' in outcome) {
    await sql.query(`update outbox set status = 'pending', settlement = left($2, 500), updated_at = now() where id = $1 and status = 'sending'`, [
      outboxId,
      outcome.sendAgain,
    ]);
  } else {
    await sql.query(
      `update outbox set status = 'failed', error_code = 'UNKNOWN_OUTCOME', error_message = left($2, 500), settlement = left($2, 500), updated_at = now()
        where id = $1 and status = 'sending'`,
      [outboxId, outcome.failed],
    );
  }
}
