import type { ImportRow, RowError, ValidRow } from '../../domain/import';
import { receiveReturn } from '../../domain/returns';
import { sqlStore } from './store';
import type { BalanceDifference, LedgerEntry } from '../../domain/ledger';
import { roundCents, sumMoney } from '../../domain/money';
import { postEntries } from './ledgerStore';
import type { Sql } from './sql';

/**
 * What an import does to dealers' ledgers: a dealer it creates is opened with the balance it brings
 * (its invoices in the same document are in that balance); a balance it states for a dealer already
 * open is compared with the ledger once every kind has landed.
 */
export interface LedgerContext {
  importId: string;
  opened: Set<string>;
  stated: Map<string, number>;
}

/** The stated balances that differ from the ledgers' sums. */
export async function balanceDifferences(sql: Sql, stated: ReadonlyMap<string, number>): Promise<BalanceDifference[]> {
  if (stated.size === 0) return [];
  const rows = await sql.query<{ code: string; balance: number }>(
    'select code, balance::float8 as balance from dealers where code = any($1::text[]) order by code',
    [[...stated.keys()]],
  );
  return rows.flatMap(({ code, balance }) => {
    const imported = stated.get(code)!;
    const difference = sumMoney([imported, -balance]);
    return difference === 0 ? [] : [{ dealer: code, ledger: balance, imported, difference }];
  });
}

/** Invoices, and the ledger entries their changes make (invoiceEntries). */
export async function upsertInvoices(tx: Sql, rows: ImportRow<'invoices'>[], ledger: LedgerContext): Promise<void> {
  const entries = await invoiceEntries(tx, rows, ledger.opened);
  await tx.query(
    `insert into invoices (number, dealer, person, amount, currency, due_date, paid_amount)
     select number, dealer, person, amount, coalesce(currency, 'CNY'), "dueDate", coalesce("paidAmount", 0)
       from jsonb_to_recordset($1::jsonb)
         as x(number text, dealer text, person text, amount numeric, currency text, "dueDate" date, "paidAmount" numeric)
     on conflict (number) do update set dealer = excluded.dealer, person = excluded.person, amount = excluded.amount,
       currency = excluded.currency, due_date = excluded.due_date, paid_amount = excluded.paid_amount, updated_at = now()`,
    [JSON.stringify(rows)],
  );
  await postEntries(tx, entries);
}

/** Rebate policies (domain/rebates.ts): a changed policy counts from its next close; applications made stand. */
export async function upsertRebatePolicies(tx: Sql, rows: ImportRow<'rebatePolicies'>[]): Promise<void> {
  await tx.query(
    `insert into rebate_policies (code, name, dealer, tier, period, currency, rules, from_month)
     select code, name, dealer, tier, period, coalesce(currency, 'CNY'), rules, "from"
       from jsonb_to_recordset($1::jsonb) as x(code text, name text, dealer text, tier text, period text, currency text, rules jsonb, "from" text)
     on conflict (code) do update set name = excluded.name, dealer = excluded.dealer, tier = excluded.tier, period = excluded.period,
       currency = excluded.currency, rules = excluded.rules, from_month = excluded.from_month`,
    [JSON.stringify(rows)],
  );
}

/**
 * The entries an invoices import posts: a new dealer invoice its amount (and what was paid of it),
 * a changed amount the difference, a payment what was paid since; an invoice moved to another
 * dealer leaves the first's account and enters the second's. Invoices of a dealer opened by this
 * import are in its opening balance; a customer's invoices are no dealer's account.
 */
async function invoiceEntries(tx: Sql, rows: ImportRow<'invoices'>[], opened: ReadonlySet<string>): Promise<LedgerEntry[]> {
  const before = new Map(
    (
      await tx.query<{ number: string; dealer: string | null; amount: number; paid: number }>(
        'select number, dealer, amount::float8 as amount, paid_amount::float8 as paid from invoices where number = any($1::text[]) for update',
        [rows.map((r) => r.number)],
      )
    ).map((r) => [r.number, r]),
  );
  const entries: LedgerEntry[] = [];
  const post = (dealer: string | null | undefined, kind: LedgerEntry['kind'], amount: number, row: ImportRow<'invoices'>, note: string | null = null) => {
    if (dealer && !opened.has(dealer) && roundCents(amount) !== 0)
      entries.push({ dealer, kind, amount: roundCents(amount), currency: row.currency ?? 'CNY', reference: row.number, note });
  };
  for (const row of rows) {
    const paid = row.paidAmount ?? 0;
    const old = before.get(row.number);
    if (!old) {
      post(row.dealer, 'invoice', row.amount, row);
      post(row.dealer, 'payment', -paid, row);
    } else if (old.dealer !== (row.dealer ?? null)) {
      post(old.dealer, 'adjustment', -(old.amount - old.paid), row, `invoice ${row.number} moved to ${row.dealer ?? 'a customer'}`);
      post(row.dealer, 'adjustment', row.amount - paid, row, `invoice ${row.number} moved from ${old.dealer ?? 'a customer'}`);
    } else {
      post(row.dealer, 'adjustment', row.amount - old.amount, row, `invoice ${row.number}: amount ${old.amount.toFixed(2)} → ${row.amount.toFixed(2)}`);
      post(row.dealer, 'payment', -(paid - old.paid), row);
    }
  }
  return entries;
}

/**
 * Returns the import records received: an approved one is received (with `effects`, the dealer is
 * told; without, the domain's receipt alone); one received before is left as it is, so a document
 * imported twice receives nothing twice; one unknown or not approved is a row error. Answers how
 * many were received.
 */
export async function receiveReturns(
  tx: Sql,
  rows: ValidRow<'returns'>[],
  errors: RowError[],
  receive: ((number: string) => Promise<unknown>) | null,
): Promise<number> {
  const statuses = new Map(
    (
      await tx.query<{ number: string; status: string }>('select number, status from returns where upper(number) = any($1::text[]) for update', [
        rows.map((r) => r.row.number.toUpperCase()),
      ])
    ).map((r) => [r.number.toUpperCase(), r]),
  );
  let received = 0;
  for (const { index, row } of rows) {
    const known = statuses.get(row.number.toUpperCase());
    if (!known) errors.push({ kind: 'returns', index, field: 'number', message: `no return ${row.number}` });
    else if (known.status === 'received') continue;
    else if (known.status !== 'approved')
      errors.push({ kind: 'returns', index, field: 'number', message: `return ${known.number} is ${known.status}: only an approved return is received` });
    else {
      await (receive ? receive(known.number) : receiveReturn(sqlStore(tx), known.number, new Date()));
      received += 1;
    }
  }
  return received;
}
