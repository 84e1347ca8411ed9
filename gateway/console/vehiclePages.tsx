import type { Child } from 'hono/jsx';
import { DateTime } from 'luxon';
import type { Language } from '../../domain/people';
import type { BoardVehicle, PingView } from '../../domain/reads';
import { Shell, type SignedIn } from './layout';
import { boxText, graticule, outlinePath, type MapView } from './map';
import { words } from './words';

/** How a vehicle row and marker read the clock: its zone, now, and when a vehicle counts as silent. */
export interface FleetContext {
  language: Language;
  zone: string;
  now: Date;
  staleAfterMs: number;
}

const minutesSince = (at: Date, now: Date) => (now.getTime() - at.getTime()) / 60_000;
/** Silent: it carries a delivery and has not pinged within STALE_VEHICLE_MINUTES (or never did). */
export const isSilent = (vehicle: BoardVehicle, context: FleetContext) =>
  vehicle.deliveries.length > 0 && (!vehicle.position || context.now.getTime() - vehicle.position.reportedAt.getTime() > context.staleAfterMs);

/** The base map: outlines, the graticule with its labels, and what is drawn on it. */
function BaseMap({ view, label, children }: { view: MapView; label: string; children: Child }) {
  const grid = graticule(view);
  return (
    <svg class="map" viewBox={`0 0 ${view.width} ${view.height}`} role="img" aria-label={label} data-box={boxText(view.box)}>
      <rect class="sea" width={view.width} height={view.height} />
      <path class="land" d={outlinePath(view)} />
      <path class="grid" d={grid.d} />
      {grid.labels.map((l) => (
        <text class="grid-label" x={l.x.toFixed(1)} y={l.y.toFixed(1)}>
          {l.text}
        </text>
      ))}
      {children}
    </svg>
  );
}

/** A vehicle on the map: a dot with its driver's name, red when silent; the live view moves it by its id. */
export function VehicleMarker({ vehicle, view, context }: { vehicle: BoardVehicle; view: MapView; context: FleetContext }) {
  if (!vehicle.position) return null;
  const [x, y] = view.project(vehicle.position.lat, vehicle.position.lon);
  const v = words[context.language].vehicle;
  return (
    <g id={`vehicle-${vehicle.id}`} class={isSilent(vehicle, context) ? 'vehicle silent' : 'vehicle'} transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}>
      <title>{`${vehicle.name} · ${v.ago(minutesSince(vehicle.position.reportedAt, context.now))}`}</title>
      <circle r="7" />
      <text x="10" y="4">
        {vehicle.name}
      </text>
    </g>
  );
}

/** A vehicle's row: its last ping and speed, its deliveries with the next stop, ETA and stops arrived at. */
export function VehicleRow({ vehicle, context }: { vehicle: BoardVehicle; context: FleetContext }) {
  const v = words[context.language].vehicle;
  const time = (at: Date) => DateTime.fromJSDate(at, { zone: context.zone }).toFormat('MM-dd HH:mm');
  const silent = isSilent(vehicle, context);
  return (
    <tr id={`vehicle-row-${vehicle.id}`} class={silent ? 'silent' : undefined}>
      <td>
        <a href={`/console/vehicles/${encodeURIComponent(vehicle.id)}`}>{vehicle.name}</a>
        {silent ? <span class="badge">{v.silent}</span> : null}
      </td>
      <td>{vehicle.position ? `${time(vehicle.position.reportedAt)} (${v.ago(minutesSince(vehicle.position.reportedAt, context.now))})` : v.never}</td>
      <td>{vehicle.position?.speedKmh != null ? v.kmh(vehicle.position.speedKmh) : '–'}</td>
      <td>
        {vehicle.deliveries.map((d) => {
          const next = d.stops.find((s) => !s.doneAt);
          return (
            <p>
              {v.order(d.order)}
              {next ? ` · ${v.nextStop} ${next.name}` : ''}
              {d.eta ? ` · ${v.eta} ${time(d.eta)}` : ''}
              {d.stops.length > 0 ? ` · ${v.stopsArrived(d.stops.filter((s) => s.arrivedAt).length, d.stops.length)}` : ''}
            </p>
          );
        })}
      </td>
    </tr>
  );
}

