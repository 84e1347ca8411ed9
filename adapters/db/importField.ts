import type { ImportRow } from '../../domain/import';
import { minutesOf, weekdayNames } from '../../domain/roster';
import type { Sql } from './sql';

/** Competitor brands and their models (domain/competitors.ts): a brand's models in a document replace its list. */
export async function upsertCompetitors(tx: Sql, rows: ImportRow<'competitors'>[]): Promise<void> {
  await tx.query(
    `insert into competitor_brands (code, name, name_zh, aliases)
     select code, name, "nameZh", coalesce(aliases, '{}') from jsonb_to_recordset($1::jsonb) as x(code text, name text, "nameZh" text, aliases text[])
     on conflict (code) do update set name = excluded.name, name_zh = excluded.name_zh, aliases = excluded.aliases`,
    [JSON.stringify(rows)],
  );
  await tx.query('delete from competitor_models where brand = any($1::text[])', [rows.map((row) => row.code)]);
  await tx.query(
    `insert into competitor_models (brand, model, sku, category)
     select brand, model, sku, category from jsonb_to_recordset($1::jsonb) as x(brand text, model text, sku text, category text)`,
    [JSON.stringify(rows.flatMap((row) => row.models.map((m) => ({ brand: row.code, ...m }))))],
  );
}

/** Promotions (domain/promotions.ts): a promotion's SKUs, stores, regions and promoters in a document replace its lists. */
export async function upsertPromotions(tx: Sql, rows: ImportRow<'promotions'>[]): Promise<void> {
  await tx.query(
    `insert into promotions (code, name, from_day, to_day)
     select code, name, "from"::date, "to"::date from jsonb_to_recordset($1::jsonb) as x(code text, name text, "from" text, "to" text)
     on conflict (code) do update set name = excluded.name, from_day = excluded.from_day, to_day = excluded.to_day`,
    [JSON.stringify(rows)],
  );
  const codes = rows.map((row) => row.code);
  for (const [table, column, values] of [
    ['promotion_skus', 'sku', (row: ImportRow<'promotions'>) => row.skus],
    ['promotion_stores', 'store', (row: ImportRow<'promotions'>) => row.stores ?? []],
    ['promotion_regions', 'region', (row: ImportRow<'promotions'>) => row.regions ?? []],
    ['promotion_promoters', 'person', (row: ImportRow<'promotions'>) => row.promoters ?? []],
  ] as const) {
    await tx.query(`delete from ${table} where promotion = any($1::text[])`, [codes]);
    const pairs = rows.flatMap((row) => [...new Set(values(row))].map((value) => [row.code, value] as const));
    await tx.query(`insert into ${table} (promotion, ${column}) select * from unnest($1::text[], $2::text[])`, [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ]);
  }
}

/** Shifts (domain/roster.ts): the document's shifts of a person are that person's roster now. */
export async function upsertShifts(tx: Sql, rows: ImportRow<'shifts'>[]): Promise<void> {
  await tx.query('delete from shifts where person = any($1::text[])', [[...new Set(rows.map((row) => row.person))]]);
  await tx.query(
    `insert into shifts (person, store, day, weekdays, starts, ends)
     select x.person, x.store, x.date::date, coalesce(x.weekdays, '{}'), x.starts, x.ends
       from jsonb_to_recordset($1::jsonb) as x(person text, store text, date text, weekdays smallint[], starts smallint, ends smallint)`,
    [
      JSON.stringify(
        rows.map((row) => ({
          ...row,
          weekdays: (row.days ?? []).map((d) => weekdayNames.indexOf(d) + 1),
          starts: minutesOf(row.start),
          ends: minutesOf(row.end),
        })),
      ),
    ],
  );
}
