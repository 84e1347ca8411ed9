import type { ReturnRecord, ReturnStore } from '../../domain/returns';
import { returnValue } from '../../domain/returns';
import type { Sql } from './sql';

/** The currency of an order: its products'. */
const orderCurrency = `coalesce((select p.currency from order_lines l join products p on p.sku = l.sku where l.order_number = o.number limit 1), 'CNY')`;

/** When an order (alias o) was delivered: its last stop done, else its last update; null while not delivered. */
export const deliveredAt = `case when o.status = 'delivered' then coalesce((select max(s.done_at) from delivery_stops s where s.order_number = o.number), o.updated_at) end`;

export function sqlReturnStore(sql: Sql): ReturnStore {
  return {
    async returnable(order) {
      const [row] = await sql.query<{ number: string; dealer: string; status: string; delivered_at: Date | null; currency: string }>(
        `select o.number, o.dealer, o.status, ${orderCurrency} as currency,
                ${deliveredAt} as delivered_at
           from orders o where upper(o.number) = upper($1) for update of o`,
        [order],
      );
      if (!row) return null;
      const lines = await sql.query<{ sku: string; delivered: number; returned: number; price: number }>(
        `select l.sku, sum(l.qty)::int as delivered, max(l.price)::float8 as price,
                coalesce((select sum(rl.qty) from return_lines rl join returns r on r.number = rl.return_number
                           where r.order_number = $1 and r.status <> 'rejected' and rl.sku = l.sku), 0)::int as returned
           from order_lines l where l.order_number = $1 group by l.sku order by l.sku`,
        [row.number],
      );
      return { order: { number: row.number, dealer: row.dealer, status: row.status, deliveredAt: row.delivered_at, currency: row.currency }, lines };
    },
    async create(request) {
      const [row] = await sql.query<{ number: string }>(
        `insert into returns (number, order_number, dealer, requested_by, approver, status, reason, created_at)
         values ('R' || nextval('return_numbers'), $1, $2, $3, $4, 'pending_approval', $5, $6) returning number`,
        [request.order, request.dealer, request.requestedBy, request.approver, request.reason, request.at],
      );
      await sql.query(`insert into return_lines (return_number, sku, qty, price) select $1, * from unnest($2::text[], $3::int[], $4::numeric[])`, [
        row!.number,
        request.lines.map((l) => l.sku),
        request.lines.map((l) => l.qty),
        request.lines.map((l) => l.price),
      ]);
      return row!.number;
    },
    async byNumber(number) {
      const [row] = await sql.query<Omit<ReturnRecord, 'lines' | 'value'>>(
        `select r.number, r.order_number as "order", r.dealer, r.status, r.requested_by as "requestedBy", r.reason, ${orderCurrency} as currency
           from returns r join orders o on o.number = r.order_number where upper(r.number) = upper($1) for update of r`,
        [number],
      );
      if (!row) return null;
      const lines = await sql.query<{ sku: string; qty: number; price: number }>(
        'select sku, qty, price::float8 as price from return_lines where return_number = $1 order by sku',
        [row.number],
      );
      return { ...row, lines, value: returnValue(lines) };
    },
    async recentlyDelivered(dealer, since, limit) {
      const rows = await sql.query<{ number: string }>(
        `select number from (select o.number, ${deliveredAt} as delivered_at from orders o where o.dealer = $1 and o.status = 'delivered') o
          where o.delivered_at >= $2
            and (select sum(l.qty) from order_lines l where l.order_number = o.number)
              > (select coalesce(sum(rl.qty), 0) from return_lines rl join returns r on r.number = rl.return_number
                  where r.order_number = o.number and r.status <> 'rejected')
          order by o.delivered_at desc, o.number desc limit $3`,
        [dealer, since, limit],
      );
      return rows.map((row) => row.number);
    },
    async openOf(dealer, limit) {
      return sql.query(
        `select number, status, order_number as "order" from returns where dealer = $1 and status in ('pending_approval', 'approved')
          order by created_at desc, number desc limit $2`,
        [dealer, limit],
      );
    },
    async decide(number, decision) {
      await sql.query(`update returns set status = $2, decided_by = $3, reject_reason = $4, decided_at = $5 where number = $1`, [
        number,
        decision.status,
        decision.by,
        decision.reason,
        decision.at,
      ]);
    },
    async receive(number, at) {
      await sql.query(`update returns set status = 'received', received_at = $2 where number = $1`, [number, at]);
      // Back on hand where the order was reserved from, else where the most of that product is.
      await sql.query(
        `update stock s set on_hand = s.on_hand + l.qty, updated_at = now()
           from return_lines l join returns r on r.number = l.return_number
          where l.return_number = $1
            and (s.warehouse, s.sku) = (select st.warehouse, st.sku from stock st where st.sku = l.sku
                                         order by exists (select 1 from order_reservations x where x.order_number = r.order_number and x.warehouse = st.warehouse and x.sku = st.sku) desc,
                                                  st.on_hand desc, st.warehouse limit 1)`,
        [number],
      );
    },
  };
}
