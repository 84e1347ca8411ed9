import type { Channel, MessageReading, OutboundMessage } from '../../domain/messages';
import { chatUserId, type ChatChannel } from '../../domain/channels';
import type { Language } from '../../domain/people';
import type { Store } from '../../domain/ports';
import { segmentInfo } from '../../domain/sms';
import { turnBatcher } from './batch';
import { sqlCatalogStore } from './catalogStore';
import { sqlDialogStore, sqlOrderStore } from './orderStore';
import { sqlHandoffStore } from './handoffStore';
import {
  peopleByPhones,
  personByPhone,
  personByTelegramId,
  personByWechatId,
  personColumns,
  personJoins,
  selectPerson,
  toPerson,
  type PersonRow,
} from './personRows';
import { sqlAlertStore, sqlInvoiceStore } from './proactiveStore';
import { sqlAttendanceStore } from './attendanceStore';
import { sqlSellOutStore } from './sellOutStore';
import { sqlIncentiveStore } from './incentiveStore';
import { sqlVehicleStore } from './vehicleStore';
import { sqlDeliveryStore } from './deliveryStore';
import { sqlTicketStore } from './ticketStore';
import { sqlBroadcasts } from './broadcastStore';
import { sqlLedgerStore } from './ledgerStore';
import { sqlRebateStore } from './rebateStore';
import { sqlRosterStore } from './rosterStore';
import { sqlPromotionStore } from './promotionStore';
import { sqlCompetitorStore } from './competitorStore';
import { sqlReturnStore } from './returnStore';
import { statement, type Sql } from './sql';

/** A row a console view shows changed: a vehicle moved, a ticket filed or moved, an alert or an order's approval changed, a broadcast confirmed (its messages to release). */
export type WorkChange = { kind: 'vehicle' | 'ticket' | 'alert' | 'order' | 'broadcast'; id: string };

/**
 * What a committed transaction leaves to do: the outbox messages it queued to go now; the planned
 * ones whose window is open already, released with their insert (to be queued in batches: a job's
 * run may plan a million); and the rows the console's live views show that it changed. Planned
 * messages whose window opens later are released at their time (releaseDue).
 */
export interface Committed {
  outboxIds: string[];
  released: string[];
  changes: WorkChange[];
}
/** Whether a commit left anything to do. */
export const leftToDo = (committed: Committed): boolean => committed.outboxIds.length + committed.released.length + committed.changes.length > 0;
/** Runs once after each commit that left something to do (mailroom's post-commit hooks); never after a rollback. */
export type AfterCommit = (committed: Committed) => Promise<void>;

/** A chat channel's columns on people: the linked user id and when they blocked us. */
const chatColumns: Record<ChatChannel, [string, string]> = {
  telegram: ['telegram_id', 'telegram_blocked_at'],
  wechat: ['wechat_id', 'wechat_blocked_at'],
};

/**
 * The Store port over SQL: one implementation for PostgreSQL and PGlite alike. Outside a
 * transaction, the sender lookups of concurrent jobs share one statement. Whatever a write queues
 * in the outbox is handed to `afterCommit` once its transaction commits (at once, for a write
 * outside one): no caller sends or enqueues by hand.
 */
