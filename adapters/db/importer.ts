import { randomUUID } from 'node:crypto';
import type { ImportKind, ImportReport, ImportRow, RowError, ValidRow } from '../../domain/import';
import { importKinds } from '../../domain/import';
import type { OrderStatus } from '../../domain/orders';
import type { ImportStore } from '../../domain/ports';
import { balanceDifferences, receiveReturns, upsertInvoices, upsertRebatePolicies, type LedgerContext } from './importLedger';
import { postEntries } from './ledgerStore';
import { references } from './importReferences';
import { upsertCompetitors, upsertPromotions, upsertShifts } from './importField';
import { settleReservations } from './orderStore';
import { leftToDo, sqlStore, type AfterCommit, type Committed } from './store';
import type { Sql } from './sql';

/**
 * Upserts a validated import document, one transaction per kind in dependency order. A row whose
 * references do not resolve is reported and left out; the kind's good rows still land together.
 */
export function sqlImporter(sql: Sql, afterCommit: AfterCommit | null = null): ImportStore {
  return {
    async preview(document) {
      // The kinds' transactions join one outer transaction, which is rolled back with the report.
      const outcome = await sql
        .transaction(async (tx) => {
          throw new Preview(await sqlImporter(tx).apply(document));
        })
        .catch((error: unknown) => {
          if (error instanceof Preview) return error.report;
          throw error;
        });
      return outcome;
    },
    async apply(document, effects) {
      const report: ImportReport = { counts: {}, errors: [], balances: [] };
      const ledger: LedgerContext = { importId: randomUUID(), opened: new Set(), stated: new Map() };
      for (const kind of importKinds) {
        const rows = document[kind] as ValidRow<ImportKind>[];
        if (rows.length === 0) continue;
        try {
          const scope: Committed = { outboxIds: [], released: [], changes: [] };
          report.counts[kind] = await sql.transaction(async (tx) => {
            const good = await checkReferences(tx, kind, rows, report.errors);
            if (good.length === 0) return 0;
            const before =
              kind === 'orders'
                ? await statusesOf(
                    tx,
                    good.map((r) => (r.row as ImportRow<'orders'>).number),
                  )
                : null;
            if (kind === 'returns') {
              const store = sqlStore(tx, afterCommit, scope);
              return receiveReturns(tx, good as ValidRow<'returns'>[], report.errors, effects ? (number) => effects.returnReceived(store, number) : null);
            }
            await upserts[kind](tx, good.map((r) => r.row) as never, ledger);
            if (before) {
              const changes = (good as ValidRow<'orders'>[]).flatMap(({ row }) => {
                const from = before.get(row.number);
                return from && from !== row.status ? [{ number: row.number, from, to: row.status }] : [];
              });
              for (const change of changes) await settleReservations(tx, change.number, change.to);
              if (changes.length > 0 && effects) await effects.orderStatus(sqlStore(tx, afterCommit, scope), changes);
            }
            return good.length;
          });
          if (afterCommit && leftToDo(scope)) await afterCommit(scope);
        } catch (cause) {
          throw new Error(`importing ${kind}`, { cause });
        }
      }
      report.balances = await balanceDifferences(sql, ledger.stated);
      return report;
    },
  };
}

async function statusesOf(tx: Sql, numbers: string[]): Promise<Map<string, OrderStatus>> {
  const rows = await tx.query<{ number: string; status: OrderStatus }>('select number, status from orders where number = any($1::text[]) for update', [
    numbers,
  ]);
  return new Map(rows.map((row) => [row.number, row.status]));
}

async function checkReferences(tx: Sql, kind: ImportKind, rows: ValidRow<ImportKind>[], errors: RowError[]): Promise<ValidRow<ImportKind>[]> {
  const bad = new Set<number>();
  const reject = (row: ValidRow<ImportKind>, field: string, message: string) => {
    bad.add(row.index);
    errors.push({ kind, index: row.index, field, message });
  };
  for (const ref of references[kind]) {
    const wanted = [...new Set(rows.flatMap((r) => ref.values(r.row).map(String)))];
    if (wanted.length === 0) continue;
    const found = await tx.query<{ key: string }>(`select ${ref.column} as key from ${ref.table} where ${ref.column} = any($1::text[])`, [wanted]);
    const known = new Set(found.map((f) => f.key));
    for (const row of rows) {
      const missing = ref
        .values(row.row)
        .map(String)
        .filter((value) => !known.has(value));
      if (missing.length > 0) reject(row, ref.field, `unknown ${ref.table.replace(/s$/, '')}: ${missing.join(', ')}`);
    }
  }
  if (kind === 'people') await checkPeople(tx, rows as ValidRow<'people'>[], reject);
  if (kind === 'invoices') {
    for (const row of rows as ValidRow<'invoices'>[]) {
      if (!row.row.dealer && !row.row.person) reject(row, 'dealer', 'an invoice needs a dealer or a person');
    }
  }
  return rows.filter((row) => !bad.has(row.index));
}

