import type { Router } from 'express';
import { z } from 'zod';
import { HttpError, parse, route } from './http';
import { requires } from './auth';
import type { Runtime } from './runtime';

const trackQuery = z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) });

/** Dispatchers' view of the fleet: where each vehicle is with its delivery, and a vehicle's track. */
export function vehicleRoutes(router: Router, runtime: Runtime): void {
  const { reads } = runtime;

  router.get('/vehicles', requires('read'), route(async (_req, res) => {
    res.json({ vehicles: await reads.fleet() });
  }));

  router.get('/vehicles/:id/track', requires('read'), route(async (req, res) => {
    const query = parse(trackQuery, req.query);
    const id = String(req.params.id);
    const pings = await reads.track(id, new Date(query.from), new Date(query.to));
    if (!pings) throw new HttpError(404, 'NOT_FOUND', `no driver ${id}`);
    res.json({ id, from: query.from, to: query.to, pings });
  }));
}
