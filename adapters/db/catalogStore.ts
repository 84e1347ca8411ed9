import type { DealerPrice, KnownCodes, Product, ProductStock, WarehouseAvailability } from '../../domain/catalog';
import type { CatalogStore } from '../../domain/ports';
import { turnBatcher } from './batch';
import { statement, type Sql } from './sql';

/**
 * The catalogue over SQL. `batched` (outside a transaction): the reads of concurrent turns share one
 * statement per kind — a hundred STOCK questions in one event-loop turn are one read.
 */
export function sqlCatalogStore(sql: Sql, batched: boolean): CatalogStore {
  const products = batched
    ? turnBatcher(async (skus: readonly string[]) => {
        const found = new Map((await sql.query<ProductRow>(productsBySkus, [skus])).map((row) => [row.sku.toUpperCase(), toProduct(row)]));
        return skus.map((sku) => found.get(sku.toUpperCase()) ?? null);
      })
    : null;
  const stocks = batched ? turnBatcher((keys: readonly StockKey[]) => productStocks(sql, keys)) : null;
  const dealerPrices = batched ? turnBatcher((keys: readonly { dealer: string; sku: string }[]) => dealerPricesOf(sql, keys)) : null;
  const codeLookups = batched
    ? turnBatcher(async (lists: readonly (readonly string[])[]) => {
        const rows = await sql.query<CodeRow>(knownCodes, [[...new Set(lists.flat().map((word) => word.toUpperCase()))]]);
        return lists.map((words) => codesAmong(rows, words));
      })
    : null;
  return {
    async product(sku) {
      if (products) return products(sku);
      const rows = await sql.query<ProductRow>(productBySku, [sku]);
      return rows[0] ? toProduct(rows[0]) : null;
    },
    async skus() {
      return (await sql.query<{ sku: string }>('select sku from products order by sku')).map((row) => row.sku);
    },
    async warehouseCodes() {
      return (await sql.query<{ code: string }>('select code from warehouses order by code')).map((row) => row.code);
    },
    async knownCodes(words) {
      if (codeLookups) return codeLookups(words);
      return codesAmong(await sql.query<CodeRow>(knownCodes, [words.map((word) => word.toUpperCase())]), words);
    },
    async stock(sku, dealer) {
      return stocks ? stocks({ sku, dealer }) : (await productStocks(sql, [{ sku, dealer }]))[0]!;
    },
    async availability(sku): Promise<WarehouseAvailability[]> {
      const rows = await sql.query<{ warehouse: string; available: number }>(availability, [sku]);
      return rows.map((row) => ({ warehouse: row.warehouse, available: Number(row.available) }));
    },
    async allocation(dealer, sku) {
      const [row] = await sql.query<{ quota: number; used: number }>(allocation, [dealer, sku]);
      return row ? { quota: Number(row.quota), used: Number(row.used) } : null;
    },
    async dealerPrice(dealer, sku): Promise<DealerPrice | null> {
      return dealerPrices ? dealerPrices({ dealer, sku }) : (await dealerPricesOf(sql, [{ dealer, sku }]))[0]!;
    },
  };
}

interface ProductRow {
  sku: string;
  name: string;
  name_zh: string | null;
  unit: string;
  list_price: number;
  currency: string;
}
const productColumns = (alias: string) =>
  ['sku', 'name', 'name_zh', 'unit', 'list_price::float8 as list_price', 'currency'].map((column) => `${alias}.${column}`).join(', ');
const toProduct = (row: ProductRow): Product => ({
  sku: row.sku,
  name: row.name,
  nameZh: row.name_zh,
  unit: row.unit,
  listPrice: Number(row.list_price),
  currency: row.currency,
});

const productBySku = statement('catalog.product', `select ${productColumns('p')} from products p where upper(p.sku) = upper($1)`);
const productsBySkus = statement(
  'catalog.products',
  `select ${productColumns('p')} from products p where upper(p.sku) = any(select upper(s) from unnest($1::text[]) as s)`,
);

/**
 * The tightest allocation of product `p` to dealer `dealer`: the dealer's own, or their region's,
 * which all the region's dealers draw on; with the units orders since `since` hold (not rejected
 * or cancelled). At most one row; none when the product is not allocated to them.
 */
const tightestAllocation = (dealer: string) => `
  select a.quota, a.used from (
    select da.quota,
           coalesce((select sum(l.qty) from orders o join order_lines l on l.order_number = o.number
                      where o.dealer = da.dealer and l.sku = da.sku and o.status not in ('rejected', 'cancelled') and o.created_at >= da.since), 0)::int as used
      from allocations da where da.dealer = ${dealer} and da.sku = p.sku
    union all
    select ra.quota,
           coalesce((select sum(l.qty) from orders o join dealers od on od.code = o.dealer join order_lines l on l.order_number = o.number
                      where od.region = ra.region and l.sku = ra.sku and o.status not in ('rejected', 'cancelled') and o.created_at >= ra.since), 0)::int
      from region_allocations ra join dealers d on d.region = ra.region where d.code = ${dealer} and ra.sku = p.sku
  ) a order by a.quota - a.used limit 1`;
