import type { CompetitorBrand, CompetitorStore } from '../../domain/competitors';
import type { Sql } from './sql';

export function sqlCompetitorStore(sql: Sql): CompetitorStore {
  return {
    async brands() {
      return sql.query<CompetitorBrand>(
        `select b.code, b.name, b.name_zh as "nameZh", b.aliases,
                coalesce((select array_agg(m.model order by m.model) from competitor_models m where m.brand = b.code), '{}') as models
           from competitor_brands b order by b.code`,
      );
    },
    async recentMedian(brand, model, since) {
      const [row] = await sql.query<{ median: number | null; count: number }>(
        `select percentile_cont(0.5) within group (order by price)::float8 as median, count(*)::int as count
           from competitor_sightings where brand = $1 and model = $2 and seen_at >= $3`,
        [brand, model, since],
      );
      return row!;
    },
    async record(s) {
      await sql.query(
        `insert into competitor_sightings (brand, model, store, person, price, currency, qty, seen_at, median, flagged)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [s.brand, s.model, s.store, s.person, s.price.toFixed(2), s.currency, s.qty, s.at, s.median === null ? null : s.median.toFixed(2), s.flagged],
      );
    },
  };
}
