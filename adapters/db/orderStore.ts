import { canMove, type OrderStatus, type OrderSummary } from '../../domain/orders';
import type { DialogStore, OrderStore } from '../../domain/ports';
import type { Sql } from './sql';
import { openOrderStatuses } from './ledgerStore';

/** Orders over SQL: summaries, credit positions, creation, all-or-nothing reservations, decisions. */
export function sqlOrderStore(sql: Sql): OrderStore {
  return {
    async summary(number) {
      const rows = await sql.query<OrderRow>(`${selectOrderSummary} where upper(o.number) = upper($1) group by o.number`, [number]);
      return rows[0] ? toOrderSummary(rows[0]) : null;
    },
    async openOrders(filter, limit) {
      const rows = await sql.query<OrderRow>(
        `${selectOrderSummary}
          where o.status in ('draft', 'pending_approval', 'approved', 'shipped')
            and ($1::text is null or o.dealer = $1) and ($2::text is null or o.driver = $2)
          group by o.number order by o.created_at desc, o.number desc limit $3`,
        [filter.dealer ?? null, filter.driver ?? null, limit],
      );
      return rows.map(toOrderSummary);
    },
    async creditPosition(dealer, lock) {
      const [row] = await sql.query<{ credit_limit: number; balance: number }>(
        `select credit_limit::float8 as credit_limit, balance::float8 as balance from dealers where code = $1${lock ? ' for update' : ''}`,
        [dealer],
      );
      if (!row) return null;
      const [open] = await sql.query<{ value: number }>(
        `select coalesce(sum(l.qty * l.price), 0)::float8 as value
           from orders o join order_lines l on l.order_number = o.number
          where o.dealer = $1 and o.status in ${openOrderStatuses}`,
        [dealer],
      );
      return { creditLimit: Number(row.credit_limit), balance: Number(row.balance), openValue: Number(open!.value) };
    },
    async create(order) {
      // The sequence may meet a number the ERP imported: take the next free one.
      const [row] = await sql.query<{ number: string }>(
        `with recursive candidate(n) as (select nextval('order_numbers')::text
           union all select nextval('order_numbers')::text from candidate where exists (select 1 from orders where number = candidate.n))
         insert into orders (number, dealer, status, requested_by, approval_reason)
         select n, $1, $2, $3, $4 from candidate where not exists (select 1 from orders where number = candidate.n) limit 1
         returning number`,
        [order.dealer, order.status, order.requestedBy, order.approvalReason],
      );
      await sql.query(
        `insert into order_lines (order_number, line_no, sku, qty, price)
         select $1, ordinality, sku, qty, price from unnest($2::text[], $3::int[], $4::numeric[]) with ordinality as l(sku, qty, price)`,
        [row!.number, order.lines.map((l) => l.sku), order.lines.map((l) => l.qty), order.lines.map((l) => l.unitPrice)],
      );
      return row!.number;
    },
    async discard(number) {
      await sql.query(`delete from orders where number = $1 and status in ('draft', 'approved', 'pending_approval')`, [number]);
    },
    async reserve(number, lines) {
      await sql.query('savepoint reserve');
      for (const line of lines) {
        // Rows locked in one order (warehouse code) so that racing reservations cannot deadlock.
        const stock = await sql.query<{ warehouse: string; available: number }>(
          `select warehouse, (on_hand - reserved)::int as available from stock where sku = $1 order by warehouse for update`,
          [line.sku],
        );
        const available = stock.reduce((sum, s) => sum + Math.max(0, s.available), 0);
        if (available < line.qty) {
          await sql.query('rollback to savepoint reserve');
          return { short: { sku: line.sku, available } };
        }
        let wanted = line.qty;
        for (const warehouse of [...stock].sort((a, b) => b.available - a.available)) {
          const take = Math.min(wanted, Math.max(0, warehouse.available));
          if (take === 0) continue;
          await sql.query('update stock set reserved = reserved + $3, updated_at = now() where warehouse = $1 and sku = $2', [
            warehouse.warehouse,
            line.sku,
            take,
          ]);
          await sql.query(
            `insert into order_reservations (order_number, warehouse, sku, qty) values ($1, $2, $3, $4)
             on conflict (order_number, warehouse, sku) do update set qty = order_reservations.qty + excluded.qty`,
            [number, warehouse.warehouse, line.sku, take],
          );
          wanted -= take;
          if (wanted === 0) break;
        }
      }
      await sql.query('release savepoint reserve');
      return { reserved: true };
    },
    async pendingApproval(number) {
      const [order] = await sql.query<{ number: string; requested_by: string | null; approval_reason: string | null }>(
        `select number, requested_by, approval_reason from orders where upper(number) = upper($1) and status = 'pending_approval' for update`,
        [number],
      );
      if (!order) return null;
      const lines = await sql.query<{ sku: string; qty: number }>('select sku, qty from order_lines where order_number = $1 order by line_no', [order.number]);
      const summary = await this.summary(order.number);
      return { summary: summary!, requestedBy: order.requested_by, approvalReason: order.approval_reason, lines };
    },
    async setStatus(number, to, details) {
      const [order] = await sql.query<{ number: string; status: OrderStatus }>('select number, status from orders where upper(number) = upper($1) for update', [
        number,
      ]);
      if (!order) return { refused: 'unknown' };
      if (!canMove(order.status, to)) return { refused: { from: order.status } };
      await sql.query(`update orders set status = $2, eta = coalesce($3, eta), driver = coalesce($4, driver), updated_at = now() where number = $1`, [
        order.number,
        to,
        details.eta ?? null,
        details.driver ?? null,
      ]);
      await settleReservations(sql, order.number, to);
      return { number: order.number, from: order.status, to };
    },
    async contactsFor(number) {
      const rows = await sql.query<{ id: string }>(
        `select coalesce(o.requested_by, p.id) as id from orders o left join people p on p.dealer = o.dealer and p.role = 'dealer' and o.requested_by is null
          where o.number = $1 and coalesce(o.requested_by, p.id) is not null order by 1`,
        [number],
      );
      return rows.map((row) => row.id);
    },
    async decide(number, decision) {
      await sql.query(`update orders set status = $2, decided_by = $3, decided_at = $5, reject_reason = $4, updated_at = now() where number = $1`, [
        number,
        decision.status,
        decision.by,
        decision.reason,
        decision.at,
      ]);
    },
  };
}

