import type { SellOutStore } from '../../domain/ports';
import type { Sql } from './sql';

/** Sell-out reports over SQL: one current report per store and day, earlier ones kept as replaced. */
export function sqlSellOutStore(sql: Sql): SellOutStore {
  return {
    async current(store, day) {
      const [row] = await sql.query<{ id: string; lines: { sku: string; qty: number }[] }>(
        `select r.id::text, coalesce((select json_agg(json_build_object('sku', l.sku, 'qty', l.qty) order by l.sku) from sell_out_lines l where l.report = r.id), '[]') as lines
           from sell_out_reports r where r.store = $1 and r.day = $2::date and r.replaced_at is null for update`,
        [store, day],
      );
      return row ?? null;
    },
    async history(personId, skus, from, to) {
      const [row] = await sql.query<{ days: number; units: Record<string, number> | null }>(
        `select count(distinct r.day)::int as days,
                (select json_object_agg(sku, qty) from (
                   select l.sku, sum(l.qty)::int as qty from sell_out_reports r2 join sell_out_lines l on l.report = r2.id
                    where r2.person = $1 and r2.replaced_at is null and r2.day >= $3::date and r2.day < $4::date and l.sku = any($2::text[])
                    group by l.sku) s) as units
           from sell_out_reports r where r.person = $1 and r.replaced_at is null and r.day >= $3::date and r.day < $4::date`,
        [personId, skus, from, to],
      );
      return { days: Number(row?.days ?? 0), units: new Map(Object.entries(row?.units ?? {}).map(([sku, qty]) => [sku, Number(qty)])) };
    },
    async save(report) {
      if (report.replacing) await sql.query('update sell_out_reports set replaced_at = $2 where id = $1', [report.replacing, report.at]);
      const [row] = await sql.query<{ id: string }>(
        `insert into sell_out_reports (person, store, day, submitted_at, flags) values ($1, $2, $3::date, $4, $5) returning id::text`,
        [report.person, report.store, report.day, report.at, JSON.stringify(report.flags)],
      );
      await sql.query(`insert into sell_out_lines (report, sku, qty, unit_price) select $1, * from unnest($2::text[], $3::int[], $4::numeric[])`, [
        row!.id,
        report.lines.map((l) => l.sku),
        report.lines.map((l) => l.qty),
        report.lines.map((l) => l.unitPrice),
      ]);
      return row!.id;
    },
    async byId(id) {
      if (!/^\d{1,18}$/.test(id)) return null;
      const [row] = await sql.query<{ id: string; replaced_at: Date | null; accepted_at: Date | null; accepted_by: string | null; rejected_at: Date | null }>(
        'select id::text, replaced_at, accepted_at, accepted_by, rejected_at from sell_out_reports where id = $1 for update',
        [id],
      );
      return row ? { id: row.id, replacedAt: row.replaced_at, acceptedAt: row.accepted_at, acceptedBy: row.accepted_by, rejectedAt: row.rejected_at } : null;
    },
    async reject(id, at, by, reason) {
      await sql.query(
        'update sell_out_reports set rejected_at = coalesce(rejected_at, $2), rejected_by = coalesce(rejected_by, $3), reject_reason = coalesce(reject_reason, $4) where id = $1',
        [id, at, by, reason],
      );
    },
    async accept(id, at, by) {
      await sql.query('update sell_out_reports set accepted_at = coalesce(accepted_at, $2), accepted_by = coalesce(accepted_by, $3) where id = $1', [
        id,
        at,
        by,
      ]);
    },
  };
}
