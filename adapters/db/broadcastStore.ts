import type { Audience, BroadcastPreview, BroadcastRequest, BroadcastStatus, BroadcastStore, Candidate, Reach, Sender } from '../../domain/broadcasts';
import type { Channel } from '../../domain/channels';
import type { Language } from '../../domain/people';
import { textCost } from '../../domain/broadcasts';
import { countedStatuses } from './contactGate';
import type { Sql } from './sql';

export interface BroadcastRecord {
  id: string;
  status: BroadcastStatus;
  texts: BroadcastRequest['texts'];
  audience: Audience;
  sendAt: Date | null;
  createdBy: string | null;
  authority: string | null;
  preview: Omit<BroadcastPreview, 'recipients'> & { recipients: number };
  createdAt: Date;
  confirmedAt: Date | null;
  cancelledAt: Date | null;
}

export interface BroadcastRecipientRow {
  person: string;
  name: string;
  channel: string;
  language: string;
  status: string;
  sentAt: Date | null;
  replied: boolean;
}

export interface BroadcastResults {
  sent: number;
  delivered: number;
  replied: number;
  optedOut: number;
  segments: number;
}

/** What became of a broadcast's messages so far, by outbox status. */
export type BroadcastProgress = Record<'planned' | 'sent' | 'delivered' | 'failed' | 'cancelled', number>;

/** The contact gate's counted statuses, as an SQL list. */
const counted = `(${countedStatuses.map((s) => `'${s}'`).join(', ')})`;

/**
 * Broadcasts over SQL: the audience's candidates (one query, bounded by the sender's authority),
 * the previewed broadcast with its frozen recipients, planning them into the outbox once, cancelling.
 */
