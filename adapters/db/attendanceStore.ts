import type { StorePlace } from '../../domain/attendance';
import type { AttendanceStore } from '../../domain/ports';
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
      const [row] = await sql.query<{ id: string; store: string; opened_at: Date }>(
        'select id::text, store, opened_at from checkins where person = $1 and closed_at is null for update',
        [personId],
      );
      return row ? { id: row.id, store: row.store, openedAt: new Date(row.opened_at) } : null;
    },
    async open(personId, store, at, where) {
      await sql.query(
        'insert into checkins (person, store, opened_at, lat, lon, distance_m, flagged) values ($1, $2, $3, $4, $5, $6, $7)',
        [personId, store, at, where.position?.lat ?? null, where.position?.lon ?? null, where.distanceM, where.flagged],
      );
    },
    async close(checkInId, at, reason) {
      await sql.query('update checkins set closed_at = $2, close_reason = $3 where id = $1 and closed_at is null', [checkInId, at, reason]);
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
