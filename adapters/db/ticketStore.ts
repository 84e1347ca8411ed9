import type { TicketStore } from '../../domain/ports';
import type { ServicePoint, Ticket, TicketStatus } from '../../domain/tickets';
import { personColumns, personJoins, toPerson, type PersonRow } from './personRows';
import type { Sql } from './sql';

/** Service points and tickets over SQL. */
export function sqlTicketStore(sql: Sql): TicketStore {
  return {
    async servicePoints() {
      return (await sql.query<PointRow>('select code, name, lat, lon, regions, stores from service_points order by code')).map(toPoint);
    },
    async filerPlace(personId) {
      const [row] = await sql.query<{ stores: string[] | null; region: string | null; lat: number | null; lon: number | null }>(
        `select (select array_agg(ps.store order by ps.store) from person_stores ps where ps.person = p.id) as stores, d.region,
                coalesce((select s.lat from person_stores ps join stores s on s.code = ps.store where ps.person = p.id order by ps.store limit 1), d.lat) as lat,
                coalesce((select s.lon from person_stores ps join stores s on s.code = ps.store where ps.person = p.id order by ps.store limit 1), d.lon) as lon
           from people p left join dealers d on d.code = p.dealer where p.id = $1`,
        [personId],
      );
      return {
        stores: row?.stores ?? [],
        region: row?.region ?? null,
        position: row && row.lat !== null && row.lon !== null ? { lat: Number(row.lat), lon: Number(row.lon) } : null,
      };
    },
    async create(ticket) {
      const [row] = await sql.query<{ number: string }>(
        `insert into tickets (filed_by, dealer, sku, serial, description, priority, photo_file_id, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $8) returning number`,
        [ticket.filedBy, ticket.dealer, ticket.sku, ticket.serial, ticket.description, ticket.priority, ticket.photoFileId, ticket.at],
      );
      return row!.number;
    },
    async byNumber(number) {
      const [row] = await sql.query<TicketRow>(
        `select t.*, sp.code as sp_code, sp.name as sp_name, sp.lat as sp_lat, sp.lon as sp_lon, sp.regions as sp_regions, sp.stores as sp_stores
           from tickets t left join service_points sp on sp.code = t.service_point where t.number = $1 for update of t`,
        [number],
      );
      return row ? toTicket(row) : null;
    },
    async move(number, to, at, update) {
      const stamp: Partial<Record<TicketStatus, string>> = {
        assigned: 'assigned_at',
        in_progress: 'started_at',
        resolved: 'resolved_at',
        closed: 'closed_at',
        cancelled: 'closed_at',
      };
      await sql.query(
        `update tickets set status = $2, updated_at = $3, service_point = coalesce($4, service_point), last_update = coalesce($5, last_update)
                ${stamp[to] ? `, ${stamp[to]} = coalesce(${stamp[to]}, $3)` : ''}
          where number = $1`,
        [number, to, at, update.servicePoint ?? null, update.note ?? null],
      );
    },
    async technicians(servicePoint) {
      const rows = await sql.query<PersonRow>(
        `select ${personColumns} from people ${personJoins} where people.service_point = $1 and people.role = 'technician' order by people.id`,
        [servicePoint],
      );
      return rows.map(toPerson);
    },
  };
}

interface PointRow {
  code: string;
  name: string;
  lat: number | null;
  lon: number | null;
  regions: string[];
  stores: string[];
}
const toPoint = (row: PointRow): ServicePoint => ({
  code: row.code,
  name: row.name,
  position: row.lat !== null && row.lon !== null ? { lat: Number(row.lat), lon: Number(row.lon) } : null,
  regions: row.regions,
  stores: row.stores,
});

interface TicketRow {
  number: string;
  filed_by: string;
  dealer: string | null;
  sku: string;
  serial: string | null;
  description: string;
  priority: Ticket['priority'];
  status: TicketStatus;
  last_update: string | null;
  created_at: Date;
  updated_at: Date;
  sp_code: string | null;
  sp_name: string;
  sp_lat: number | null;
  sp_lon: number | null;
  sp_regions: string[];
  sp_stores: string[];
}
const toTicket = (row: TicketRow): Ticket => ({
  number: row.number,
  filedBy: row.filed_by,
  dealer: row.dealer,
  sku: row.sku,
  serial: row.serial,
  description: row.description,
  priority: row.priority,
  status: row.status,
  servicePoint: row.sp_code
    ? toPoint({ code: row.sp_code, name: row.sp_name, lat: row.sp_lat, lon: row.sp_lon, regions: row.sp_regions, stores: row.sp_stores })
    : null,
  lastUpdate: row.last_update,
  createdAt: new Date(row.created_at),
  updatedAt: new Date(row.updated_at),
});
