import type { DealerPrice, KnownCodes, Product, WarehouseAvailability } from '../../domain/catalog';
import type { Channel, MessageReading, OutboundMessage } from '../../domain/messages';
import { chatUserId, type ChatChannel } from '../../domain/channels';
import type { Language } from '../../domain/people';
import type { Store } from '../../domain/ports';
import { segmentInfo } from '../../domain/sms';
import { turnBatcher } from './batch';
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
  const allocationsOf = inTransaction
    ? null
    : turnBatcher(async (keys: readonly { dealer: string; sku: string }[]) => {
        const rows = await sql.query<AllocationRow>(allocationsFor, [keys.map((k) => k.dealer), keys.map((k) => k.sku)]);
        const found = new Map(rows.map((row) => [`${row.dealer}/${row.sku.toUpperCase()}`, { quota: Number(row.quota), used: Number(row.used) }]));
        return keys.map((k) => found.get(`${k.dealer}/${k.sku.toUpperCase()}`) ?? null);
      });
  const products = inTransaction
    ? null
    : turnBatcher(async (skus: readonly string[]) => {
        const found = new Map((await sql.query<ProductRow>(productsBySkus, [skus])).map((row) => [row.sku.toUpperCase(), toProduct(row)]));
        return skus.map((sku) => found.get(sku.toUpperCase()) ?? null);
      });
  const dealerPrices = inTransaction ? null : turnBatcher((keys: readonly { dealer: string; sku: string }[]) => dealerPricesOf(sql, keys));
  const codeLookups = inTransaction
    ? null
    : turnBatcher(async (lists: readonly (readonly string[])[]) => {
        const rows = await sql.query<CodeRow>(knownCodes, [[...new Set(lists.flat().map((word) => word.toUpperCase()))]]);
        return lists.map((words) => codesAmong(rows, words));
      });
  const stockLevels = inTransaction
    ? null
    : turnBatcher(async (skus: readonly string[]) => {
        const rows = await sql.query<{ sku: string; warehouse: string; available: number }>(availabilityOfSkus, [skus]);
        return skus.map((sku) =>
          rows.filter((row) => row.sku.toUpperCase() === sku.toUpperCase()).map(({ warehouse, available }) => ({ warehouse, available: Number(available) })),
        );
      });
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
    catalog: {
      async product(sku) {
        if (products) return products(sku);
        const rows = await sql.query<ProductRow>(productBySku, [sku]);
        return rows[0] ? toProduct(rows[0]) : null;
      },
      async skus() {
        return (await sql.query<{ sku: string }>('select sku from products order by sku')).map((row) => row.sku);
      },
      async warehouseCodes() {
        return (await sql.query<{ code: string }>('select code from warehouses order by code')).map((row) => row.code);
      },
      async knownCodes(words) {
        if (codeLookups) return codeLookups(words);
        return codesAmong(await sql.query<CodeRow>(knownCodes, [words.map((word) => word.toUpperCase())]), words);
      },
      async availability(sku, warehouse): Promise<WarehouseAvailability[]> {
        if (stockLevels && !warehouse) return stockLevels(sku);
        const rows = await sql.query<{ warehouse: string; available: number }>(availability, [sku, warehouse ?? null]);
        return rows.map((row) => ({ warehouse: row.warehouse, available: Number(row.available) }));
      },
      async allocation(dealer, sku) {
        if (allocationsOf) return allocationsOf({ dealer, sku });
        const [row] = await sql.query<AllocationRow>(allocationsFor, [[dealer], [sku]]);
        return row ? { quota: Number(row.quota), used: Number(row.used) } : null;
      },
      async dealerPrice(dealer, sku): Promise<DealerPrice | null> {
        return dealerPrices ? dealerPrices({ dealer, sku }) : (await dealerPricesOf(sql, [{ dealer, sku }]))[0]!;
      },
    },
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
const answerInbound = statement(
  'inbox.answer',
  `with claimed as (
     update inbox i set status = 'processed', processed_at = now(), person = c.person, reading = coalesce(c.reading, i.reading)
       from unnest($15::bigint[], $16::text[], $17::jsonb[]) as c(id, person, reading)
      where i.id = c.id and i.status = 'received' returning i.id),
   inserted as (
     ${insertOutbox}
     select r.* from ${outboxRows} as r(${outboxColumns})
      where r.in_reply_to in (select id from claimed)
     returning id, in_reply_to)
   select (select array_agg(id::text) from claimed) as claimed,
          (select json_agg(json_build_object('id', id::text, 'inReplyTo', in_reply_to::text) order by id) from inserted) as inserted`,
);
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

const selectProduct = 'select sku, name, name_zh, unit, list_price::float8 as list_price, currency from products';
interface AllocationRow {
  dealer: string;
  sku: string;
  quota: number;
  used: number;
}
/**
 * The tightest allocation over (dealer, sku) pairs: the dealer's own, or their region's, which all
 * the region's dealers draw on; with the units orders since `since` hold (not rejected or cancelled).
 */
