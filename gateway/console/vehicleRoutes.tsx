import { Router, type Request } from 'express';
import { DateTime } from 'luxon';
import type { LiveEvent } from '../../adapters/queue/liveEvents';
import type { Kit } from './kit';
import { RefusedPage, type SignedIn } from './layout';
import { boxText, boxView, fitView, parseBox } from './map';
import { LiveStatus } from './thread';
import { FleetPage, TrackPage, VehicleMarker, VehicleRow, type FleetContext } from './vehiclePages';
import { words } from './words';

const fleetContext = ({ runtime, languageOf }: Kit, req: Request): FleetContext => ({
  language: languageOf(req),
  zone: runtime.config.defaultTimezone,
  now: runtime.clock.now(),
  staleAfterMs: runtime.config.vehicles.staleAfterMs,
});

/** When nothing has a position yet: eastern China, wide. */
const nowhere = { lat: 31.2, lon: 121.5 };
const day = /^\d{4}-\d{2}-\d{2}$/;

/** The vehicles view: the fleet on the map with its stops (live), and one driver's track for a day. */
export function vehicleRoutes(kit: Kit): Router {
  const router = Router();
  const { runtime, page } = kit;
  const contextOf = (req: Request) => fleetContext(kit, req);

  router.get(
    '/vehicles',
    kit.pageFor(async (req, res, actor) => {
      const [vehicles, after] = await Promise.all([runtime.reads.vehicleBoard(null), runtime.live.latest()]);
      const places = vehicles.flatMap((v) => [...(v.position ? [v.position] : []), ...v.deliveries.flatMap((d) => d.stops.filter((s) => !s.doneAt))]);
      const view = fitView(places, nowhere, places.length > 0 ? 0.05 : 4);
      const context = contextOf(req);
      const live = <LiveStatus language={context.language} source={`/console/events?view=vehicles&box=${boxText(view.box)}`} after={after} />;
      page(res, <FleetPage actor={actor} vehicles={vehicles} view={view} context={context} live={live} />);
    }),
  );

  router.get(
    '/vehicles/:id',
    kit.pageFor(async (req, res, actor) => {
      const context = contextOf(req);
      const [vehicle] = await runtime.reads.vehicleBoard([String(req.params.id)]);
      if (!vehicle) return page(res, <RefusedPage language={context.language} actor={actor} message={words[context.language].vehicle.notDriver} />, 404);
      const asked = String(req.query.day ?? '');
      const start =
        day.test(asked) && DateTime.fromISO(asked, { zone: context.zone }).isValid
          ? DateTime.fromISO(asked, { zone: context.zone })
          : DateTime.fromJSDate(context.now, { zone: context.zone }).startOf('day');
      const pings = (await runtime.reads.track(vehicle.id, start.toJSDate(), start.plus({ days: 1 }).toJSDate())) ?? [];
      const view = fitView(pings.length > 0 ? pings : vehicle.position ? [vehicle.position] : [], nowhere, 0.02);
      page(res, <TrackPage actor={actor} vehicle={vehicle} day={start.toISODate()!} pings={pings} view={view} context={context} />);
    }),
  );
  return router;
}

/**
 * The vehicles view's live rows: a ping (or a change to a delivery) renders that driver's marker, in
 * the view the page was drawn in (its box), and their row.
 */
export function vehiclesLive(kit: Kit, req: Request, _actor: SignedIn) {
  const { runtime } = kit;
  const box = parseBox(String(req.query.box ?? ''));
  const view = box ? boxView(box) : null;
  return async (events: LiveEvent[]) => {
    const drivers = [...new Set(events.filter((e) => e.change.kind === 'vehicle').map((e) => e.change.id))];
    const orders = new Set(events.filter((e) => e.change.kind === 'order').map((e) => e.change.id));
    if (drivers.length === 0 && orders.size === 0) return [];
    const context = fleetContext(kit, req);
    // A delivery's change (a stop arrived at, an ETA) is found among the fleet's deliveries: rare, and one query.
    const vehicles = (await runtime.reads.vehicleBoard(orders.size > 0 ? null : drivers)).filter(
      (vehicle) => drivers.includes(vehicle.id) || vehicle.deliveries.some((d) => orders.has(d.order)),
    );
    return vehicles.flatMap((vehicle) => [
      ...(view && vehicle.position
        ? [{ key: `vehicle-${vehicle.id}`, svg: true, html: String(<VehicleMarker vehicle={vehicle} view={view} context={context} />) }]
        : []),
      { key: `vehicle-row-${vehicle.id}`, html: String(<VehicleRow vehicle={vehicle} context={context} />) },
    ]);
  };
}