/**
 * What a status does to an order's reserved stock: shipping takes the goods out of the warehouse
 * (on hand and reserved both drop); cancelling or rejecting gives them back to everyone.
 */
export async function settleReservations(sql: Sql, number: string, to: OrderStatus): Promise<void> {
  if (to !== 'shipped' && to !== 'cancelled' && to !== 'rejected') return;
  await sql.query(
    `update stock s set reserved = greatest(s.reserved - r.qty, 0),
            on_hand = case when $2 = 'shipped' then greatest(s.on_hand - r.qty, 0) else s.on_hand end, updated_at = now()
       from order_reservations r where r.order_number = $1 and s.warehouse = r.warehouse and s.sku = r.sku`,
    [number, to],
  );
  await sql.query('delete from order_reservations where order_number = $1', [number]);
}

/**
 * Dialog state as JSON with a version (grammyjs/conversations' storage). `updated_at` is when the
 * current step began, at the moment of the write (clock_timestamp, not the transaction's start): a
 * message received before it cannot answer that step (commands/router.ts asSeenBy).
 */
export function sqlDialogStore(sql: Sql): DialogStore {
  return {
    async open(personId) {
      const [row] = await sql.query<{ kind: string; step: string; state: unknown; version: number; expires_at: Date; updated_at: Date }>(
        'select kind, step, state, version, expires_at, updated_at from dialogs where person = $1 for update',
        [personId],
      );
      return row
        ? { kind: row.kind, step: row.step, state: row.state, version: row.version, expiresAt: new Date(row.expires_at), since: new Date(row.updated_at) }
        : null;
    },
    async save(personId, dialog, expectedVersion) {
      const rows =
        expectedVersion === null
          ? await sql.query(
              `insert into dialogs (person, kind, step, state, expires_at, updated_at) values ($1, $2, $3, $4, $5, clock_timestamp())
             on conflict (person) do nothing returning 1`,
              [personId, dialog.kind, dialog.step, JSON.stringify(dialog.state), dialog.expiresAt],
            )
          : await sql.query(
              `update dialogs set kind = $2, step = $3, state = $4, expires_at = $5, version = version + 1, updated_at = clock_timestamp()
              where person = $1 and version = $6 returning 1`,
              [personId, dialog.kind, dialog.step, JSON.stringify(dialog.state), dialog.expiresAt, expectedVersion],
            );
      return rows.length === 1;
    },
    async close(personId) {
      await sql.query('delete from dialogs where person = $1', [personId]);
    },
  };
}

// With its approval (who decided, or whom it waits for) and its delivery (the next stop, or when it was done).
const selectOrderSummary = `
  select o.number, o.dealer, o.status, o.driver, o.eta,
         coalesce(sum(l.qty * l.price), 0)::float8 as total,
         coalesce(max(p.currency), 'CNY') as currency, count(l.line_no)::int as line_count,
         (select d.name from people d where d.id = o.decided_by) as decided_by, o.decided_at, o.reject_reason,
         (select m.name from people r join people m on m.id = r.manager where r.id = o.requested_by) as approver,
         (select s.name from delivery_stops s where s.order_number = o.number and s.done_at is null order by s.seq limit 1) as next_stop,
         (select max(s.done_at) from delivery_stops s where s.order_number = o.number) as delivered_at
    from orders o
    left join order_lines l on l.order_number = o.number
    left join products p on p.sku = l.sku`;
interface OrderRow {
  number: string;
  dealer: string;
  status: OrderStatus;
  driver: string | null;
  eta: Date | null;
  total: number;
  currency: string;
  line_count: number;
  decided_by: string | null;
  decided_at: Date | null;
  reject_reason: string | null;
  approver: string | null;
  next_stop: string | null;
  delivered_at: Date | null;
}
const toOrderSummary = (row: OrderRow): OrderSummary => ({
  number: row.number,
  dealer: row.dealer,
  status: row.status,
  driver: row.driver,
  eta: row.eta ? new Date(row.eta) : null,
  total: Number(row.total),
  currency: row.currency,
  lineCount: Number(row.line_count),
  decision: row.decided_by && row.decided_at ? { by: row.decided_by, at: new Date(row.decided_at), reason: row.reject_reason } : null,
  awaitingApprover: row.status === 'pending_approval' ? row.approver : null,
  nextStop: row.status === 'shipped' ? row.next_stop : null,
  deliveredAt: row.status === 'delivered' && row.delivered_at ? new Date(row.delivered_at) : null,
});