/** The fleet: every vehicle on the map with its delivery stops, and a row each; markers and rows move live on a ping. */
export function FleetPage(props: { actor: SignedIn; vehicles: BoardVehicle[]; view: MapView; context: FleetContext; live: Child }) {
  const { actor, vehicles, view, context, live } = props;
  const t = words[context.language];
  const v = t.vehicle;
  const stops = vehicles.flatMap((vehicle) => vehicle.deliveries.flatMap((d) => d.stops.filter((s) => !s.doneAt).map((s) => ({ ...s, order: d.order }))));
  return (
    <Shell language={context.language} actor={actor} title={t.vehicles} current="vehicles">
      <h1>{t.vehicles}</h1>
      {live}
      <BaseMap view={view} label={v.map}>
        <g class="stops">
          {stops.map((s) => {
            const [x, y] = view.project(s.lat, s.lon);
            return (
              <g class={s.arrivedAt ? 'stop arrived' : 'stop'} transform={`translate(${x.toFixed(1)} ${y.toFixed(1)})`}>
                <title>{`${v.order(s.order)} · ${s.name}`}</title>
                <rect x="-5" y="-5" width="10" height="10" />
                <text x="8" y="14">
                  {s.name}
                </text>
              </g>
            );
          })}
        </g>
        <g class="vehicles" data-markers>
          {vehicles.map((vehicle) => (
            <VehicleMarker vehicle={vehicle} view={view} context={context} />
          ))}
        </g>
      </BaseMap>
      <p class="meta">{v.outlines}</p>
      {vehicles.length === 0 ? <p class="empty">{v.none}</p> : null}
      <div class="scroll">
        <table class="grid vehicles">
          <thead>
            <tr>
              <th>{v.driver}</th>
              <th>{v.lastPing}</th>
              <th>{v.speed}</th>
              <th>{v.delivery}</th>
            </tr>
          </thead>
          <tbody data-rows="newest-first">
            {vehicles.map((vehicle) => (
              <VehicleRow vehicle={vehicle} context={context} />
            ))}
          </tbody>
        </table>
      </div>
    </Shell>
  );
}

/** A driver's track for one day: the line through their pings on the map, and each ping. */
export function TrackPage(props: { actor: SignedIn; vehicle: BoardVehicle; day: string; pings: PingView[]; view: MapView; context: FleetContext }) {
  const { actor, vehicle, day, pings, view, context } = props;
  const v = words[context.language].vehicle;
  const time = (at: Date) => DateTime.fromJSDate(new Date(at), { zone: context.zone }).toFormat('HH:mm:ss');
  const line = pings
    .map((p) =>
      view
        .project(p.lat, p.lon)
        .map((n) => n.toFixed(1))
        .join(','),
    )
    .join(' ');
  return (
    <Shell language={context.language} actor={actor} title={v.trackOf(vehicle.name)} current="vehicles">
      <p>
        <a href="/console/vehicles">{v.back}</a>
      </p>
      <h1>{v.trackOf(vehicle.name)}</h1>
      <form method="get" class="filters">
        <label>
          {v.day} <input type="date" name="day" value={day} required />
        </label>
        <button type="submit">{v.show}</button>
      </form>
      <p class="meta">{v.pings(pings.length)}</p>
      <BaseMap view={view} label={v.trackOf(vehicle.name)}>
        {pings.length > 1 ? <polyline class="track" points={line} /> : null}
        {pings.map((p, i) => {
          const [x, y] = view.project(p.lat, p.lon);
          return <circle class={i === pings.length - 1 ? 'fix last' : 'fix'} cx={x.toFixed(1)} cy={y.toFixed(1)} r={i === pings.length - 1 ? 6 : 3} />;
        })}
      </BaseMap>
      {pings.length === 0 ? (
        <p class="empty">{v.noPings}</p>
      ) : (
        <div class="scroll">
          <table class="grid">
            <thead>
              <tr>
                <th>{v.time}</th>
                <th>{v.position}</th>
                <th>{v.speed}</th>
                <th>{v.form}</th>
              </tr>
            </thead>
            <tbody>
              {pings.map((p) => (
                <tr>
                  <td>{time(p.reportedAt)}</td>
                  <td>
                    {p.lat.toFixed(5)}, {p.lon.toFixed(5)}
                  </td>
                  <td>{p.speedKmh != null ? v.kmh(p.speedKmh) : '–'}</td>
                  <td>{p.form}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Shell>
  );
}