/** Managers may be earlier or later in the same list; a phone or Telegram id belongs to one person only. */
async function checkPeople(tx: Sql, rows: ValidRow<'people'>[], reject: (row: ValidRow<'people'>, field: string, message: string) => void) {
  const inDocument = new Set(rows.map((r) => r.row.id));
  const managers = [...new Set(rows.flatMap((r) => (r.row.manager ? [r.row.manager] : [])))];
  const existing = new Set((await tx.query<{ id: string }>('select id from people where id = any($1::text[])', [managers])).map((r) => r.id));
  for (const row of rows) {
    const manager = row.row.manager;
    if (manager && !inDocument.has(manager) && !existing.has(manager)) reject(row, 'manager', `unknown person: ${manager}`);
    if (manager === row.row.id) reject(row, 'manager', 'a person cannot be their own manager');
  }
  for (const [field, column] of [
    ['phone', 'phone'],
    ['telegramId', 'telegram_id'],
    ['wechatId', 'wechat_id'],
  ] as const) {
    const claimed = new Map<string, string>();
    const values = rows.flatMap((r) => (r.row[field] ? [r.row[field]!] : []));
    const owners = await tx.query<{ id: string; value: string }>(`select id, ${column} as value from people where ${column} = any($1::text[])`, [values]);
    for (const owner of owners) claimed.set(owner.value, owner.id);
    for (const row of rows) {
      const value = row.row[field];
      if (!value) continue;
      const owner = claimed.get(value);
      if (owner && owner !== row.row.id) reject(row, field, `${value} already belongs to ${owner}`);
      else claimed.set(value, row.row.id);
    }
  }
}

const json = (rows: unknown[]) => JSON.stringify(rows);

