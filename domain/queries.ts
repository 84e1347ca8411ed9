import { nearestCodes, type DealerPrice, type Product, type WarehouseAvailability } from './catalog';
import { lineTotal } from './money';
import type { OrderSummary } from './orders';
import type { Person } from './people';
import type { CatalogStore, OrderStore, Store } from './ports';
import { promoterStore } from './attendance';
import type { StorePlace } from './places';
import { fail, ok, type Result } from './result';

/** What a sender may know about stock, prices and orders. Each answer is a value; a refusal is a coded error. */

async function knownProduct(catalog: CatalogStore, sku: string): Promise<Result<Product>> {
  const product = await catalog.product(sku);
  return product ? ok(product) : unknownProduct(catalog, sku);
}

/** An unknown code's refusal, with the known codes nearest to it. */
const unknownProduct = async (catalog: CatalogStore, sku: string) =>
  fail({ code: 'SKU.UNKNOWN' as const, sku, suggestions: nearestCodes(sku, await catalog.skus()) });

export interface StockAnswer {
  product: Product;
  total: number;
  byWarehouse: WarehouseAvailability[];
  /** a dealer's allocation of this SKU: what they may still order of it */
  allocation: { quota: number; left: number } | null;
}

/** A promoter's STOCK: what their store has on its shelves (as last imported); null when not recorded. */
export interface ShelfAnswer {
  product: Product;
  store: StorePlace;
  onHand: number | null;
}

export async function shelfStockAnswer(store: Store, person: Person, sku: string): Promise<Result<ShelfAnswer>> {
  const product = await knownProduct(store.catalog, sku);
  if (!product.ok) return product;
  const place = await promoterStore(store, person);
  if (!place.ok) return place;
  const onHand = (await store.attendance.storeStock(place.value.code, [product.value.sku])).get(product.value.sku) ?? null;
  return ok({ product: product.value, store: place.value, onHand });
}

/**
 * Available to promise (on hand − reserved) per warehouse, or in one warehouse when named; for a
 * dealer with an allocation of the SKU, also what is left of it. One read (`catalog.stock`).
 */
export async function stockAnswer(catalog: CatalogStore, sku: string, warehouse?: string, dealer?: string | null): Promise<Result<StockAnswer>> {
  const stock = await catalog.stock(sku, dealer ?? null);
  if (!stock) return unknownProduct(catalog, sku);
  const byWarehouse = warehouse ? stock.byWarehouse.filter((w) => w.warehouse.toUpperCase() === warehouse.toUpperCase()) : stock.byWarehouse;
  // A warehouse that holds the product is known; only one that does not is looked up, to tell unknown from empty.
  if (warehouse && byWarehouse.length === 0) {
    const known = await catalog.warehouseCodes();
    if (!known.some((code) => code.toUpperCase() === warehouse.toUpperCase())) {
      return fail({ code: 'WAREHOUSE.UNKNOWN', warehouse, known });
    }
  }
  const allocated = stock.allocation;
  const allocation = allocated ? { quota: allocated.quota, left: Math.max(0, allocated.quota - allocated.used) } : null;
  return ok({ product: stock.product, total: byWarehouse.reduce((sum, w) => sum + w.available, 0), byWarehouse, allocation });
}

export interface PriceAnswer {
  price: DealerPrice;
  qty: number | null;
  lineTotal: number | null;
}

/**
 * A dealer sees their own price (contract, else list) and never another dealer's; others see the
 * list price. A dealer's price carries its product (found in any case, as `catalog.product` finds
 * it): one look-up, and the product alone only when that found none (an unknown code's suggestions).
 */
export async function priceAnswer(catalog: CatalogStore, person: Person, sku: string, qty: number | null): Promise<Result<PriceAnswer>> {
  let price: DealerPrice | null = person.dealer ? await catalog.dealerPrice(person.dealer, sku) : null;
  if (!price) {
    const product = await knownProduct(catalog, sku);
    if (!product.ok) return product;
    price = { product: product.value, unitPrice: product.value.listPrice, basis: 'list' };
  }
  return ok({ price, qty, lineTotal: qty === null ? null : lineTotal(price.unitPrice, qty) });
}

/** A dealer sees only their own orders, a driver only those assigned to them; a manager sees all. */
function mayView(person: Person, order: OrderSummary): boolean {
  if (person.role === 'manager' || person.role === 'admin') return true;
  if (person.role === 'driver') return order.driver === person.id;
  return person.dealer !== null && order.dealer === person.dealer;
}

export async function orderStatus(orders: OrderStore, person: Person, number: string): Promise<Result<OrderSummary>> {
  const order = await orders.summary(number);
  // Someone else's order answers exactly like a missing one: its existence is data too.
  return order && mayView(person, order) ? ok(order) : fail({ code: 'ORDER.NOT_FOUND', number });
}

export async function openOrdersOf(orders: OrderStore, person: Person, limit: number): Promise<OrderSummary[]> {
  if (person.role === 'driver') return orders.openOrders({ driver: person.id }, limit);
  if (person.dealer) return orders.openOrders({ dealer: person.dealer }, limit);
  return person.role === 'manager' ? orders.openOrders({}, limit) : [];
}