export function sqlStore(sql: Sql, afterCommit: AfterCommit | null = null, scope: Committed | null = null, now: (() => Date) | null = null): Store {
  const inTransaction = scope !== null;
  /** Ids a write produced: kept for the transaction's commit, or handed over now. */
  const queued = async (ids: string[] | null, released: string[] = []): Promise<string[] | null> => {
    if (!afterCommit || ((!ids || ids.length === 0) && released.length === 0)) return ids;
    if (scope) {
      scope.outboxIds.push(...(ids ?? []));
      scope.released.push(...released);
    } else await afterCommit({ outboxIds: ids ?? [], released, changes: [] });
    return ids;
  };
  /** A write's change, told after its commit (at once outside a transaction). */
  const noted = async (change: WorkChange): Promise<void> => {
    if (!afterCommit) return;
    if (scope) scope.changes.push(change);
    else await afterCommit({ outboxIds: [], released: [], changes: [change] });
  };
  const byPhone = inTransaction
    ? null
    : turnBatcher(async (phones: readonly string[]) => {
        const rows = await sql.query<PersonRow>(peopleByPhones, [phones]);
        const found = new Map(rows.map((row) => [row.phone, toPerson(row)]));
        return phones.map((phone) => found.get(phone) ?? null);
      });
  const answers = inTransaction ? null : turnBatcher((batch: readonly Answer[]) => answerAll(sql, batch));
  const store: Store = {
    people: {
      async byAddress(channel, address) {
        if (channel === 'sms' && byPhone) return byPhone(address);
        const byChannel = { sms: personByPhone, telegram: personByTelegramId, wechat: personByWechatId };
        const rows = await sql.query<PersonRow>(byChannel[channel], [channel === 'sms' ? address : chatUserId(address)]);
        return rows[0] ? toPerson(rows[0]) : null;
      },
      async byId(personId) {
        const rows = await sql.query<PersonRow>(`${selectPerson} where people.id = $1`, [personId]);
        return rows[0] ? toPerson(rows[0]) : null;
      },
      async managerChain(personId) {
        const rows = await sql.query<{ id: string }>(
          `with recursive chain(id, depth) as (
             select manager, 1 from people where id = $1 and manager is not null
             union all
             select p.manager, c.depth + 1 from chain c join people p on p.id = c.id where p.manager is not null and c.depth < 20)
           select id from chain order by depth`,
          [personId],
        );
        return rows.map((row) => row.id);
      },
      async setLanguage(personId: string, language: Language) {
        await sql.query('update people set language = $2, updated_at = now() where id = $1', [personId, language]);
      },
      async linkChat(channel, personId, userId) {
        const [id, blocked] = chatColumns[channel];
        await sql.query(`update people set ${id} = null, updated_at = now() where ${id} = $1 and id <> $2`, [userId, personId]);
        await sql.query(`update people set ${id} = $2, ${blocked} = null, updated_at = now() where id = $1`, [personId, userId]);
      },
      async withBirthdayIn(keys) {
        const rows = await sql.query<PersonRow & { birthday: string }>(
          `select ${personColumns}, people.birthday from people ${personJoins}
            where right(people.birthday, 5) = any($1::text[]) order by people.id`,
          [keys],
        );
        return rows.map((row) => ({ person: toPerson(row), birthday: row.birthday }));
      },
      async setChatBlocked(channel, userId, blocked) {
        const [id, at] = chatColumns[channel];
        await sql.query(`update people set ${at} = case when $2 then coalesce(${at}, now()) end where ${id} = $1 and (${at} is null) = $2`, [userId, blocked]);
      },
    },
    catalog: sqlCatalogStore(sql, !inTransaction),
    orders: noting(sqlOrderStore(sql), noted, {
      create: (id) => ({ kind: 'order', id }),
      decide: (_, [number]) => ({ kind: 'order', id: number }),
      setStatus: (_, [number]) => ({ kind: 'order', id: number }),
    }),
    invoices: sqlInvoiceStore(sql),
    alerts: noting(sqlAlertStore(sql), noted, {
      raise: (alert) => (alert ? { kind: 'alert', id: alert.id } : null),
      escalate: (_, [alert]) => ({ kind: 'alert', id: alert.id }),
      acknowledge: (_, [id]) => ({ kind: 'alert', id }),
      resolve: (_, [id]) => ({ kind: 'alert', id }),
    }),
    attendance: sqlAttendanceStore(sql),
    sellOut: sqlSellOutStore(sql),
    incentives: sqlIncentiveStore(sql),
    vehicles: noting(sqlVehicleStore(sql), noted, { record: (_, [ping]) => ({ kind: 'vehicle', id: ping.driver }) }),
    deliveries: noting(sqlDeliveryStore(sql), noted, {
      markArrived: (_, [order]) => ({ kind: 'order', id: order }),
      markDone: (_, [order]) => ({ kind: 'order', id: order }),
      setEta: (_, [order]) => ({ kind: 'order', id: order }),
    }),
    tickets: noting(sqlTicketStore(sql), noted, {
      create: (number) => ({ kind: 'ticket', id: number }),
      move: (_, [number]) => ({ kind: 'ticket', id: number }),
    }),
    broadcasts: noting(sqlBroadcasts(sql), noted, {
      confirm: (result, [id]) => ('planned' in result && result.planned > 0 ? { kind: 'broadcast', id } : null),
    }),
    ledger: sqlLedgerStore(sql),
    // Returns and rebates wait on the Approvals page as orders do: its live view draws again on 'order'.
    returns: noting(sqlReturnStore(sql), noted, {
      create: (number) => ({ kind: 'order', id: number }),
      decide: (_, [number]) => ({ kind: 'order', id: number }),
    }),
    rebates: noting(sqlRebateStore(sql), noted, {
      apply: (record) => (record ? { kind: 'order', id: record.number } : null),
      decide: (_, [number]) => ({ kind: 'order', id: number }),
    }),
    roster: sqlRosterStore(sql),
    promotions: sqlPromotionStore(sql),
    competitors: sqlCompetitorStore(sql),
    dialogs: sqlDialogStore(sql),
    handoffs: sqlHandoffStore(sql),
    contacts: {
      async isOptedOut(channel: Channel, address: string) {
        const rows = await sql.query('select 1 from contact_opt_outs where channel = $1 and address = $2', [channel, address]);
        return rows.length > 0;
      },
      async setOptedOut(channel, address, optedOut, reason) {
        const rows = optedOut
          ? await sql.query(
              `insert into contact_opt_outs (channel, address, reason) values ($1, $2, $3)
               on conflict (channel, address) do nothing returning 1`,
              [channel, address, reason],
            )
          : await sql.query('delete from contact_opt_outs where channel = $1 and address = $2 returning 1', [channel, address]);
        return rows.length > 0;
      },
    },
    linkCodes: {
      async issue(personId, code, expiresAt) {
        await sql.query('insert into link_codes (code, person, expires_at) values ($1, $2, $3)', [code, personId, expiresAt]);
      },
      async redeem(code, usedBy, now) {
        const [used] = await sql.query<{ person: string }>(
          `update link_codes set used_at = $3, used_by = $2 where upper(code) = upper($1) and used_at is null and expires_at > $3 returning person`,
          [code, usedBy, now],
        );
        if (used) return { personId: used.person };
        const [known] = await sql.query<{ used_at: Date | null }>('select used_at from link_codes where upper(code) = upper($1)', [code]);
        return { refused: !known ? 'unknown' : known.used_at ? 'used' : 'expired' };
      },
    },
    inbox: {
      async claim(inboxId, personId, reading = null) {
        const rows = await sql.query(claimInbound, [inboxId, personId, reading && JSON.stringify(reading)]);
        return rows.length > 0;
      },
      answer(inboxId, personId, replies, reading = null) {
        if (replies.some((reply) => reply.inReplyTo !== inboxId)) throw new Error(`answering message ${inboxId} with replies to another`);
        const answer = { inboxId, personId, replies, reading };
        return (answers ? answers(answer) : answerAll(sql, [answer]).then(([ids]) => ids!)).then(queued);
      },
    },
    outbox: {
      async add(messages: OutboundMessage[]) {
        if (messages.length === 0) return [];
        // A planned message (not_before) whose window is open by the gateway's clock is released with its insert (only
        // where after its commit something queues it); one planned for later is released when its time comes (releaseDue).
        const releaseBy = afterCommit && now ? now() : null;
        const rows = await sql.query<{ id: string; due: boolean; released: boolean }>(addOutbox, [...outboxParams(messages), releaseBy]);
        const ids = (want: (row: { due: boolean; released: boolean }) => boolean) => rows.filter(want).map((row) => String(row.id));
        await queued(
          ids((row) => row.due),
          ids((row) => row.released),
        );
        return rows.map((row) => String(row.id));
      },
    },
    // A transaction inside one joins it, and its after-commit work waits for the outer commit.
    transaction: (work) => (inTransaction ? work(store) : committing(sql, afterCommit, now, work)),
  };
  return store;
}

