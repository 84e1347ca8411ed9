import type { VehicleStore } from '../../domain/ports';
import type { VehiclePosition } from '../../domain/vehicles';
import type { Sql } from './sql';

/** Pings and vehicle positions over SQL. */
export function sqlVehicleStore(sql: Sql): VehicleStore {
  return {
    async record(ping) {
      // One round trip: the ping, the position if it is newer, and the position as it stands after.
      const [row] = await sql.query<{
        driver: string;
        lat: number;
        lon: number;
        reported_at: Date;
        received_at: Date;
        live_until: Date | null;
        moved: boolean;
      }>(
        `with ping as (
           insert into pings (driver, lat, lon, accuracy_m, speed_kmh, reported_at, received_at, form, inbox_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)),
         moved as (
           insert into vehicle_positions (driver, lat, lon, reported_at, received_at, live_until) values ($1, $2, $3, $6, $7, $10)
           on conflict (driver) do update set lat = excluded.lat, lon = excluded.lon, reported_at = excluded.reported_at,
             received_at = excluded.received_at, live_until = excluded.live_until
            where vehicle_positions.reported_at <= excluded.reported_at
           returning driver, lat, lon, reported_at, received_at, live_until)
         select driver, lat, lon, reported_at, received_at, live_until, true as moved from moved
         union all
         select driver, lat, lon, reported_at, received_at, live_until, false from vehicle_positions where driver = $1 and not exists (select 1 from moved)`,
        [ping.driver, ping.lat, ping.lon, ping.accuracyM, ping.speedKmh, ping.reportedAt, ping.receivedAt, ping.form, ping.inboxId, ping.liveUntil],
      );
      const position: VehiclePosition = {
        driver: row!.driver,
        lat: Number(row!.lat),
        lon: Number(row!.lon),
        reportedAt: new Date(row!.reported_at),
        receivedAt: new Date(row!.received_at),
        liveUntil: row!.live_until ? new Date(row!.live_until) : null,
      };
      return { position, moved: row!.moved };
    },
    async position(driver) {
      const [row] = await sql.query<{ driver: string; lat: number; lon: number; reported_at: Date; received_at: Date; live_until: Date | null }>(
        'select driver, lat, lon, reported_at, received_at, live_until from vehicle_positions where driver = $1',
        [driver],
      );
      return row
        ? {
            driver: row.driver,
            lat: Number(row.lat),
            lon: Number(row.lon),
            reportedAt: new Date(row.reported_at),
            receivedAt: new Date(row.received_at),
            liveUntil: row.live_until ? new Date(row.live_until) : null,
          }
        : null;
    },
  };
}
