import type { OutboxFilter, OutboxRow } from '../../domain/reads';
import type { Sql } from './sql';

const statusesOf: Record<OutboxFilter['view'], string> = {
  scheduled: `o.status = 'pending'`,
  failed: `(o.status in ('failed', 'undelivered') or (o.status = 'unknown' and o.updated_at < now() - interval '10 minutes'))`,
  cancelled: `o.status = 'cancelled'`,
};

/** The outbox view's rows: one query, the filter's conditions as parameters (the view picks a fixed condition). */
export async function outboxRows(sql: Sql, filter: OutboxFilter): Promise<OutboxRow[]> {
  const rows = await sql.query<Omit<OutboxRow, 'createdAt' | 'dueAt'> & { createdAt: Date; dueAt: Date | null }>(
    `select o.id::text, o.recipient, o.channel, o.kind, o.status, o.body as text, o.created_at as "createdAt", o.not_before as "dueAt",
            o.error_code as code, o.reason, o.held_for as "heldFor",
            case when p.id is null then null else json_build_object('id', p.id, 'name', p.name, 'timezone', p.timezone) end as person
       from outbox o left join people p on p.id = o.person
      where ${statusesOf[filter.view]}
        and ($1::text is null or o.kind = $1) and ($2::text is null or o.channel = $2) and ($3::text is null or o.error_code = $3)
        and ($4::timestamptz is null or o.created_at >= $4) and ($5::timestamptz is null or o.created_at < $5)
      order by ${filter.view === 'scheduled' ? 'coalesce(o.not_before, o.created_at), o.id' : 'o.created_at desc, o.id desc'}
      limit $6`,
    [filter.kind, filter.channel, filter.code, filter.from, filter.to, filter.limit],
  );
  return rows.map((row) => ({ ...row, createdAt: new Date(row.createdAt), dueAt: row.dueAt ? new Date(row.dueAt) : null }));
}
