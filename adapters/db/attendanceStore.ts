import type { StorePlace } from '../../domain/attendance';
import type { AttendanceStore } from '../../domain/ports';
import { personColumns, personJoins, toPerson, type PersonRow } from './personRows';
import { overrunMinutes } from '../../domain/roster';
import type { Sql } from './sql';

/** Promoters' check-ins and supervisors' visits over SQL. */
export function sqlAttendanceStore(sql: Sql): AttendanceStore {
  return {
    async store(code) {
      const [row] = await sql.query<StoreRow>(`${selectStore} where upper(s.code) = upper($1)`, [code]);
      return row ? toPlace(row) : null;
    },
    async assignedStores(personId) {
      const rows = await sql.query<StoreRow>(`${selectStore} join person_stores ps on ps.store = s.code where ps.person = $1 order by s.code`, [personId]);
      return rows.map(toPlace);
    },
    async openCheckIn(personId) {
      const [row] = await sql.query<{ id: string; store: string; opened_at: Date; shift_end: Date | null }>(
        'select id::text, store, opened_at, shift_end from checkins where person = $1 and closed_at is null for update',
        [personId],
      );
      return row ? { id: row.id, store: row.store, openedAt: new Date(row.opened_at), shiftEnd: row.shift_end ? new Date(row.shift_end) : null } : null;
    },
    async open(personId, store, at, where, roster) {
      await sql.query(
        `insert into checkins (person, store, opened_at, lat, lon, distance_m, flagged, shift_start, shift_end, late_minutes, off_roster)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          personId,
          store,
          at,
          where.position?.lat ?? null,
          where.position?.lon ?? null,
          where.distanceM,
          where.flagged,
          roster.shift?.from ?? null,
          roster.shift?.to ?? null,
          roster.lateMinutes,
          roster.offRoster,
        ],
      );
    },
    async close(checkInId, at, reason) {
      await sql.query('update checkins set closed_at = $2, close_reason = $3 where id = $1 and closed_at is null', [checkInId, at, reason]);
    },
    async promotersWithout(what, at, defaultTimezone) {
      const done =
        what === 'checkin'
          ? `exists (select 1 from checkins c where c.person = people.id and (c.opened_at at time zone coalesce(people.timezone, $2))::date = ($1::timestamptz at time zone coalesce(people.timezone, $2))::date)`
          : `exists (select 1 from sell_out_reports r where r.person = people.id and r.day = ($1::timestamptz at time zone coalesce(people.timezone, $2))::date)`;
      const rows = await sql.query<PersonRow & { day: string }>(
        `select ${personColumns}, to_char(($1::timestamptz at time zone coalesce(people.timezone, $2))::date, 'YYYY-MM-DD') as day
           from people ${personJoins}
          where people.role = 'promoter' and exists (select 1 from person_stores ps where ps.person = people.id) and not ${done}
            ${what === 'checkin' ? 'and not exists (select 1 from shifts sh where sh.person = people.id)' : ''}
          order by people.id`,
        [at, defaultTimezone],
      );
      return rows.map((row) => ({ person: toPerson(row), day: row.day }));
    },
    async storeStock(store, skus) {
      const rows = await sql.query<{ sku: string; on_hand: number }>('select sku, on_hand from store_stock where store = $1 and sku = any($2::text[])', [
        store,
        skus,
      ]);
      return new Map(rows.map((row) => [row.sku, Number(row.on_hand)]));
    },
    async closeStale(at, defaultTimezone) {
      const rows = await sql.query(
        `update checkins c set closed_at = m.closes, close_reason = case when c.shift_end is null then 'midnight' else 'shift-end' end
           from (select c2.id, coalesce(c2.shift_end, ((date_trunc('day', c2.opened_at at time zone z.zone) + interval '1 day') at time zone z.zone)) as closes
                   from checkins c2 join people p on p.id = c2.person join stores s on s.code = c2.store
                   cross join lateral (select coalesce(s.timezone, p.timezone, $2) as zone) z
                  where c2.closed_at is null) m
          where c.id = m.id and m.closes + case when c.shift_end is null then interval '0' else interval '${overrunMinutes} minutes' end <= $1 returning c.id`,
        [at, defaultTimezone],
      );
      return rows.length;
    },
    async recordVisit(personId, store, at, score, note) {
      await sql.query('insert into store_visits (person, store, visited_at, score, note) values ($1, $2, $3, $4, $5)', [personId, store, at, score, note]);
    },
  };
}

const selectStore = 'select s.code, s.name, s.lat, s.lon, s.timezone from stores s';
interface StoreRow {
  code: string;
  name: string;
  lat: number | null;
  lon: number | null;
  timezone: string | null;
}
const toPlace = (row: StoreRow): StorePlace => ({
  code: row.code,
  name: row.name,
  position: row.lat !== null && row.lon !== null ? { lat: Number(row.lat), lon: Number(row.lon) } : null,
  timezone: row.timezone,
});