const allocation = statement(
  'catalog.allocation',
  `select a.quota, a.used from products p cross join lateral (${tightestAllocation('$1')}) a where upper(p.sku) = upper($2)`,
);

interface StockKey {
  sku: string;
  dealer: string | null;
}
/**
 * What STOCK shows for each (sku, dealer) asked, in one statement for any number: the product, its
 * availability (on hand − reserved) per warehouse, and the dealer's allocation of it; null for an
 * unknown product. Three reads in one: a STOCK turn waits on one round trip, not three.
 */
async function productStocks(sql: Sql, keys: readonly StockKey[]): Promise<(ProductStock | null)[]> {
  const rows = await sql.query<ProductRow & { i: string; warehouses: WarehouseAvailability[]; quota: number | null; used: number | null }>(stockOf, [
    keys.map((k) => k.sku),
    keys.map((k) => k.dealer),
  ]);
  const found = new Map(
    rows.map((row) => [
      Number(row.i) - 1,
      { product: toProduct(row), byWarehouse: row.warehouses, allocation: row.quota === null ? null : { quota: Number(row.quota), used: Number(row.used) } },
    ]),
  );
  return keys.map((_, i) => found.get(i) ?? null);
}
const stockOf = statement(
  'catalog.stock',
  `select k.i, ${productColumns('p')},
          coalesce((select json_agg(json_build_object('warehouse', w.code, 'available', greatest(s.on_hand - s.reserved, 0)) order by w.code)
                      from stock s join warehouses w on w.code = s.warehouse where s.sku = p.sku), '[]') as warehouses,
          a.quota, a.used
     from unnest($1::text[], $2::text[]) with ordinality as k(sku, dealer, i)
     join products p on upper(p.sku) = upper(k.sku)
     left join lateral (${tightestAllocation('k.dealer')}) a on true`,
);
const availability = statement(
  'catalog.availability',
  `select w.code as warehouse, greatest(s.on_hand - s.reserved, 0)::int as available
     from stock s join warehouses w on w.code = s.warehouse
    where upper(s.sku) = upper($1)
    order by w.code`,
);

type CodeRow = { kind: 'sku' | 'store' | 'warehouse'; code: string };
/** The catalogue's codes among these words (any case), by kind. */
function codesAmong(rows: readonly CodeRow[], words: readonly string[]): KnownCodes {
  const asked = new Set(words.map((word) => word.toUpperCase()));
  const of = (kind: CodeRow['kind']) => rows.filter((row) => row.kind === kind && asked.has(row.code.toUpperCase())).map((row) => row.code);
  return { skus: of('sku'), stores: of('store'), warehouses: of('warehouse') };
}
const knownCodes = statement(
  'catalog.known_codes',
  `select 'sku' as kind, sku as code from products where upper(sku) = any($1::text[])
   union all select 'store', code from stores where upper(code) = any($1::text[])
   union all select 'warehouse', code from warehouses where upper(code) = any($1::text[])`,
);

/** What each dealer pays for each product asked (their contract price, else the list price), in one statement for any number. */
async function dealerPricesOf(sql: Sql, keys: readonly { dealer: string; sku: string }[]): Promise<(DealerPrice | null)[]> {
  const rows = await sql.query<ProductRow & { dealer: string; contract_price: number | null }>(dealerPrices, [
    keys.map((k) => k.dealer),
    keys.map((k) => k.sku),
  ]);
  const found = new Map(
    rows.map((row) => {
      const product = toProduct(row);
      const price: DealerPrice =
        row.contract_price === null
          ? { product, unitPrice: product.listPrice, basis: 'list' }
          : { product, unitPrice: Number(row.contract_price), basis: 'contract' };
      return [`${row.dealer}/${row.sku.toUpperCase()}`, price];
    }),
  );
  return keys.map((k) => found.get(`${k.dealer}/${k.sku.toUpperCase()}`) ?? null);
}
const dealerPrices = statement(
  'catalog.dealer_prices',
  `select k.dealer, ${productColumns('p')}, dp.price::float8 as contract_price
     from unnest($1::text[], $2::text[]) as k(dealer, sku)
     join products p on upper(p.sku) = upper(k.sku)
     left join dealer_prices dp on dp.sku = p.sku and dp.dealer = k.dealer`,
);
