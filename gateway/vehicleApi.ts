import type { Router } from 'express';
import { z } from 'zod';
import { HttpError, parse, route } from './http';
import type { Runtime } from './runtime';

const trackQuery = z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) });

/** Dispatchers' view of the fleet: where each vehicle is with its delivery, and a vehicle's track. */
export function vehicleRoutes(router: Router, runtime: Runtime): void {
  const { sql } = runtime;

  router.get('/vehicles', route(async (_req, res) => {
    const vehicles = await sql.query(
      `select v.driver as id, p.name as driver, v.lat, v.lon, v.reported_at as "reportedAt", v.live_until as "liveUntil",
              (select json_build_object('order', o.number, 'eta', o.eta, 'nextStop', (select s.name from delivery_stops s where s.order_number = o.number and s.done_at is null order by s.seq limit 1))
                 from orders o where o.driver = v.driver and o.status = 'shipped'
                  and exists (select 1 from delivery_stops s where s.order_number = o.number and s.done_at is null)
                 order by o.updated_at limit 1) as delivery
         from vehicle_positions v join people p on p.id = v.driver order by v.driver`,
    );
    res.json({ vehicles });
  }));

  router.get('/vehicles/:id/track', route(async (req, res) => {
    const query = parse(trackQuery, req.query);
    const id = String(req.params.id);
    if ((await sql.query('select 1 from people where id = $1 and role = $2', [id, 'driver'])).length === 0) throw new HttpError(404, 'NOT_FOUND', `no driver ${id}`);
    const pings = await sql.query(
      `select lat, lon, accuracy_m as "accuracyM", speed_kmh as "speedKmh", reported_at as "reportedAt", received_at as "receivedAt", form
         from pings where driver = $1 and reported_at >= $2 and reported_at < $3 order by reported_at, id`,
      [id, query.from, query.to],
    );
    res.json({ id, from: query.from, to: query.to, pings });
  }));
}
