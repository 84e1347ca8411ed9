import type { BoardTicket, BoardVehicle, DayRange } from '../../domain/reads';
import type { OutlierFlag } from '../../domain/ports';
import type { Sql } from './sql';

const ticketCards = `
  select t.number, t.sku, t.serial, t.description, t.priority, t.status, t.last_update as "lastUpdate", t.created_at as "createdAt",
         t.started_at as "startedAt", t.photo_file_id as photo,
         json_build_object('id', p.id, 'name', p.name, 'peer', coalesce(p.phone, 'tg:' || p.telegram_id)) as filer,
         case when sp.code is null then null else json_build_object('code', sp.code, 'name', sp.name) end as "servicePoint"
    from tickets t join people p on p.id = t.filed_by left join service_points sp on sp.code = t.service_point`;

const asCard = (row: BoardTicket): BoardTicket => ({ ...row, createdAt: new Date(row.createdAt), startedAt: row.startedAt ? new Date(row.startedAt) : null });

/** The console's service board: tickets with their filer and service point (one query each). */
export async function ticketBoard(sql: Sql, { servicePoint, doneDays }: { servicePoint: string | null; doneDays: number }): Promise<BoardTicket[]> {
  const rows = await sql.query<BoardTicket>(
    `${ticketCards}
      where ($1::text is null or t.service_point = $1)
        and (t.status in ('open', 'assigned', 'in_progress', 'resolved') or (t.status = 'closed' and t.closed_at > now() - make_interval(days => $2)))
      order by t.created_at, t.number limit 2000`,
    [servicePoint, doneDays],
  );
  return rows.map(asCard);
}

export async function boardTicket(sql: Sql, number: string): Promise<BoardTicket | null> {
  const [row] = await sql.query<BoardTicket>(`${ticketCards} where t.number = $1`, [number]);
  return row ? asCard(row) : null;
}

export const servicePoints = (sql: Sql) => sql.query<{ code: string; name: string }>('select code, name from service_points order by code');

/** Drivers with their position, latest speed and shipped orders' stops: one query, a row per driver. */
export async function vehicleBoard(sql: Sql, drivers: readonly string[] | null): Promise<BoardVehicle[]> {
  const rows = await sql.query<{
    id: string;
    name: string;
    lat: number | null;
    lon: number | null;
    reportedAt: Date | null;
    speedKmh: number | null;
    deliveries: BoardVehicle['deliveries'] | null;
  }>(
    `select p.id, p.name, v.lat, v.lon, v.reported_at as "reportedAt",
            (select k.speed_kmh from pings k where k.driver = p.id order by k.reported_at desc, k.id desc limit 1) as "speedKmh",
            (select json_agg(json_build_object('order', o.number, 'eta', o.eta,
                    'stops', coalesce((select json_agg(json_build_object('seq', s.seq, 'name', s.name, 'lat', s.lat, 'lon', s.lon, 'arrivedAt', s.arrived_at, 'doneAt', s.done_at) order by s.seq)
                                         from delivery_stops s where s.order_number = o.number), '[]'::json)) order by o.number)
               from orders o where o.driver = p.id and o.status = 'shipped') as deliveries
       from people p left join vehicle_positions v on v.driver = p.id
      where p.role = 'driver' and ($1::text[] is null or p.id = any($1))
      order by p.name, p.id`,
    [drivers],
  );
  const at = (value: Date | string | null) => (value ? new Date(value) : null);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    position: row.lat === null || row.lon === null ? null : { lat: row.lat, lon: row.lon, speedKmh: row.speedKmh, reportedAt: new Date(row.reportedAt!) },
    deliveries: (row.deliveries ?? []).map((d) => ({
      order: d.order,
      eta: at(d.eta),
      stops: d.stops.map((s) => ({ ...s, arrivedAt: at(s.arrivedAt), doneAt: at(s.doneAt) })),
    })),
  }));
}

/** Reports, check-ins and visits of the field reports view, with names. */
export interface FieldReview {
  reports: { id: string; person: string; store: string; day: string; submittedAt: Date; flags: OutlierFlag[]; lines: { sku: string; qty: number }[] }[];
  checkIns: { id: string; person: string; store: string; openedAt: Date; distanceM: number | null }[];
  visits: { id: string; person: string; store: string; visitedAt: Date; score: number | null; note: string | null }[];
}

/** Flagged reports awaiting review, far check-ins and store visits of the local days [from, to]: three queries, names joined. */
export async function fieldReview(sql: Sql, { from, to }: DayRange, zone: string): Promise<FieldReview> {
  const [reports, checkIns, visits] = await Promise.all([
    sql.query<FieldReview['reports'][number]>(
      `select r.id::text, p.name as person, s.name as store, to_char(r.day, 'YYYY-MM-DD') as day, r.submitted_at as "submittedAt", r.flags,
              (select json_agg(json_build_object('sku', l.sku, 'qty', l.qty) order by l.sku) from sell_out_lines l where l.report = r.id) as lines
         from sell_out_reports r join people p on p.id = r.person join stores s on s.code = r.store
        where r.replaced_at is null and r.flags <> '[]'::jsonb and r.accepted_at is null and r.rejected_at is null and r.day between $1::date and $2::date
        order by r.day, r.id`,
      [from, to],
    ),
    sql.query<FieldReview['checkIns'][number]>(
      `select c.id::text, p.name as person, s.name as store, c.opened_at as "openedAt", c.distance_m as "distanceM"
         from checkins c join people p on p.id = c.person join stores s on s.code = c.store
        where c.flagged and (c.opened_at at time zone $3)::date between $1::date and $2::date order by c.opened_at desc limit 500`,
      [from, to, zone],
    ),
    sql.query<FieldReview['visits'][number]>(
      `select v.id::text, p.name as person, s.name as store, v.visited_at as "visitedAt", v.score, v.note
         from store_visits v join people p on p.id = v.person join stores s on s.code = v.store
        where (v.visited_at at time zone $3)::date between $1::date and $2::date order by v.visited_at desc limit 500`,
      [from, to, zone],
    ),
  ]);
  const at = <T extends object>(rows: T[], key: keyof T) => rows.map((row) => ({ ...row, [key]: new Date(row[key] as string) }));
  return { reports: at(reports, 'submittedAt'), checkIns: at(checkIns, 'openedAt'), visits: at(visits, 'visitedAt') };
}
