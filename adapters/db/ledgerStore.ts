import type { DealerAccount, LedgerEntry, LedgerStore, Statement } from '../../domain/ledger';
import { personColumns, personJoins, toPerson, type PersonRow } from './personRows';
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
    post: (entries) => postEntries(sql, entries),
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
    async dealerContacts() {
      const rows = await sql.query<PersonRow & { dealer_code: string; dealer_name: string }>(
        `select dl.code as dealer_code, dl.name as dealer_name, ${personColumns}
           from dealers dl join people on people.dealer = dl.code and people.role = 'dealer' ${personJoins}
          order by dl.code, people.id`,
      );
      const byDealer = new Map<string, { dealer: string; name: string; people: ReturnType<typeof toPerson>[] }>();
      for (const row of rows) {
        const entry = byDealer.get(row.dealer_code) ?? { dealer: row.dealer_code, name: row.dealer_name, people: [] };
        entry.people.push(toPerson(row));
        byDealer.set(row.dealer_code, entry);
      }
      return [...byDealer.values()];
    },
    async makeStatement(dealer, month, from, to, at) {
      const [row] = await sql.query<Statement>(
        `with entries as (select kind, amount, at from dealer_ledger where dealer = $1 and at < $4),
         figures as (
           -- a ledger opened during the month opens the month with its figure
           select coalesce(sum(amount) filter (where at < $3 or kind = 'opening'), 0) as opening,
                  coalesce(sum(amount) filter (where at >= $3 and kind in ('invoice', 'adjustment')), 0) as invoiced,
                  coalesce(-sum(amount) filter (where at >= $3 and kind = 'payment'), 0) as paid,
                  coalesce(-sum(amount) filter (where at >= $3 and kind in ('credit-note', 'rebate')), 0) as credited,
                  coalesce(sum(amount), 0) as closing
             from entries)
         insert into statements (dealer, month, currency, opening, invoiced, paid, credited, closing, created_at)
         select $1, $2, coalesce((select currency from invoices where dealer = $1 order by due_date desc, number desc limit 1), 'CNY'),
                opening, invoiced, paid, credited, closing, $5
           from figures
          where exists (select 1 from dealer_ledger where dealer = $1 and at < $4)
         on conflict (dealer, month) do nothing
         returning dealer, month, currency, opening::float8 as opening, invoiced::float8 as invoiced, paid::float8 as paid,
                   credited::float8 as credited, closing::float8 as closing`,
        [dealer, month, from, to, at],
      );
      return row ?? null;
    },
    async pendingStatement(dealer) {
      const [row] = await sql.query<Statement>(
        `select dealer, month, currency, opening::float8 as opening, invoiced::float8 as invoiced, paid::float8 as paid,
                credited::float8 as credited, closing::float8 as closing
           from statements where dealer = $1 and answered_at is null order by month desc limit 1`,
        [dealer],
      );
      return row ?? null;
    },
    async answerStatement(dealer, month, { by, at, confirmed, dispute }) {
      const rows = await sql.query(
        `update statements set answered_by = $3, answered_at = $4, confirmed = $5, dispute = $6
          where dealer = $1 and month = $2 and answered_at is null returning month`,
        [dealer, month, by, at, confirmed, dispute],
      );
      return rows.length > 0;
    },
  };
}
