import { distance } from 'fastest-levenshtein';

export interface Product {
  sku: string;
  name: string;
  nameZh: string | null;
  unit: string;
  listPrice: number;
  currency: string;
}

/** The codes a free text names, as the catalogue spells them. */
export interface KnownCodes {
  skus: string[];
  stores: string[];
  warehouses: string[];
}

/** Available = on hand − reserved, per warehouse. */
export interface WarehouseAvailability {
  warehouse: string;
  available: number;
}

/** What STOCK shows of a product: its availability per warehouse and, asked for a dealer, their allocation of it. */
export interface ProductStock {
  product: Product;
  byWarehouse: WarehouseAvailability[];
  /** the dealer's allocation and the units their orders already hold of it; null: not allocated (or no dealer asked) */
  allocation: { quota: number; used: number } | null;
}

export interface DealerPrice {
  product: Product;
  unitPrice: number;
  /** contract: the dealer's own price list; list: the product's list price (no contract price). */
  basis: 'contract' | 'list';
}

/**
 * The known codes nearest to an unknown one, for a "did you mean" reply: never a silent guess.
 * Case-insensitive Levenshtein distance; at most `limit` codes within `maxDistance`.
 */
export function nearestCodes(code: string, known: readonly string[], limit = 3, maxDistance = 2): string[] {
  const wanted = code.toUpperCase();
  return known
    .map((candidate) => ({ candidate, distance: distance(wanted, candidate.toUpperCase()) }))
    .filter((scored) => scored.distance <= maxDistance)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, limit)
    .map((scored) => scored.candidate);
}