/** One transaction, then its after-commit work, once it committed. */
async function committing<T>(sql: Sql, afterCommit: AfterCommit | null, now: (() => Date) | null, work: (tx: Store) => Promise<T>): Promise<T> {
  const scope: Committed = { outboxIds: [], released: [], changes: [] };
  const result = await sql.transaction((tx) => work(sqlStore(tx, afterCommit, scope, now)));
  if (afterCommit && leftToDo(scope)) await afterCommit(scope);
  return result;
}

type Method = (...args: never[]) => Promise<unknown>;
/**
 * A sub-store whose named writes note the change they made (from their result and arguments; null
 * for none) once they succeed: the live views learn of every write, by SMS, the API or the console.
 */
function noting<T extends object>(
  store: T,
  note: (change: WorkChange) => Promise<void>,
  changes: { [K in keyof T]?: T[K] extends Method ? (result: Awaited<ReturnType<T[K]>>, args: Parameters<T[K]>) => WorkChange | null : never },
): T {
  const wrapped = { ...store };
  for (const [name, changeOf] of Object.entries(changes) as [keyof T, (result: unknown, args: unknown[]) => WorkChange | null][]) {
    const write = store[name] as unknown as (...args: unknown[]) => Promise<unknown>;
    (wrapped as Record<keyof T, unknown>)[name] = async (...args: unknown[]) => {
      const result = await write.apply(store, args);
      const change = changeOf(result, args);
      if (change) await note(change);
      return result;
    };
  }
  return wrapped;
}

