import type { Statement } from '../../domain/ledger';
import type { AttentionDesk, AttentionItem, AttentionReason } from '../../domain/reads';
import type { Sql } from './sql';

/**
 * The Needs attention queue, derived from the message log: free text the bot was unsure of or read
 * as a command the sender may not use (its reading), free text that is the first answer to a proactive message sent in the 72 hours before,
 * messages from addresses that are nobody's (once processed: a message still waiting has no person
 * yet, whoever sent it; and not those past the SMS-pumping cap: one item per pumped message would bury the queue), sends that failed for good and sends whose outcome is still
 * unknown after 10 minutes (the provider could not be asked), statements a dealer disputed (with the
 * statement); less what an operator handled (attention_handled).
 */
export function sqlAttentionDesk(sql: Sql): AttentionDesk {
  return {
    async items(days, limit) {
      const rows = await sql.query<{
        item: string;
        reason: AttentionReason;
        peer: string;
        channel: string;
        person: string | null;
        name: string | null;
        text: string;
        at: Date;
        error_code: string | null;
        answered: string | null;
        answered_reason: string | null;
        statement: Statement | null;
      }>(
        `with since as (select now() - make_interval(days => $1) as at),
         inbound as (
           select 'in:' || i.id as item,
                  case when i.person is null then 'unregistered' when p.kind is not null then 'reply-to-proactive' else 'not-understood' end as reason,
                  i.sender as peer, i.channel, i.person, i.body as text, i.received_at as at, null::text as error_code, p.kind as answered, p.reason as answered_reason,
                  null::json as statement
             from inbox i
             left join lateral (
               select o.kind, o.reason from outbox o
                where i.reading is not null and o.recipient = i.sender and o.kind <> 'reply' and o.status in ('queued', 'accepted', 'sent', 'delivered')
                  and o.created_at between i.received_at - interval '72 hours' and i.received_at
                  and not exists (select 1 from inbox j where j.sender = i.sender and j.id < i.id and j.received_at > o.created_at)
                order by o.created_at desc limit 1) p on true
            where i.received_at > (select at from since)
              and ((i.person is null and i.status <> 'received' and coalesce(i.reading ->> 'command', '') <> 'capped')
                   or i.reading ->> 'outcome' in ('unsure', 'not-allowed') or p.kind is not null)),
         failed as (
           select 'out:' || o.id, 'failed-send', o.recipient, o.channel, o.person, o.body, o.created_at, o.error_code, null::text, null::text, null::json
             from outbox o
            where (o.status in ('failed', 'undelivered') or (o.status = 'unknown' and o.updated_at < now() - interval '10 minutes'))
              and o.created_at > (select at from since)),
         disputes as (
           select 'statement:' || s.dealer || ':' || s.month, 'disputed-statement', coalesce(p.phone, 'tg:' || p.telegram_id),
                  case when p.phone is null then 'telegram' else 'sms' end, s.answered_by, s.dispute, s.answered_at, null::text, null::text, null::text,
                  json_build_object('dealer', s.dealer, 'month', s.month, 'currency', s.currency, 'opening', s.opening::float8, 'invoiced', s.invoiced::float8,
                                    'paid', s.paid::float8, 'credited', s.credited::float8, 'closing', s.closing::float8)
             from statements s join people p on p.id = s.answered_by
            where s.confirmed = false and s.answered_at > (select at from since)),
         items as (select * from inbound union all select * from failed union all select * from disputes)
         select items.*, people.name from items left join people on people.id = items.person
          where not exists (select 1 from attention_handled h where h.item = items.item)
          order by at desc limit $2`,
        [days, limit],
      );
      return rows.map((row): AttentionItem => ({
        item: row.item,
        reason: row.reason,
        peer: row.peer,
        channel: row.channel,
        person: row.person ? { id: row.person, name: row.name ?? row.person } : null,
        text: row.text,
        at: new Date(row.at),
        errorCode: row.error_code,
        answered: row.answered,
        broadcast: row.answered_reason?.startsWith('broadcast:') ? row.answered_reason.slice('broadcast:'.length) : null,
        statement: row.statement,
      }));
    },
    async mark(item, operatorId, action, at) {
      const rows = await sql.query(
        'insert into attention_handled (item, operator, action, at) values ($1, $2, $3, $4) on conflict (item) do nothing returning 1',
        [item, operatorId, action, at],
      );
      return rows.length > 0;
    },
    resend(outboxId, operatorId, at) {
      return sql.transaction(async (tx) => {
        const [original] = await tx.query<{ status: string; opted_out: boolean }>(
          `select o.status, exists (select 1 from contact_opt_outs c where c.channel = o.channel and c.address = o.recipient) as opted_out
             from outbox o where o.id = $1 for update`,
          [outboxId],
        );
        if (!original || (original.status !== 'failed' && original.status !== 'undelivered')) return { refused: 'not-failed' as const };
        if (original.opted_out) return { refused: 'opted-out' as const };
        const [copy] = await tx.query<{ id: string }>(
          `insert into outbox (channel, transport, recipient, body, person, in_reply_to, kind, segments, encoding, keyboard, dedupe_key, reason)
           select channel, transport, recipient, body, person, in_reply_to, kind, segments, encoding, keyboard, 'resend:' || id, reason from outbox where id = $1
           on conflict (dedupe_key) where dedupe_key is not null do nothing returning id::text`,
          [outboxId],
        );
        if (!copy) return { refused: 'resent-already' as const };
        await tx.query(
          `insert into attention_handled (item, operator, action, at) values ($1, $2, 'resent', $3)
           on conflict (item) do update set action = 'resent', operator = excluded.operator, at = excluded.at`,
          [`out:${outboxId}`, operatorId, at],
        );
        return { resent: copy.id };
      });
    },
  };
}
