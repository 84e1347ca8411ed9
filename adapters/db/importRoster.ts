import type { ImportRow } from '../../domain/import';
import { minutesOf, weekdayNames } from '../../domain/roster';
import type { Sql } from './sql';

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