const allocationsFor = statement(
  'catalog.allocations',
  `select distinct on (k.dealer, upper(k.sku)) k.dealer, k.sku, a.quota, a.used
     from unnest($1::text[], $2::text[]) as k(dealer, sku)
     join lateral (
       select da.quota,
              coalesce((select sum(l.qty) from orders o join order_lines l on l.order_number = o.number
                         where o.dealer = da.dealer and l.sku = da.sku and o.status not in ('rejected', 'cancelled') and o.created_at >= da.since), 0)::int as used
         from allocations da where da.dealer = k.dealer and upper(da.sku) = upper(k.sku)
       union all
       select ra.quota,
              coalesce((select sum(l.qty) from orders o join dealers od on od.code = o.dealer join order_lines l on l.order_number = o.number
                         where od.region = ra.region and l.sku = ra.sku and o.status not in ('rejected', 'cancelled') and o.created_at >= ra.since), 0)::int
         from region_allocations ra join dealers d on d.region = ra.region where d.code = k.dealer and upper(ra.sku) = upper(k.sku)
     ) a on true
    order by k.dealer, upper(k.sku), a.quota - a.used`,
);
type CodeRow = { kind: 'sku' | 'store' | 'warehouse'; code: string };

/** The catalogue's codes among these words (any case), by kind. */
function codesAmong(rows: readonly CodeRow[], words: readonly string[]): KnownCodes {
  const asked = new Set(words.map((word) => word.toUpperCase()));
  const of = (kind: CodeRow['kind']) => rows.filter((row) => row.kind === kind && asked.has(row.code.toUpperCase())).map((row) => row.code);
  return { skus: of('sku'), stores: of('store'), warehouses: of('warehouse') };
}

const knownCodes = statement(
  'catalog.known_codes',
  `select 'sku' as kind, sku as code from products where upper(sku) = any($1::text[])
   union all select 'store', code from stores where upper(code) = any($1::text[])
   union all select 'warehouse', code from warehouses where upper(code) = any($1::text[])`,
);
const productBySku = statement('catalog.product', `${selectProduct} where upper(sku) = upper($1)`);
const productsBySkus = statement('catalog.products', `${selectProduct} where upper(sku) = any(select upper(s) from unnest($1::text[]) as s)`);
const availabilityOfSkus = statement(
  'catalog.availability_of_skus',
  `select s.sku, w.code as warehouse, greatest(s.on_hand - s.reserved, 0)::int as available
     from stock s join warehouses w on w.code = s.warehouse
    where upper(s.sku) = any(select upper(x) from unnest($1::text[]) as x)
    order by w.code`,
);
const availability = statement(
  'catalog.availability',
  `select w.code as warehouse, greatest(s.on_hand - s.reserved, 0)::int as available
     from stock s join warehouses w on w.code = s.warehouse
    where upper(s.sku) = upper($1) and ($2::text is null or upper(w.code) = upper($2))
    order by w.code`,
);
/** What each dealer pays for each product asked (their contract price, else the list price), in one statement for any number. */
async function dealerPricesOf(sql: Sql, keys: readonly { dealer: string; sku: string }[]): Promise<(DealerPrice | null)[]> {
  const rows = await sql.query<ProductRow & { dealer: string; contract_price: number | null }>(dealerPrices, [
    keys.map((k) => k.dealer),
    keys.map((k) => k.sku),
  ]);
  const found = new Map(
    rows.map((row) => {
      const product = toProduct(row);
      const price: DealerPrice =
        row.contract_price === null
          ? { product, unitPrice: product.listPrice, basis: 'list' }
          : { product, unitPrice: Number(row.contract_price), basis: 'contract' };
      return [`${row.dealer}/${row.sku.toUpperCase()}`, price];
    }),
  );
  return keys.map((k) => found.get(`${k.dealer}/${k.sku.toUpperCase()}`) ?? null);
}
const dealerPrices = statement(
  'catalog.dealer_prices',
  `select k.dealer, p.sku, p.name, p.name_zh, p.unit, p.list_price::float8 as list_price, p.currency, dp.price::float8 as contract_price
     from unnest($1::text[], $2::text[]) as k(dealer, sku)
     join products p on upper(p.sku) = upper(k.sku)
     left join dealer_prices dp on dp.sku = p.sku and dp.dealer = k.dealer`,
);
interface ProductRow {
  sku: string;
  name: string;
  name_zh: string | null;
  unit: string;
  list_price: number;
  currency: string;
}
const toProduct = (row: ProductRow): Product => ({
  sku: row.sku,
  name: row.name,
  nameZh: row.name_zh,
  unit: row.unit,
  listPrice: Number(row.list_price),
  currency: row.currency,
});