const upserts: { [K in ImportKind]: (tx: Sql, rows: ImportRow<K>[], ledger: LedgerContext) => Promise<void> } = {
  async products(tx, rows) {
    await tx.query(
      `insert into products (sku, name, name_zh, unit, list_price, currency, safety_stock, category)
       select sku, name, "nameZh", coalesce(unit, 'pcs'), "listPrice", coalesce(currency, 'CNY'), coalesce("safetyStock", 0), category
         from jsonb_to_recordset($1::jsonb) as x(sku text, name text, "nameZh" text, unit text, "listPrice" numeric, currency text, "safetyStock" int, category text)
       on conflict (sku) do update set name = excluded.name, name_zh = excluded.name_zh, unit = excluded.unit,
         list_price = excluded.list_price, currency = excluded.currency, safety_stock = excluded.safety_stock, category = excluded.category, updated_at = now()`,
      [json(rows)],
    );
  },
  async warehouses(tx, rows) {
    await tx.query(
      `insert into warehouses (code, name, timezone)
       select code, name, timezone from jsonb_to_recordset($1::jsonb) as x(code text, name text, timezone text)
       on conflict (code) do update set name = excluded.name, timezone = excluded.timezone`,
      [json(rows)],
    );
  },
  async stock(tx, rows) {
    // onHand is the ERP's count; reservations made here are kept.
    await tx.query(
      `insert into stock (warehouse, sku, on_hand)
       select warehouse, sku, "onHand" from jsonb_to_recordset($1::jsonb) as x(warehouse text, sku text, "onHand" int)
       on conflict (warehouse, sku) do update set on_hand = excluded.on_hand, updated_at = now()`,
      [json(rows)],
    );
  },
  async dealers(tx, rows, ledger) {
    const known = new Set(
      (await tx.query<{ code: string }>('select code from dealers where code = any($1::text[])', [rows.map((row) => row.code)])).map((r) => r.code),
    );
    // The balance is the ledger's: a new dealer's opens it below, a known one's is compared once the import has landed.
    await tx.query(
      `insert into dealers (code, name, tier, region, credit_limit, payment_terms_days, lat, lon)
       select code, name, tier, region, "creditLimit", coalesce("paymentTermsDays", 30), lat, lon
         from jsonb_to_recordset($1::jsonb) as x(code text, name text, tier text, region text, "creditLimit" numeric, "paymentTermsDays" int, lat float8, lon float8)
       on conflict (code) do update set name = excluded.name, tier = excluded.tier, region = excluded.region, credit_limit = excluded.credit_limit,
         payment_terms_days = excluded.payment_terms_days, lat = excluded.lat, lon = excluded.lon, updated_at = now()`,
      [json(rows)],
    );
    const opening = rows.filter((row) => !known.has(row.code));
    for (const row of opening) ledger.opened.add(row.code);
    for (const row of rows) if (known.has(row.code) && row.balance !== undefined) ledger.stated.set(row.code, row.balance);
    await postEntries(
      tx,
      opening.map((row) => ({
        dealer: row.code,
        kind: 'opening' as const,
        amount: row.balance ?? 0,
        currency: 'CNY',
        reference: `import ${ledger.importId}`,
        note: 'the balance the first import brought',
      })),
    );
    // A dealer row that carries a price list replaces the whole list.
    const withPrices = rows.filter((row) => row.prices);
    if (withPrices.length === 0) return;
    await tx.query('delete from dealer_prices where dealer = any($1::text[])', [withPrices.map((row) => row.code)]);
    const prices = withPrices.flatMap((row) => Object.entries(row.prices!).map(([sku, price]) => ({ dealer: row.code, sku, price })));
    await tx.query(
      `insert into dealer_prices (dealer, sku, price)
       select dealer, sku, price from jsonb_to_recordset($1::jsonb) as x(dealer text, sku text, price numeric)`,
      [json(prices)],
    );
  },
  async allocations(tx, rows) {
    await tx.query(
      `insert into allocations (dealer, sku, quota, since)
       select dealer, sku, quota, coalesce(since, '1970-01-01') from jsonb_to_recordset($1::jsonb) as x(dealer text, sku text, quota int, since date)
       on conflict (dealer, sku) do update set quota = excluded.quota, since = excluded.since`,
      [json(rows.filter((row) => row.dealer))],
    );
    await tx.query(
      `insert into region_allocations (region, sku, quota, since)
       select region, sku, quota, coalesce(since, '1970-01-01') from jsonb_to_recordset($1::jsonb) as x(region text, sku text, quota int, since date)
       on conflict (region, sku) do update set quota = excluded.quota, since = excluded.since`,
      [json(rows.filter((row) => row.region))],
    );
  },
  async stores(tx, rows) {
    await tx.query(
      `insert into stores (code, name, dealer, lat, lon, timezone)
       select code, name, dealer, lat, lon, timezone
         from jsonb_to_recordset($1::jsonb) as x(code text, name text, dealer text, lat float8, lon float8, timezone text)
       on conflict (code) do update set name = excluded.name, dealer = excluded.dealer, lat = excluded.lat,
         lon = excluded.lon, timezone = excluded.timezone`,
      [json(rows)],
    );
  },
  async storeStock(tx, rows) {
    await tx.query(
      `insert into store_stock (store, sku, on_hand)
       select store, sku, "onHand" from jsonb_to_recordset($1::jsonb) as x(store text, sku text, "onHand" int)
       on conflict (store, sku) do update set on_hand = excluded.on_hand, updated_at = now()`,
      [json(rows)],
    );
  },
  async people(tx, rows) {
    // Managers are set in a second pass: a manager may come later in the same list.
    await tx.query(
      `insert into people (id, name, role, phone, telegram_id, wechat_id, language, timezone, dealer, birthday)
       select id, name, role, phone, "telegramId", "wechatId", language, timezone, dealer, birthday
         from jsonb_to_recordset($1::jsonb)
           as x(id text, name text, role text, phone text, "telegramId" text, "wechatId" text, language text, timezone text, dealer text, birthday text)
       on conflict (id) do update set name = excluded.name, role = excluded.role, phone = excluded.phone,
         telegram_id = excluded.telegram_id, wechat_id = coalesce(excluded.wechat_id, people.wechat_id), language = coalesce(excluded.language, people.language),
         timezone = excluded.timezone, dealer = excluded.dealer, birthday = excluded.birthday, updated_at = now()`,
      [json(rows)],
    );
    await tx.query(`update people p set manager = x.manager from jsonb_to_recordset($1::jsonb) as x(id text, manager text) where p.id = x.id`, [
      json(rows.map((row) => ({ id: row.id, manager: row.manager ?? null }))),
    ]);
    const withStores = rows.filter((row) => row.stores);
    if (withStores.length === 0) return;
    await tx.query('delete from person_stores where person = any($1::text[])', [withStores.map((row) => row.id)]);
    await tx.query(`insert into person_stores (person, store) select person, store from jsonb_to_recordset($1::jsonb) as x(person text, store text)`, [
      json(withStores.flatMap((row) => row.stores!.map((store) => ({ person: row.id, store })))),
    ]);
  },
  async servicePoints(tx, rows) {
    await tx.query(
      `insert into service_points (code, name, lat, lon, regions, stores)
       select code, name, lat, lon, coalesce(array(select jsonb_array_elements_text(regions)), '{}'), coalesce(array(select jsonb_array_elements_text(stores)), '{}')
         from jsonb_to_recordset($1::jsonb) as x(code text, name text, lat float8, lon float8, regions jsonb, stores jsonb)
       on conflict (code) do update set name = excluded.name, lat = excluded.lat, lon = excluded.lon, regions = excluded.regions, stores = excluded.stores`,
      [json(rows)],
    );
    // A row that lists technicians replaces the point's list.
    for (const row of rows.filter((r) => r.technicians)) {
      await tx.query('update people set service_point = null where service_point = $1 and not (id = any($2::text[]))', [row.code, row.technicians]);
      await tx.query('update people set service_point = $1 where id = any($2::text[])', [row.code, row.technicians]);
    }
  },
  async orders(tx, rows) {
    await tx.query(
      `insert into orders (number, dealer, status, driver, eta, created_at)
       select number, dealer, status, driver, eta, coalesce("createdAt", now())
         from jsonb_to_recordset($1::jsonb) as x(number text, dealer text, status text, driver text, eta timestamptz, "createdAt" timestamptz)
       on conflict (number) do update set dealer = excluded.dealer, status = excluded.status, driver = excluded.driver,
         eta = excluded.eta, updated_at = now()`,
      [json(rows)],
    );
    await tx.query('delete from order_lines where order_number = any($1::text[])', [rows.map((row) => row.number)]);
    // A line without a price is priced as the dealer would be: contract price, else list price.
    await tx.query(
      `insert into order_lines (order_number, line_no, sku, qty, price)
       select x.number, x.line_no, x.sku, x.qty, coalesce(x.price, dp.price, p.list_price)
         from jsonb_to_recordset($1::jsonb) as x(number text, dealer text, line_no int, sku text, qty int, price numeric)
         join products p on p.sku = x.sku
         left join dealer_prices dp on dp.dealer = x.dealer and dp.sku = x.sku`,
      [json(rows.flatMap((row) => row.lines.map((line, i) => ({ number: row.number, dealer: row.dealer, line_no: i + 1, ...line }))))],
    );
  },
  async incentivePlans(tx, rows) {
    await tx.query(
      `insert into incentive_plans (code, name, currency, base_pay, per_day_attended, per_store_visit, commissions)
       select code, name, coalesce(currency, 'CNY'), "basePay", coalesce((allowances->>'perDayAttended')::numeric, 0),
              coalesce((allowances->>'perStoreVisit')::numeric, 0), commissions
         from jsonb_to_recordset($1::jsonb) as x(code text, name text, currency text, "basePay" numeric, allowances jsonb, commissions jsonb)
       on conflict (code) do update set name = excluded.name, currency = excluded.currency, base_pay = excluded.base_pay,
         per_day_attended = excluded.per_day_attended, per_store_visit = excluded.per_store_visit, commissions = excluded.commissions`,
      [json(rows)],
    );
  },
  async planAssignments(tx, rows) {
    await tx.query(
      `insert into plan_assignments (person, from_month, plan)
       select person, "from", plan from jsonb_to_recordset($1::jsonb) as x(person text, "from" text, plan text)
       on conflict (person, from_month) do update set plan = excluded.plan`,
      [json(rows)],
    );
  },
  invoices: upsertInvoices,
  rebatePolicies: upsertRebatePolicies,
  returns: async () => {}, // received one by one (receiveReturns), with their effects
  shifts: upsertShifts,
  competitors: upsertCompetitors,
  promotions: upsertPromotions,
};

/** A preview's report, carried out of the transaction it rolls back. */
class Preview extends Error {
  constructor(readonly report: ImportReport) {
    super('import preview');
  }
}
