import type { VehicleStore } from '../../domain/ports';
import type { VehiclePosition } from '../../domain/vehicles';
import type { Sql } from './sql';

/** Pings and vehicle positions over SQL. */
export function sqlVehicleStore(sql: Sql): VehicleStore {
  return {
    async record(ping) {
      await sql.query(
        `insert into pings (driver, lat, lon, accuracy_m, speed_kmh, reported_at, received_at, form, inbox_id) values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [ping.driver, ping.lat, ping.lon, ping.accuracyM, ping.speedKmh, ping.reportedAt, ping.receivedAt, ping.form, ping.inboxId],
      );
      const moved = await sql.query(
        `insert into vehicle_positions (driver, lat, lon, reported_at, received_at, live_until) values ($1, $2, $3, $4, $5, $6)
         on conflict (driver) do update set lat = excluded.lat, lon = excluded.lon, reported_at = excluded.reported_at,
           received_at = excluded.received_at, live_until = excluded.live_until
          where vehicle_positions.reported_at <= excluded.reported_at
         returning driver`,
        [ping.driver, ping.lat, ping.lon, ping.reportedAt, ping.receivedAt, ping.liveUntil],
      );
      const [row] = await sql.query<{ driver: string; lat: number; lon: number; reported_at: Date; received_at: Date; live_until: Date | null }>(
        'select driver, lat, lon, reported_at, received_at, live_until from vehicle_positions where driver = $1',
        [ping.driver],
      );
      const position: VehiclePosition = {
        driver: row!.driver, lat: Number(row!.lat), lon: Number(row!.lon),
        reportedAt: new Date(row!.reported_at), receivedAt: new Date(row!.received_at), liveUntil: row!.live_until ? new Date(row!.live_until) : null,
      };
      return { position, moved: moved.length > 0 };
    },
  };
}
