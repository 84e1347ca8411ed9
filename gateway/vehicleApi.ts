import { z } from 'zod';
import { HttpError } from './http';
import type { ApiRoutes } from './openapi';
import type { Runtime } from './runtime';

const trackQuery = z.object({ from: z.string().datetime({ offset: true }), to: z.string().datetime({ offset: true }) });

/** Dispatchers' view of the fleet: where each vehicle is with its delivery, and a vehicle's track. */
export function vehicleRoutes(api: ApiRoutes, runtime: Runtime): void {
  const { reads } = runtime;

  api.get('/vehicles', { summary: "The fleet: each vehicle's last position and delivery", tag: 'vehicles', access: 'read' }, async (_req, res) => {
    res.json({ vehicles: await reads.fleet() });
  });

  api.get(
    '/vehicles/:id/track',
    { summary: "A driver's pings in [from, to)", tag: 'vehicles', access: 'read', query: trackQuery },
    async (req, res, { query }) => {
      const id = String(req.params.id);
      const pings = await reads.track(id, new Date(query.from), new Date(query.to));
      if (!pings) throw new HttpError(404, 'NOT_FOUND', `no driver ${id}`);
      res.json({ id, from: query.from, to: query.to, pings });
    },
  );
}
