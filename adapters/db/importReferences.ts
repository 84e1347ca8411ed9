import type { ImportKind } from '../../domain/import';

type Reference = { field: string; table: string; column: string; values: (row: Record<string, unknown>) => unknown[] };
const one = (field: string) => (row: Record<string, unknown>) => (row[field] === undefined ? [] : [row[field]]);

/** The references each kind makes to rows that must already exist (or arrive earlier in the document). */
export const references: Record<ImportKind, Reference[]> = {
  products: [],
  warehouses: [],
  stock: [
    { field: 'warehouse', table: 'warehouses', column: 'code', values: one('warehouse') },
    { field: 'sku', table: 'products', column: 'sku', values: one('sku') },
  ],
  dealers: [{ field: 'prices', table: 'products', column: 'sku', values: (row) => Object.keys((row.prices as object) ?? {}) }],
  allocations: [
    { field: 'dealer', table: 'dealers', column: 'code', values: one('dealer') },
    { field: 'sku', table: 'products', column: 'sku', values: one('sku') },
  ],
  stores: [{ field: 'dealer', table: 'dealers', column: 'code', values: one('dealer') }],
  storeStock: [
    { field: 'store', table: 'stores', column: 'code', values: one('store') },
    { field: 'sku', table: 'products', column: 'sku', values: one('sku') },
  ],
  people: [
    { field: 'dealer', table: 'dealers', column: 'code', values: one('dealer') },
    { field: 'stores', table: 'stores', column: 'code', values: (row) => (row.stores as string[] | undefined) ?? [] },
  ],
  servicePoints: [
    { field: 'stores', table: 'stores', column: 'code', values: (row) => (row.stores as string[] | undefined) ?? [] },
    { field: 'technicians', table: 'people', column: 'id', values: (row) => (row.technicians as string[] | undefined) ?? [] },
  ],
  orders: [
    { field: 'dealer', table: 'dealers', column: 'code', values: one('dealer') },
    { field: 'driver', table: 'people', column: 'id', values: one('driver') },
    { field: 'lines', table: 'products', column: 'sku', values: (row) => (row.lines as { sku: string }[]).map((line) => line.sku) },
  ],
  invoices: [
    { field: 'dealer', table: 'dealers', column: 'code', values: one('dealer') },
    { field: 'person', table: 'people', column: 'id', values: one('person') },
  ],
  incentivePlans: [
    {
      field: 'commissions',
      table: 'products',
      column: 'sku',
      values: (row) => (row.commissions as { sku?: string }[]).flatMap((rule) => (rule.sku ? [rule.sku] : [])),
    },
  ],
  planAssignments: [
    { field: 'person', table: 'people', column: 'id', values: one('person') },
    { field: 'plan', table: 'incentive_plans', column: 'code', values: one('plan') },
  ],
  returns: [],
  competitors: [
    { field: 'models', table: 'products', column: 'sku', values: (row) => (row.models as { sku?: string }[]).flatMap((m) => (m.sku ? [m.sku] : [])) },
  ],
  promotions: [
    { field: 'skus', table: 'products', column: 'sku', values: (row) => row.skus as string[] },
    { field: 'stores', table: 'stores', column: 'code', values: (row) => (row.stores as string[] | undefined) ?? [] },
    { field: 'promoters', table: 'people', column: 'id', values: (row) => (row.promoters as string[] | undefined) ?? [] },
  ],
  shifts: [
    { field: 'person', table: 'people', column: 'id', values: one('person') },
    { field: 'store', table: 'stores', column: 'code', values: one('store') },
  ],
  rebatePolicies: [
    { field: 'dealer', table: 'dealers', column: 'code', values: one('dealer') },
    { field: 'rules', table: 'products', column: 'sku', values: (row) => (row.rules as { sku?: string }[]).flatMap((rule) => (rule.sku ? [rule.sku] : [])) },
  ],
};
