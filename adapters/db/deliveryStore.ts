import type { Delivery } from '../../domain/deliveries';
import type { DeliveryStore } from '../../domain/ports';
import { personColumns, personJoins, toPerson, type PersonRow } from './personRows';
import type { Sql } from './sql';

/** Delivery stops over SQL. */
export function sqlDeliveryStore(sql: Sql): DeliveryStore {
  return {
    async activeFor(driver) {
      const rows = await sql.query<{
        order_number: string;
        dealer: string;
        seq: number;
        place: string;
        name: string;
        lat: number;
        lon: number;
        arrived_at: Date | null;
        done_at: Date | null;
      }>(
        `select o.number as order_number, o.dealer, s.seq, s.place, s.name, s.lat, s.lon, s.arrived_at, s.done_at
           from orders o join delivery_stops s on s.order_number = o.number
          where o.driver = $1 and o.status = 'shipped'
          order by o.updated_at, o.number, s.seq
          for update of o`,
        [driver],
      );
      const deliveries = new Map<string, Delivery>();
      for (const row of rows) {
        const delivery = deliveries.get(row.order_number) ?? { order: row.order_number, dealer: row.dealer, stops: [] };
        delivery.stops.push({
          seq: row.seq,
          place: row.place,
          name: row.name,
          position: { lat: Number(row.lat), lon: Number(row.lon) },
          arrivedAt: row.arrived_at ? new Date(row.arrived_at) : null,
          doneAt: row.done_at ? new Date(row.done_at) : null,
        });
        deliveries.set(row.order_number, delivery);
      }
      return [...deliveries.values()];
    },
    async addStops(order, places) {
      const rows = await sql.query<{ i: number; code: string; name: string; lat: number | null; lon: number | null }>(
        `select p.i, p.code, coalesce(s.name, d.name) as name, coalesce(s.lat, d.lat) as lat, coalesce(s.lon, d.lon) as lon
           from unnest($1::text[], $2::text[]) with ordinality as p(kind, code, i)
           left join stores s on p.kind = 'store' and s.code = p.code
           left join dealers d on p.kind = 'dealer' and d.code = p.code
          order by p.i`,
        [places.map((p) => ('store' in p ? 'store' : 'dealer')), places.map((p) => ('store' in p ? p.store : p.dealer))],
      );
      const unlocated = rows.filter((r) => r.lat === null || r.lon === null).map((r) => r.code);
      if (unlocated.length > 0) return { unlocated };
      await sql.query('delete from delivery_stops where order_number = $1', [order]);
      await sql.query(
        `insert into delivery_stops (order_number, seq, place, name, lat, lon) select $1, * from unnest($2::int[], $3::text[], $4::text[], $5::float8[], $6::float8[])`,
        [order, rows.map((r) => Number(r.i)), rows.map((r) => r.code), rows.map((r) => r.name), rows.map((r) => r.lat), rows.map((r) => r.lon)],
      );
      return { added: rows.length };
    },
    async markArrived(order, seq, at) {
      return (
        (
          await sql.query('update delivery_stops set arrived_at = $3 where order_number = $1 and seq = $2 and arrived_at is null returning seq', [
            order,
            seq,
            at,
          ])
        ).length > 0
      );
    },
    async markDone(order, seq, at) {
      await sql.query(
        'update delivery_stops set done_at = $3, arrived_at = coalesce(arrived_at, $3) where order_number = $1 and seq = $2 and done_at is null',
        [order, seq, at],
      );
    },
    async setEta(order, eta) {
      await sql.query('update orders set eta = $2 where number = $1', [order, eta]);
    },
    async silentDrivers(cutoff) {
      const rows = await sql.query<PersonRow & { last_ping_at: Date | null; order_number: string }>(
        `select distinct on (people.id) ${personColumns}, v.reported_at as last_ping_at, o.number as order_number
           from orders o join people on people.id = o.driver ${personJoins}
           left join vehicle_positions v on v.driver = o.driver
          where o.status = 'shipped' and exists (select 1 from delivery_stops s where s.order_number = o.number and s.done_at is null)
            and coalesce(v.reported_at, o.updated_at) < $1
          order by people.id, o.updated_at`,
        [cutoff],
      );
      return rows.map((row) => ({ driver: toPerson(row), lastPingAt: row.last_ping_at ? new Date(row.last_ping_at) : null, order: row.order_number }));
    },
    async track(driver, since) {
      const rows = await sql.query<{ lat: number; lon: number; reported_at: Date }>(
        'select lat, lon, reported_at from pings where driver = $1 and reported_at >= $2 order by reported_at',
        [driver, since],
      );
      return rows.map((r) => ({ position: { lat: Number(r.lat), lon: Number(r.lon) }, at: new Date(r.reported_at) }));
    },
  };
}