export function sqlBroadcasts(sql: Sql) {
  return {
    /**
     * People the audience names (every criterion given, each any of its values; named people
     * besides), only those under `authority` when given (their manager chain), with their addresses
     * on reachable channels, opt-outs, and the proactive messages they have on the send's local day.
     */
    async candidates(audience: Audience, authority: string | null, at: Date, reach: Reach): Promise<Candidate[]> {
      const reachable = (channel: Channel) => reach.simulated || reach.reachable.includes(channel);
      const list = (values: string[] | undefined) => (values && values.length > 0 ? values : null);
      const rows = await sql.query<{
        id: string;
        name: string;
        language: Language | null;
        timezone: string | null;
        phone: string | null;
        telegram: string | null;
        wechat: string | null;
        opted: Channel[] | null;
        counted: number;
      }>(
        `with recursive under(id) as (
           select id from people where manager = $7
           union select p.id from people p join under u on p.manager = u.id),
         matched as (
           select p.* from people p left join dealers d on d.code = p.dealer
            where ((($1::text[] is not null or $2::text[] is not null or $3::text[] is not null or $4::text[] is not null or $5::text[] is not null)
                    and ($1::text[] is null or p.role = any($1))
                    and ($2::text[] is null or d.region = any($2) or exists (select 1 from person_stores ps join stores s on s.code = ps.store join dealers sd on sd.code = s.dealer where ps.person = p.id and sd.region = any($2)))
                    and ($3::text[] is null or p.dealer = any($3))
                    and ($4::text[] is null or d.tier = any($4))
                    and ($5::text[] is null or exists (select 1 from person_stores ps where ps.person = p.id and ps.store = any($5))))
                   or ($6::text[] is not null and p.id = any($6)))
              and ($7::text is null or p.id in (select id from under))),
         -- proactive messages on the send's local day, of the matched only (one pass over two days of the outbox)
         counted as (
           select x.person, count(*)::int as n from outbox x join matched m on m.id = x.person
            where x.kind <> 'reply' and x.status in ${counted} and x.sent_at > $9::timestamptz - interval '2 days'
              and (x.sent_at at time zone coalesce(m.timezone, $8))::date = ($9::timestamptz at time zone coalesce(m.timezone, $8))::date
            group by x.person)
         select m.id, m.name, m.language, m.timezone, m.phone, case when m.telegram_blocked_at is null then m.telegram_id end as telegram,
                case when m.wechat_blocked_at is null then m.wechat_id end as wechat,
                array_remove(array[case when s.address is not null then 'sms' end, case when t.address is not null then 'telegram' end,
                                   case when w.address is not null then 'wechat' end], null) as opted,
                coalesce(c.n, 0) as counted
           from matched m
           left join contact_opt_outs s on s.channel = 'sms' and s.address = m.phone
           left join contact_opt_outs t on t.channel = 'telegram' and t.address = 'tg:' || m.telegram_id
           left join contact_opt_outs w on w.channel = 'wechat' and w.address = 'wx:' || m.wechat_id
           left join counted c on c.person = m.id
          order by m.id`,
        [
          list(audience.roles),
          list(audience.regions),
          list(audience.dealers),
          list(audience.tiers),
          list(audience.stores),
          list(audience.people),
          authority,
          reach.defaultTimezone,
          at,
        ],
      );
      return rows.map((r) => ({
        id: r.id,
        name: r.name,
        language: r.language ?? 'en',
        zone: r.timezone ?? reach.defaultTimezone,
        addresses: {
          ...(r.telegram && reachable('telegram') ? { telegram: `tg:${r.telegram}` } : {}),
          ...(r.wechat && reachable('wechat') ? { wechat: `wx:${r.wechat}` } : {}),
          ...(r.phone && reachable('sms') ? { sms: r.phone } : {}),
        },
        optedOut: r.opted ?? [],
        countedToday: r.counted,
      }));
    },

    /** Keeps a preview and its recipients, frozen: what confirming it plans. */
    async save(request: BroadcastRequest, preview: BroadcastPreview, by: Sender, at: Date, reach: Reach): Promise<string> {
      return sql.transaction(async (tx) => {
        const { recipients, ...summary } = preview;
        const [row] = await tx.query<{ id: string }>(
          `insert into broadcasts (texts, audience, send_at, created_by, authority, preview, created_at) values ($1, $2, $3, $4, $5, $6, $7) returning id::text`,
          [
            JSON.stringify(request.texts),
            JSON.stringify(request.audience),
            request.sendAt,
            by.operator,
            by.authority,
            JSON.stringify({ ...summary, recipients: recipients.length }),
            at,
          ],
        );
        await tx.query(
          `insert into broadcast_recipients (broadcast, person, channel, transport, address, language, not_before)
           select $1, * from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])`,
          [
            row!.id,
            recipients.map((r) => r.person),
            recipients.map((r) => r.channel),
            recipients.map((r) => (reach.simulated ? 'simulator' : r.channel === 'sms' ? 'twilio' : r.channel)),
            recipients.map((r) => r.address),
            recipients.map((r) => r.language),
            recipients.map((r) => r.notBefore),
          ],
        );
        return row!.id;
      });
    },

    async byId(id: string): Promise<BroadcastRecord | null> {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [row] = await sql.query<BroadcastRecord>(
        `select id::text, status, texts, audience, send_at as "sendAt", created_by as "createdBy", authority, preview, created_at as "createdAt",
                confirmed_at as "confirmedAt", cancelled_at as "cancelledAt" from broadcasts where id = $1`,
        [id],
      );
      return row ?? null;
    },

    /**
     * Confirms a previewed broadcast and plans its recipients into the outbox, in one transaction:
     * only the first confirmation does (a second, or a double click, finds it confirmed and plans
     * nothing), and each recipient's message has its own dedupe key besides. Answers how many were
     * planned, or the status that stood.
     */
    async confirm(id: string, at: Date): Promise<{ planned: number } | { status: BroadcastStatus | 'not-found' }> {
      return sql.transaction(async (tx) => {
        const [row] = await tx.query<{ texts: Record<Language, string> }>(
          `update broadcasts set status = 'confirmed', confirmed_at = $2 where id = $1 and status = 'previewed' returning texts`,
          [id, at],
        );
        if (!row) {
          const [current] = await tx.query<{ status: BroadcastStatus }>('select status from broadcasts where id = $1', [id]);
          return { status: current?.status ?? 'not-found' };
        }
        const languages = Object.keys(row.texts) as Language[];
        const priced = languages.map((language) => ({ language, text: row.texts[language], ...segmentsOf(row.texts[language]) }));
        const planned = await tx.query(
          `insert into outbox (channel, transport, recipient, body, person, kind, segments, encoding, not_before, dedupe_key, reason)
           select r.channel, r.transport, r.address, t.text, r.person, 'broadcast', case when r.channel = 'sms' then t.segments end,
                  case when r.channel = 'sms' then t.encoding end, greatest(r.not_before, $2), 'broadcast:' || r.broadcast || ':' || r.person, 'broadcast:' || r.broadcast
             from broadcast_recipients r join unnest($3::text[], $4::text[], $5::int[], $6::text[]) as t(language, text, segments, encoding) on t.language = r.language
            where r.broadcast = $1
           on conflict (dedupe_key) where dedupe_key is not null do nothing returning id`,
          [id, at, priced.map((p) => p.language), priced.map((p) => p.text), priced.map((p) => p.segments), priced.map((p) => p.encoding)],
        );
        return { planned: planned.length };
      });
    },

    /** Cancels a broadcast: what has not left is cancelled now (and the gate cancels anything released meanwhile: its reason is gone). */
    async cancel(id: string, at: Date): Promise<{ cancelled: number } | { status: BroadcastStatus | 'not-found' }> {
      return sql.transaction(async (tx) => {
        const [row] = await tx.query<{ id: string }>(
          `update broadcasts set status = 'cancelled', cancelled_at = $2 where id = $1 and status <> 'cancelled' returning id`,
          [id, at],
        );
        if (!row) {
          const [current] = await tx.query<{ status: BroadcastStatus }>('select status from broadcasts where id = $1', [id]);
          return { status: current?.status ?? 'not-found' };
        }
        const cancelled = await tx.query(
          `update outbox set status = 'cancelled', error_code = 'REASON_GONE', updated_at = now() where reason = $1 and status = 'pending' returning id`,
          [`broadcast:${id}`],
        );
        return { cancelled: cancelled.length };
      });
    },

    /**
     * A broadcast's recipients after a person id, at most `limit`, with what became of their message
     * and whether they wrote back within 72 hours: an export reads them page by page.
     */
    async recipients(id: string, after: string | null, limit: number): Promise<BroadcastRecipientRow[]> {
      return sql.query<BroadcastRecipientRow>(
        `select r.person, p.name, r.channel, r.language, coalesce(o.status, 'not planned') as status, o.sent_at as "sentAt",
                exists (select 1 from inbox i where i.sender = r.address and i.received_at between coalesce(o.sent_at, o.created_at)
                          and coalesce(o.sent_at, o.created_at) + interval '72 hours') as replied
           from broadcast_recipients r join people p on p.id = r.person
           left join outbox o on o.dedupe_key = 'broadcast:' || r.broadcast || ':' || r.person
          where r.broadcast = $1 and ($2::text is null or r.person > $2)
          order by r.person limit $3`,
        [id, after, limit],
      );
    },

    /** The latest broadcasts, newest first. */
    async recent(limit: number): Promise<BroadcastRecord[]> {
      return sql.query<BroadcastRecord>(
        `select id::text, status, texts, audience, send_at as "sendAt", created_by as "createdBy", authority, preview, created_at as "createdAt",
                confirmed_at as "confirmedAt", cancelled_at as "cancelledAt" from broadcasts order by id desc limit $1`,
        [limit],
      );
    },

    /**
     * What a broadcast achieved: messages that left, delivered, recipients who wrote back and who
     * opted out within 72 hours of theirs, and the SMS segments it was charged.
     */
    async results(id: string): Promise<BroadcastResults> {
      const [row] = await sql.query<BroadcastResults>(
        `with sent as (
           select o.recipient, o.channel, coalesce(o.sent_at, o.created_at) as at, o.status, o.segments
             from outbox o where o.reason = $1 and o.status in ${counted})
         select count(*)::int as sent, (count(*) filter (where status = 'delivered'))::int as delivered,
                (select count(distinct i.sender)::int from inbox i join sent s on s.recipient = i.sender and i.received_at between s.at and s.at + interval '72 hours') as replied,
                (select count(*)::int from contact_opt_outs c join sent s on s.channel = c.channel and s.recipient = c.address
                  where c.opted_out_at between s.at and s.at + interval '72 hours') as "optedOut",
                coalesce(sum(segments) filter (where channel = 'sms'), 0)::int as segments
           from sent`,
        [`broadcast:${id}`],
      );
      return row!;
    },

    async progress(id: string): Promise<BroadcastProgress> {
      const rows = await sql.query<{ status: string; n: number }>(`select status, count(*)::int as n from outbox where reason = $1 group by status`, [
        `broadcast:${id}`,
      ]);
      const of = (...statuses: string[]) => rows.filter((r) => statuses.includes(r.status)).reduce((sum, r) => sum + r.n, 0);
      return {
        planned: of('pending', 'sending', 'unknown', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed', 'cancelled'),
        sent: of('queued', 'accepted', 'sent', 'delivered', 'undelivered'),
        delivered: of('delivered'),
        failed: of('failed', 'undelivered'),
        cancelled: of('cancelled'),
      };
    },
  };
}

/** The outbox prices a message by its whole body (segments, encoding), as it does every SMS. */
const segmentsOf = (text: string) => {
  const cost = textCost(text);
  return { segments: cost.segments, encoding: cost.encoding };
};
export type Broadcasts = ReturnType<typeof sqlBroadcasts>;
// The port's operations, as commands use them in their transaction.
sqlBroadcasts satisfies (sql: Sql) => BroadcastStore;
