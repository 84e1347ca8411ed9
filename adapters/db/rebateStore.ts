import type { RebatePolicy, RebateRecord, RebateStore } from '../../domain/rebates';
import { deliveredAt } from './returnStore';
import type { Sql } from './sql';

const recordColumns = `b.number, b.dealer, b.policy, p.name as "policyName", b.period, b.amount::float8 as amount, b.currency, b.status, b.person`;

export function sqlRebateStore(sql: Sql): RebateStore {
  return {
    async policiesOf(dealer) {
      return sql.query<RebatePolicy>(
        `select p.code, p.name, p.dealer, p.tier, p.period, p.currency, p.rules, p.from_month as "from"
           from rebate_policies p join dealers d on d.code = $1
          where p.dealer = d.code or p.tier = d.tier order by p.code`,
        [dealer],
      );
    },
    async deliveredSales(dealer, from, to) {
      // Each line less what its approved or received returns take back, in the order delivered.
      return sql.query(
        `select l.sku, pr.category, (l.qty - coalesce(r.qty, 0))::int as qty, l.price::float8 as "unitPrice"
           from (select o.number, ${deliveredAt} as delivered_at from orders o where o.dealer = $1 and o.status = 'delivered') o
           join order_lines l on l.order_number = o.number
           join products pr on pr.sku = l.sku
           left join lateral (select sum(rl.qty) as qty from return_lines rl join returns x on x.number = rl.return_number
                               where x.order_number = o.number and rl.sku = l.sku and x.status in ('approved', 'received')) r on true
          where o.delivered_at >= $2 and o.delivered_at < $3 and l.qty > coalesce(r.qty, 0)
          order by o.delivered_at, o.number, l.line_no`,
        [dealer, from, to],
      );
    },
    async apply(a) {
      const [row] = await sql.query<RebateRecord>(
        `with made as (
           insert into rebates (number, dealer, policy, period, amount, currency, status, person, approver, created_at)
           values ('RB' || nextval('rebate_numbers'), $1, $2, $3, $4, $5, 'pending_approval', $6, $7, $8)
           on conflict (dealer, policy, period) do nothing returning *)
         select ${recordColumns} from made b join rebate_policies p on p.code = b.policy`,
        [a.dealer, a.policy, a.period, a.amount.toFixed(2), a.currency, a.person, a.approver, a.at],
      );
      return row ?? null;
    },
    async byNumber(number) {
      const [row] = await sql.query<RebateRecord>(
        `select ${recordColumns} from rebates b join rebate_policies p on p.code = b.policy where upper(b.number) = upper($1) for update of b`,
        [number],
      );
      return row ?? null;
    },
    async decide(number, decision) {
      await sql.query('update rebates set status = $2, decided_by = $3, reject_reason = $4, decided_at = $5 where number = $1', [
        number,
        decision.status,
        decision.by,
        decision.reason,
        decision.at,
      ]);
    },
    async standing(dealer, since) {
      const pending = await sql.query<{ number: string; period: string; amount: number; currency: string }>(
        `select number, period, amount::float8 as amount, currency from rebates where dealer = $1 and status = 'pending_approval' order by created_at, number`,
        [dealer],
      );
      const [credited] = await sql.query<{ amount: number }>(
        `select coalesce(sum(amount), 0)::float8 as amount from rebates where dealer = $1 and status = 'approved' and decided_at >= $2`,
        [dealer, since],
      );
      return { pending, credited: credited!.amount };
    },
  };
}
