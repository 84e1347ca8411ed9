import type { Handoff, HandoffStore } from '../../domain/handoffs';
import type { Channel, Transport } from '../../domain/messages';
import type { Sql } from './sql';

export interface HandoffRow {
  operator: string;
  peer: string;
  channel: Channel;
  transport: Transport;
  since: Date;
  last_at: Date;
}

export const toHandoff = (row: HandoffRow): Handoff => ({
  operatorId: String(row.operator),
  peer: row.peer,
  channel: row.channel,
  transport: row.transport,
  since: new Date(row.since),
  lastAt: new Date(row.last_at),
});

/** Handoffs in the `handoffs` table: its primary key makes one holder per person. */
export function sqlHandoffStore(sql: Sql): HandoffStore {
  return {
    async take(personId, operatorId, conversation, now) {
      for (let attempt = 0; ; attempt++) {
        // The insert that loses a race does nothing, and its statement cannot see the winner's row yet: the next statement reads it.
        const [row] = await sql.query<HandoffRow & { taken: boolean }>(
          `with taken as (
             insert into handoffs (person, operator, peer, channel, transport, since, last_at) values ($1, $2, $3, $4, $5, $6, $6)
             on conflict (person) do nothing returning operator, peer, channel, transport, since, last_at)
           select *, true as taken from taken
           union all
           select operator, peer, channel, transport, since, last_at, false from handoffs where person = $1 and not exists (select 1 from taken)`,
          [personId, operatorId, conversation.peer, conversation.channel, conversation.transport, now],
        );
        const holder =
          row ?? (await sql.query<HandoffRow>('select operator, peer, channel, transport, since, last_at from handoffs where person = $1', [personId]))[0];
        if (holder) return { holder: toHandoff(holder), taken: row?.taken ?? false };
        if (attempt >= 2) throw new Error(`taking over ${personId}: the handoff kept changing hands`);
      }
    },
    async touch(personId, operatorId, now) {
      const rows = await sql.query('update handoffs set last_at = $3 where person = $1 and operator = $2 returning 1', [personId, operatorId, now]);
      return rows.length > 0;
    },
    async release(personId, operatorId, idleBefore) {
      // A hand-back for idleness is the system's write: its audit entry commits with it.
      const [row] = await sql.query<HandoffRow>(
        `with released as (
           delete from handoffs where person = $1 and ($2::bigint is null or operator = $2::bigint) and ($3::timestamptz is null or last_at < $3)
           returning operator, peer, channel, transport, since, last_at),
         audited as (
           insert into audit_log (at, actor_kind, action, subject, outcome, before)
           select now(), 'system', 'hand back after HANDOFF_IDLE_MINUTES', 'person ' || $1, 'done', json_build_object('operator', operator::text, 'lastReplyAt', last_at)
             from released where $3::timestamptz is not null)
         select * from released`,
        [personId, operatorId, idleBefore ?? null],
      );
      return row ? toHandoff(row) : null;
    },
    async idleSince(before) {
      const rows = await sql.query<HandoffRow & { person: string }>(
        'select person, operator, peer, channel, transport, since, last_at from handoffs where last_at < $1 order by last_at',
        [before],
      );
      return rows.map((row) => ({ personId: row.person, handoff: toHandoff(row) }));
    },
  };
}
