import { DateTime } from 'luxon';
import { promoterStore } from './attendance';
import { nearestCodes } from './catalog';
import type { Person } from './people';
import type { StorePlace } from './places';
import type { CompetitorBrand, Store } from './ports';

export type { CompetitorBrand, CompetitorStore } from './ports';
import { fail, ok, type Result } from './result';

/**
 * Competitor sightings (竞品, issue 21): a promoter or supervisor reports a competitor's model and
 * price at a store. The brand (by its code, name or any alias, in either language) and the model
 * must be known (the import's `competitors`): an unknown one gets a did-you-mean and nothing is
 * stored. A price far from the model's median over the last 30 days is stored and flagged.
 */
export interface Sighting {
  brand: CompetitorBrand;
  model: string;
  store: StorePlace;
  price: number;
  currency: string;
  qty: number | null;
  /** the model's recent median, when this price is far from it */
  flaggedAgainst: number | null;
}

export interface CompetitorPolicy {
  /** a price more than this share away from the model's 30-day median is flagged (0.3: 30 %) */
  outlierShare: number;
  /** a median needs at least this many earlier sightings */
  minSightings: number;
  currency: string;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const namesOf = (b: CompetitorBrand) => [b.code, b.name, ...(b.nameZh ? [b.nameZh] : []), ...b.aliases];

/** COMP brand model price [qty] [store]: checked, then stored (flagged when far from the median). */
export async function reportSighting(
  store: Store,
  person: Person,
  input: { brand: string; model: string; price: number; qty: number | null; store: string | null },
  now: Date,
  policy: CompetitorPolicy,
): Promise<Result<Sighting>> {
  const brands = await store.competitors.brands();
  const brand = brands.find((b) => namesOf(b).some((name) => same(name, input.brand)));
  if (!brand) {
    // The brands whose names are near, each once, by the name written in the script the sender used.
    const near = nearestCodes(input.brand, brands.flatMap(namesOf), 6).map((name) => brands.find((b) => namesOf(b).some((n) => same(n, name)))!);
    const han = /\p{Script=Han}/u.test(input.brand);
    const suggestions = [...new Set(near.map((b) => (han ? (b.nameZh ?? b.name) : b.name)))].slice(0, 3);
    return fail({ code: 'COMP.UNKNOWN_BRAND', brand: input.brand, suggestions });
  }
  const model = brand.models.find((m) => same(m, input.model));
  if (!model) return fail({ code: 'COMP.UNKNOWN_MODEL', brand: brand.name, model: input.model, suggestions: nearestCodes(input.model, brand.models) });
  const place = await whereSeen(store, person, input.store);
  if (!place.ok) return place;
  const since = DateTime.fromJSDate(now).minus({ days: 30 }).toJSDate();
  const { median, count } = await store.competitors.recentMedian(brand.code, model, since);
  const far = median !== null && count >= policy.minSightings && Math.abs(input.price - median) > policy.outlierShare * median;
  await store.competitors.record({
    brand: brand.code,
    model,
    store: place.value.code,
    person: person.id,
    price: input.price,
    currency: policy.currency,
    qty: input.qty,
    at: now,
    median: far ? median : null,
    flagged: far,
  });
  return ok({ brand, model, store: place.value, price: input.price, currency: policy.currency, qty: input.qty, flaggedAgainst: far ? median : null });
}

/** The store named (one of theirs, for a promoter), else where they work now. */
async function whereSeen(store: Store, person: Person, code: string | null): Promise<Result<StorePlace>> {
  if (!code) return promoterStore(store, person);
  const assigned = await store.attendance.assignedStores(person.id);
  const mine = assigned.find((s) => same(s.code, code));
  if (mine) return ok(mine);
  const known = await store.attendance.store(code);
  if (!known) return fail({ code: 'STORE.UNKNOWN', store: code });
  // A supervisor reports at any store they visit; a promoter at their own.
  return person.role === 'promoter' ? fail({ code: 'STORE.NOT_ASSIGNED', store: code, assigned: assigned.map((s) => s.code) }) : ok(known);
}