/**
 * Outbox rows from parallel arrays ($1–$14); an SMS is priced (segments, encoding) once, here. A
 * planned message whose dedupe key exists already is skipped.
 */
const outboxColumns =
  'channel, transport, recipient, body, person, in_reply_to, kind, segments, encoding, keyboard, not_before, expires_at, dedupe_key, reason';
const insertOutbox = `insert into outbox (${outboxColumns})`;
const outboxRows = `unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::text[], $8::int[], $9::text[], $10::jsonb[],
  $11::timestamptz[], $12::timestamptz[], $13::text[], $14::text[])`;
const addOutbox = statement(
  'outbox.add',
  `insert into outbox (${outboxColumns}, released_at)
   select r.*, case when r.not_before <= $15::timestamptz then now() end from ${outboxRows} as r(${outboxColumns})
   on conflict (dedupe_key) where dedupe_key is not null do nothing returning id, not_before is null as due, released_at is not null as released`,
);

const claimInbound = statement(
  'inbox.claim',
  `update inbox set status = 'processed', processed_at = now(), person = $2, reading = coalesce($3::jsonb, reading)
    where id = $1 and status = 'received' returning id`,
);
interface Answer {
  inboxId: string;
  personId: string | null;
  replies: OutboundMessage[];
  reading: MessageReading | null;
}

/**
 * Claims messages and queues their replies in one statement, for any number of messages: only
 * the replies of messages this statement claimed are inserted. A message named twice in one batch
 * (a duplicate job) is answered once.
 */
async function answerAll(sql: Sql, batch: readonly Answer[]): Promise<(string[] | null)[]> {
  const first = batch.filter((answer, i) => batch.findIndex((other) => other.inboxId === answer.inboxId) === i);
  const [row] = await sql.query<{ claimed: string[] | null; inserted: { id: string; inReplyTo: string }[] | null }>(answerInbound, [
    ...outboxParams(first.flatMap((answer) => answer.replies)),
    first.map((answer) => answer.inboxId),
    first.map((answer) => answer.personId),
    first.map((answer) => answer.reading && JSON.stringify(answer.reading)),
  ]);
  const claimed = new Set((row!.claimed ?? []).map(String));
  const ids = new Map<string, string[]>();
  for (const { id, inReplyTo } of row!.inserted ?? []) ids.set(String(inReplyTo), [...(ids.get(String(inReplyTo)) ?? []), String(id)]);
  return batch.map((answer) => (first.includes(answer) && claimed.has(answer.inboxId) ? (ids.get(answer.inboxId) ?? []) : null));
}
/**
 * A waiting message is told by `processed_at is null` (the same as status 'received', by the table's
 * check), not by its status: that would let the planner read the batch through the partial index of
 * waiting messages, which statistics taken when few waited (every vacuum here) make look tiny, and
 * read every waiting message for each batch: 9,625 heap rows to claim 21, 10–20 ms a statement, under
 * a backlog. Planned on each call, not prepared: a plan made while the inbox was small would keep its
 * sequential scan (adapters/db/sql.ts).
 */
export const answerInbound = `with claimed as (
     update inbox i set status = 'processed', processed_at = now(), person = c.person, reading = coalesce(c.reading, i.reading)
       from unnest($15::bigint[], $16::text[], $17::jsonb[]) as c(id, person, reading)
      where i.id = c.id and i.processed_at is null returning i.id),
   inserted as (
     ${insertOutbox}
     select r.* from ${outboxRows} as r(${outboxColumns})
      where r.in_reply_to in (select id from claimed)
     returning id, in_reply_to)
   select (select array_agg(id::text) from claimed) as claimed,
          (select json_agg(json_build_object('id', id::text, 'inReplyTo', in_reply_to::text) order by id) from inserted) as inserted`;
function outboxParams(messages: OutboundMessage[]): unknown[] {
  const priced = messages.map((m) => (m.channel === 'sms' ? segmentInfo(m.text) : null));
  return [
    messages.map((m) => m.channel),
    messages.map((m) => m.transport),
    messages.map((m) => m.to),
    messages.map((m) => m.text),
    messages.map((m) => m.personId),
    messages.map((m) => m.inReplyTo),
    messages.map((m) => m.kind),
    priced.map((p) => p?.segments ?? null),
    priced.map((p) => p?.encoding ?? null),
    messages.map((m) => (m.keyboard ? JSON.stringify(m.keyboard) : null)),
    messages.map((m) => m.notBefore ?? null),
    messages.map((m) => m.expiresAt ?? null),
    messages.map((m) => m.dedupeKey ?? null),
    messages.map((m) => m.reason ?? null),
  ];
}
