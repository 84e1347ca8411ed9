import type { RosterStore, Shift } from '../../domain/roster';
import { personColumns, personJoins, toPerson, type PersonRow } from './personRows';
import type { Sql } from './sql';

type ShiftRow = { person: string; store: string; zone: string; day: string | null; weekdays: number[]; starts: number; ends: number };

/** A shift's columns; $2 is the default zone. */
const shiftColumns = `sh.person, sh.store, coalesce(st.timezone, p.timezone, $2) as zone, to_char(sh.day, 'YYYY-MM-DD') as day,
                      sh.weekdays, sh.starts, sh.ends`;
const toShift = (row: ShiftRow): Shift => ({
  store: row.store,
  zone: row.zone,
  date: row.day,
  weekdays: row.weekdays.map(Number),
  start: Number(row.starts),
  end: Number(row.ends),
});

export function sqlRosterStore(sql: Sql): RosterStore {
  return {
    async shiftsOf(person, defaultTimezone) {
      const rows = await sql.query<ShiftRow>(
        `select ${shiftColumns} from shifts sh join stores st on st.code = sh.store join people p on p.id = sh.person
          where sh.person = $1 order by sh.id`,
        [person, defaultTimezone],
      );
      return rows.map(toShift);
    },
    async rostered(since, defaultTimezone) {
      const people = await sql.query<PersonRow>(
        `select ${personColumns} from people ${personJoins}
          where people.role = 'promoter' and exists (select 1 from shifts sh where sh.person = people.id) order by people.id`,
      );
      if (people.length === 0) return [];
      const ids = people.map((p) => p.id);
      const shifts = await sql.query<ShiftRow>(
        `select ${shiftColumns} from shifts sh join stores st on st.code = sh.store join people p on p.id = sh.person
          where sh.person = any($1::text[]) order by sh.id`,
        [ids, defaultTimezone],
      );
      const checkIns = await sql.query<{ person: string; opened_at: Date }>(
        'select person, opened_at from checkins where person = any($1::text[]) and opened_at >= $2',
        [ids, since],
      );
      // Grouped once: every run of the reminders reads every rostered promoter.
      const shiftsBy = byPerson(shifts);
      const checkInsBy = byPerson(checkIns);
      return people.map((row) => ({
        person: toPerson(row),
        shifts: (shiftsBy.get(row.id) ?? []).map(toShift),
        checkIns: (checkInsBy.get(row.id) ?? []).map((c) => new Date(c.opened_at)),
      }));
    },
  };
}

function byPerson<T extends { person: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.person);
    if (list) list.push(row);
    else grouped.set(row.person, [row]);
  }
  return grouped;
}
