import type { Promotion, PromotionStore, StoreSales } from '../../domain/promotions';
import type { Sql } from './sql';

/** A promotion's columns (alias p), its stores being those named and those of its regions. */
const promotionColumns = `p.code, p.name, to_char(p.from_day, 'YYYY-MM-DD') as "from", to_char(p.to_day, 'YYYY-MM-DD') as "to",
  coalesce((select array_agg(sku order by sku) from promotion_skus where promotion = p.code), '{}') as skus,
  coalesce((select array_agg(distinct s.code order by s.code) from stores s left join dealers d on d.code = s.dealer
             where s.code in (select store from promotion_stores where promotion = p.code)
                or d.region in (select region from promotion_regions where promotion = p.code)), '{}') as stores,
  coalesce((select array_agg(person order by person) from promotion_promoters where promotion = p.code), '{}') as promoters`;

/** Current reports' lines (not replaced, not rejected) by store, with the store's dealer's region. */
const soldBy = `select r.store, sum(l.qty)::int as units, sum(l.qty * l.unit_price)::float8 as value
                  from sell_out_reports r join sell_out_lines l on l.report = r.id
                 where r.replaced_at is null and r.rejected_at is null and l.sku = any($1::text[]) and r.day between $3::date and $4::date
                 group by r.store`;

export function sqlPromotionStore(sql: Sql): PromotionStore {
  return {
    async byCode(code) {
      const [row] = await sql.query<Promotion>(`select ${promotionColumns} from promotions p where upper(p.code) = upper($1)`, [code]);
      return row ?? null;
    },
    async overlapping(from, to) {
      const rows = await sql.query<{ code: string }>('select code from promotions where from_day <= $2::date and to_day >= $1::date order by from_day, code', [
        from,
        to,
      ]);
      return rows.map((row) => row.code);
    },
    async runningAt(stores, day) {
      const rows = await sql.query<Promotion>(
        `select * from (select ${promotionColumns} from promotions p where $2::date between p.from_day and p.to_day) x
                                                 where x.stores && $1::text[] order by x.code`,
        [stores, day],
      );
      return rows;
    },
    async sales(skus, where, from, to) {
      // In: every named store, with nothing sold as zero. Except: every other store that sold them.
      const rows =
        'in' in where
          ? await sql.query<StoreSales>(
              `select s.code as store, d.region, coalesce(x.units, 0)::int as units, coalesce(x.value, 0)::float8 as value
                 from stores s left join dealers d on d.code = s.dealer left join (${soldBy}) x on x.store = s.code
                where s.code = any($2::text[]) order by s.code`,
              [skus, where.in, from, to],
            )
          : await sql.query<StoreSales>(
              `select x.store, d.region, x.units, x.value from (${soldBy}) x join stores s on s.code = x.store left join dealers d on d.code = s.dealer
                where not (x.store = any($2::text[])) order by x.store`,
              [skus, where.except, from, to],
            );
      return rows;
    },
  };
}
