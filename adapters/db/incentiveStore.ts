import type { CommissionRule, IncentivePlan } from '../../domain/incentives';
import type { IncentiveStore } from '../../domain/ports';
import type { Sql } from './sql';

/** Incentive plans, assignments, and the activity a statement counts, over SQL. */
export function sqlIncentiveStore(sql: Sql): IncentiveStore {
  return {
    async planFor(personId, month) {
      const [row] = await sql.query<PlanRow>(
        `select p.* from plan_assignments a join incentive_plans p on p.code = a.plan
          where a.person = $1 and a.from_month <= $2 order by a.from_month desc limit 1`,
        [personId, month],
      );
      return row ? toPlan(row) : null;
    },
    async onPlans(month) {
      return sql.query<{ id: string; name: string; timezone: string | null }>(
        `select distinct p.id, p.name, p.timezone from plan_assignments a join people p on p.id = a.person where a.from_month <= $1 order by p.id`,
        [month],
      );
    },
    async activity(personId, { from, to, fromDay, toDay, zone }) {
      const [counts] = await sql.query<{ days: number; visits: number }>(
        `select (select count(distinct (opened_at at time zone $4)::date) from checkins where person = $1 and opened_at >= $2 and opened_at < $3)::int as days,
                (select count(*) from store_visits where person = $1 and visited_at >= $2 and visited_at < $3)::int as visits`,
        [personId, from, to, zone],
      );
      const sales = await sql.query<{ sku: string; category: string | null; qty: number; unit_price: number }>(
        `select l.sku, p.category, l.qty, l.unit_price::float8 as unit_price
           from sell_out_reports r join sell_out_lines l on l.report = r.id join products p on p.sku = l.sku
          where r.person = $1 and r.replaced_at is null and r.day >= $2::date and r.day < $3::date
            and (r.flags = '[]'::jsonb or r.accepted_at is not null)
          order by r.day, r.id, l.sku`,
        [personId, fromDay, toDay],
      );
      return {
        daysAttended: Number(counts!.days),
        storeVisits: Number(counts!.visits),
        sales: sales.map((s) => ({ sku: s.sku, category: s.category, qty: Number(s.qty), unitPrice: Number(s.unit_price) })),
      };
    },
  };
}

interface PlanRow {
  code: string;
  name: string;
  currency: string;
  base_pay: string;
  per_day_attended: string;
  per_store_visit: string;
  commissions: CommissionRule[];
}
const toPlan = (row: PlanRow): IncentivePlan => ({
  code: row.code,
  name: row.name,
  currency: row.currency,
  basePay: Number(row.base_pay),
  allowances: { perDayAttended: Number(row.per_day_attended), perStoreVisit: Number(row.per_store_visit) },
  commissions: row.commissions,
});
