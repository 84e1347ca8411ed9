import type { BalanceDifference } from './ledger';
import { z } from 'zod';
import { IANAZone } from 'luxon';
import { roles, languages } from './people';
import { orderStatuses } from './orders';
import { toE164 } from './phone';
import type { CountryCode } from 'libphonenumber-js';
import { checkRule, type CommissionRule } from './incentives';
import { datums, toWgs84, type Datum } from './places';
import { minutesOf, overlap, weekdayNames } from './roster';

/** The import document of interfaces.md: every key optional, rows upsert by their first field. */
const code = z.string().trim().min(1).max(64);
const amount = z.number().finite().nonnegative();
const timezone = z.string().refine((tz) => IANAZone.isValidZone(tz), 'not an IANA time zone');
const birthday = z.string().regex(/^(\d{4}-)?(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD or YYYY-MM-DD');
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
const isoInstant = z.string().datetime({ offset: true });
const timeOfDay = z.string().refine((t) => minutesOf(t) !== null, 'expected HH:MM (00:00–24:00)');
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'expected YYYY-MM');
const earning = z.union([z.object({ rate: z.number().min(0).max(1) }).strict(), z.object({ perUnit: amount }).strict()]);
const scope = z.union([z.object({ sku: code, category: z.undefined().optional() }), z.object({ category: code, sku: z.undefined().optional() })]);
/** A commission rule (domain/incentives.ts): fixed, or tiered with rates that rise or fall band by band. */
const commissionRule = z
  .union([
    z.object({
      sku: code.optional(),
      category: code.optional(),
      kind: z.literal('fixed'),
      rate: z.number().min(0).max(1).optional(),
      perUnit: amount.optional(),
    }),
    z.object({
      sku: code.optional(),
      category: code.optional(),
      kind: z.enum(['increasing', 'decreasing']),
      bands: z.array(z.object({ from: z.number().int().nonnegative() }).and(earning)).min(2),
    }),
  ])
  .superRefine((rule, ctx) => {
    if (!scope.safeParse(rule).success) ctx.addIssue({ code: 'custom', message: 'a rule covers a sku or a category (one of them)' });
    if (rule.kind === 'fixed' && (rule.rate === undefined) === (rule.perUnit === undefined))
      ctx.addIssue({ code: 'custom', message: 'a fixed rule has a rate or a perUnit amount (one of them)' });
    const problem = checkRule(rule as CommissionRule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const importRowSchemas = {
  products: z.object({
    sku: code,
    name: z.string().min(1),
    nameZh: z.string().min(1).optional(),
    unit: z.string().min(1).optional(),
    listPrice: amount,
    currency: z.string().length(3).optional(),
    safetyStock: z.number().int().nonnegative().optional(),
    // Extends interfaces.md: for commission rules by category.
    category: code.optional(),
  }),
  warehouses: z.object({ code, name: z.string().min(1), timezone: timezone.optional() }),
  stock: z.object({ warehouse: code, sku: code, onHand: z.number().int().nonnegative() }),
  dealers: z.object({
    code,
    name: z.string().min(1),
    tier: z.string().min(1).optional(),
    region: z.string().min(1).optional(),
    creditLimit: amount,
    balance: z.number().finite().optional(),
    paymentTermsDays: z.number().int().nonnegative().optional(),
    prices: z.record(code, amount).optional(),
    // Extends interfaces.md (issue 6): where deliveries to the dealer go.
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
  }),
  // Extends interfaces.md: a quota of a SKU for one dealer, or for all the dealers of a region.
  allocations: z
    .object({ dealer: code.optional(), region: code.optional(), sku: code, quota: z.number().int().nonnegative(), since: isoDate.optional() })
    .refine((row) => Boolean(row.dealer) !== Boolean(row.region), { message: 'give a dealer or a region, not both', path: ['dealer'] }),
  stores: z.object({
    code,
    name: z.string().min(1),
    dealer: code.optional(),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    timezone: timezone.optional(),
  }),
  // Extends interfaces.md (issue 5): stock on a store's shelves.
  storeStock: z.object({ store: code, sku: code, onHand: z.number().int().nonnegative() }),
  people: z.object({
    id: code,
    name: z.string().min(1),
    role: z.enum(roles),
    phone: z.string().optional(),
    telegramId: z
      .union([z.string().regex(/^\d+$/), z.number().int().positive()])
      .transform(String)
      .optional(),
    /** the OpenID the WeChat Official Account sees (issue 22) */
    wechatId: z
      .string()
      .regex(/^[\w-]{6,64}$/, 'expected a WeChat OpenID')
      .optional(),
    language: z.enum(languages).optional(),
    timezone: timezone.optional(),
    dealer: code.optional(),
    stores: z.array(code).optional(),
    birthday: birthday.optional(),
    manager: code.optional(),
  }),
  // Extends interfaces.md (issue 7): service points, the stores or regions they serve, their technicians.
  servicePoints: z.object({
    code,
    name: z.string().min(1),
    lat: z.number().min(-90).max(90).optional(),
    lon: z.number().min(-180).max(180).optional(),
    regions: z.array(code).optional(),
    stores: z.array(code).optional(),
    technicians: z.array(code).optional(),
  }),
  orders: z.object({
    number: code,
    dealer: code,
    status: z.enum(orderStatuses),
    lines: z.array(z.object({ sku: code, qty: z.number().int().positive(), price: amount.optional() })).min(1),
    driver: code.optional(),
    eta: isoInstant.optional(),
    createdAt: isoInstant.optional(),
  }),
  invoices: z.object({
    number: code,
    dealer: code.optional(),
    person: code.optional(),
    amount,
    currency: z.string().length(3).optional(),
    dueDate: isoDate,
    paidAmount: amount.optional(),
  }),
  // Extends interfaces.md (issue 5): incentive plans and who is on which from which month.
  incentivePlans: z.object({
    code,
    name: z.string().min(1),
    currency: z.string().length(3).optional(),
    basePay: amount,
    allowances: z.object({ perDayAttended: amount.optional(), perStoreVisit: amount.optional() }).optional(),
    commissions: z.array(commissionRule).default([]),
  }),
  planAssignments: z.object({ person: code, from: month, plan: code }),
  // Extends interfaces.md (issue 20): rebates for one dealer or a tier, over a month or a quarter, with commission rules.
  rebatePolicies: z
    .object({
      code,
      name: z.string().min(1),
      dealer: code.optional(),
      tier: z.string().min(1).optional(),
      period: z.enum(['month', 'quarter']),
      currency: z.string().length(3).optional(),
      from: month.optional(),
      rules: z.array(commissionRule).min(1),
    })
    .refine((row) => Boolean(row.dealer) !== Boolean(row.tier), { message: 'give a dealer or a tier, not both', path: ['dealer'] }),
  // Extends interfaces.md (issue 20): an approved return whose goods arrived (stock back on hand, a credit note).
  returns: z.object({ number: code, received: z.literal(true) }),
  // Extends interfaces.md (issue 21): competitors' brands (names and aliases in both languages) and models, each mapped to our SKU or category.
  competitors: z.object({
    code,
    name: z.string().min(1),
    nameZh: z.string().min(1).optional(),
    aliases: z.array(z.string().trim().min(1)).optional(),
    models: z
      .array(
        z
          .object({ model: code, sku: code.optional(), category: code.optional() })
          .refine((m) => Boolean(m.sku) !== Boolean(m.category), { message: 'map a model to a sku or a category (one of them)', path: ['sku'] }),
      )
      .min(1),
  }),
  // Extends interfaces.md (issue 21): promotions, their SKUs, stores or regions, dates and promoters.
  promotions: z
    .object({
      code,
      name: z.string().min(1),
      skus: z.array(code).min(1),
      stores: z.array(code).optional(),
      regions: z.array(code).optional(),
      from: isoDate,
      to: isoDate,
      promoters: z.array(code).optional(),
    })
    .refine((row) => row.to >= row.from, { message: 'a promotion ends on or after the day it starts', path: ['to'] })
    .refine((row) => (row.stores?.length ?? 0) + (row.regions?.length ?? 0) > 0, { message: 'name the stores or the regions it runs in', path: ['stores'] }),
  // Extends interfaces.md (issue 21): a promoter's shifts; a person's shifts in a document replace their roster.
  shifts: z
    .object({
      person: code,
      store: code,
      date: isoDate.optional(),
      days: z.array(z.enum(weekdayNames)).min(1).optional(),
      start: timeOfDay,
      end: timeOfDay,
    })
    .refine((row) => (row.date === undefined) !== (row.days === undefined), { message: 'give a date or days of the week, not both', path: ['date'] }),
};

export type ImportKind = keyof typeof importRowSchemas;

/** The import document's shape, for its description (it is validated row by row, by validateImportDocument). */
export const importDocumentShape = z
  .object({
    coordinateSystem: z.enum(datums).optional(),
    ...Object.fromEntries(Object.entries(importRowSchemas).map(([kind, schema]) => [kind, z.array(schema).optional()])),
  })
  .strict();
/** Dependency order: a kind only refers to kinds before it. */
export const importKinds = Object.keys(importRowSchemas) as ImportKind[];
export type ImportRow<K extends ImportKind> = z.infer<(typeof importRowSchemas)[K]>;

export interface RowError {
  kind: string;
  /** the row's index in its list; null for an error about the document itself */
  index: number | null;
  field: string;
  message: string;
}

/** A row that passed validation, with its index in the document so later checks can report it. */
export interface ValidRow<K extends ImportKind> {
  index: number;
  row: ImportRow<K>;
}
export type ValidatedDocument = { [K in ImportKind]: ValidRow<K>[] };

export interface ImportReport {
  /** rows written (inserted or updated) per kind */
  counts: Partial<Record<ImportKind, number>>;
  errors: RowError[];
  /** dealers whose balance in the document differs from their ledger's: reported, not written over */
  balances: BalanceDifference[];
}

/** Validates every row (nothing touches I/O): good rows are kept, bad rows reported by index and field. */
export function validateImportDocument(document: unknown, defaultCountry: CountryCode): { valid: ValidatedDocument; errors: RowError[] } {
  const valid = Object.fromEntries(importKinds.map((kind) => [kind, []])) as unknown as ValidatedDocument;
  const errors: RowError[] = [];
  if (typeof document !== 'object' || document === null || Array.isArray(document)) {
    errors.push({ kind: 'document', index: null, field: '', message: 'expected a JSON object with lists of rows per kind' });
    return { valid, errors };
  }
  // The datum of every lat/lon in the document (dealers, stores, service points): kept in WGS-84.
  const declared = (document as Record<string, unknown>).coordinateSystem ?? 'wgs84';
  if (!(datums as readonly unknown[]).includes(declared)) {
    errors.push({ kind: 'coordinateSystem', index: null, field: 'coordinateSystem', message: `expected one of ${datums.join(', ')}` });
    return { valid, errors };
  }
  const datum = declared as Datum;
  for (const [key, rows] of Object.entries(document)) {
    if (key === 'coordinateSystem') continue;
    // Own kinds only: `in` would take `constructor` or `toString` from the prototype for a kind.
    if (!(importKinds as readonly string[]).includes(key)) {
      errors.push({ kind: key, index: null, field: '', message: `unknown kind; expected one of ${importKinds.join(', ')}` });
      continue;
    }
    const kind = key as ImportKind;
    if (!Array.isArray(rows)) {
      errors.push({ kind, index: null, field: '', message: 'expected a list of rows' });
      continue;
    }
    const seen = new Map<string, number>();
    rows.forEach((raw, index) => {
      const parsed = importRowSchemas[kind].safeParse(raw);
      if (!parsed.success) {
        for (const issue of parsed.error.issues) errors.push({ kind, index, field: issue.path.join('.'), message: issue.message });
        return;
      }
      const row = parsed.data as Record<string, unknown>;
      if (kind === 'people' && typeof row.phone === 'string') {
        const e164 = toE164(row.phone, defaultCountry);
        if (!e164) return void errors.push({ kind, index, field: 'phone', message: `not a valid phone number: '${row.phone}'` });
        row.phone = e164;
      }
      if (typeof row.lat === 'number' && typeof row.lon === 'number') Object.assign(row, toWgs84({ lat: row.lat, lon: row.lon }, datum));
      const key = naturalKey(kind, row);
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        return void errors.push({ kind, index, field: keyField(kind), message: `duplicate of row ${earlier} ('${key}')` });
      }
      seen.set(key, index);
      (valid[kind] as ValidRow<ImportKind>[]).push({ index, row: row as ImportRow<ImportKind> });
    });
  }
  valid.shifts = withoutOverlaps(valid.shifts, errors);
  return { valid, errors };
}

/** A promoter's shifts that overlap an earlier row of theirs are refused with that row's index; the rest land. */
function withoutOverlaps(rows: ValidRow<'shifts'>[], errors: RowError[]): ValidRow<'shifts'>[] {
  const asShift = (row: ImportRow<'shifts'>) => ({
    date: row.date ?? null,
    weekdays: (row.days ?? []).map((d) => weekdayNames.indexOf(d) + 1),
    start: minutesOf(row.start)!,
    end: minutesOf(row.end)!,
  });
  const kept: ValidRow<'shifts'>[] = [];
  for (const candidate of rows) {
    const earlier = kept.find((k) => k.row.person === candidate.row.person && overlap(asShift(k.row), asShift(candidate.row)));
    if (earlier)
      errors.push({ kind: 'shifts', index: candidate.index, field: 'start', message: `overlaps row ${earlier.index} of ${candidate.row.person}'s shifts` });
    else kept.push(candidate);
  }
  return kept;
}

function keyField(kind: ImportKind): string {
  if (kind === 'stock' || kind === 'allocations' || kind === 'storeStock') return 'sku';
  if (kind === 'planAssignments') return 'from';
  if (kind === 'shifts') return 'start';
  return Object.keys(importRowSchemas[kind].shape)[0]!;
}

function naturalKey(kind: ImportKind, row: Record<string, unknown>): string {
  if (kind === 'stock') return `${String(row.warehouse)}/${String(row.sku)}`;
  if (kind === 'storeStock') return `${String(row.store)}/${String(row.sku)}`;
  if (kind === 'planAssignments') return `${String(row.person)}/${String(row.from)}`;
  if (kind === 'shifts') return `${String(row.person)}/${String(row.store)}/${String(row.date ?? (row.days as string[]).join(','))}/${String(row.start)}`;
  if (kind === 'allocations') return `${row.dealer ? `dealer ${String(row.dealer)}` : `region ${String(row.region)}`}/${String(row.sku)}`;
  return String(row[keyField(kind)]);
}
