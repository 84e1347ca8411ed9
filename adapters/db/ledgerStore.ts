import type { DealerAccount, LedgerEntry, LedgerStore } from '../../domain/ledger';
import type { Sql } from './sql';

/**
 * Orders that count against a dealer's credit until the ERP invoices them: waiting for approval,
 * approved, shipped. The credit check, the credit alert and BALANCE read this one figure.
 */
export const openOrderStatuses = `('pending_approval', 'approved', 'shipped')`;

/** The open orders' value per dealer, as a subquery (dealer, value). */
export const openOrderValues = `(select o.dealer, sum(l.qty * l.price) as value from orders o join order_lines l on l.order_number = o.number
                                   where o.status in ${openOrderStatuses} group by o.dealer)`;

/**
 * Posts entries to dealers' ledgers (the database adds each to the dealer's balance, in this
 * transaction); an opening, invoice, credit note or rebate already posted for its reference is not
 * posted again. Answers how many were posted.
 */
export async function postEntries(tx: Sql, entries: readonly LedgerEntry[]): Promise<number> {
  if (entries.length === 0) return 0;
  const posted = await tx.query(
    `insert into dealer_ledger (dealer, kind, amount, currency, reference, note)
     select * from unnest($1::text[], $2::text[], $3::numeric[], $4::text[], $5::text[], $6::text[])
     on conflict do nothing returning id`,
    [
      entries.map((e) => e.dealer),
      entries.map((e) => e.kind),
      entries.map((e) => e.amount.toFixed(2)),
      entries.map((e) => e.currency),
      entries.map((e) => e.reference),
      entries.map((e) => e.note),
    ],
  );
  return posted.length;
}

export function sqlLedgerStore(sql: Sql): LedgerStore {
  return {
    async account(dealer, today) {
      const [row] = await sql.query<Omit<DealerAccount, 'overdue'> & { overdueCount: number; overdueAmount: number; oldestDue: string | null }>(
        `with open_invoices as (
           select i.number, i.due_date, i.amount - i.paid_amount as outstanding from invoices i where i.dealer = $1 and i.amount > i.paid_amount)
         select d.code as dealer, d.name, d.credit_limit::float8 as "creditLimit", d.balance::float8 as balance,
                coalesce((select value from ${openOrderValues} v where v.dealer = d.code), 0)::float8 as "openOrders",
                coalesce((select currency from invoices where dealer = d.code order by due_date desc, number desc limit 1), 'CNY') as currency,
                (select count(*)::int from open_invoices where due_date < $2::date) as "overdueCount",
                coalesce((select sum(outstanding) from open_invoices where due_date < $2::date), 0)::float8 as "overdueAmount",
                (select min(due_date)::text from open_invoices where due_date < $2::date) as "oldestDue",
                (select json_build_object('date', due_date::text, 'amount', outstanding::float8) from open_invoices
                  where due_date >= $2::date order by due_date, number limit 1) as "nextDue",
                coalesce(-(select sum(amount) from dealer_ledger where dealer = d.code and kind = 'rebate'
                             and at >= date_trunc('year', $2::date)), 0)::float8 as "rebateCredit"
           from dealers d where d.code = $1`,
        [dealer, today],
      );
      if (!row) return null;
      const { overdueCount, overdueAmount, oldestDue, ...account } = row;
      return { ...account, overdue: { count: overdueCount, amount: overdueAmount, oldestDue } };
    },
    async entries(dealer, limit) {
      return sql.query(
        `select dealer, kind, amount::float8 as amount, currency, reference, note, at from dealer_ledger where dealer = $1 order by id desc limit $2`,
        [dealer, limit],
      );
    },
  };
}
