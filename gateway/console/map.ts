import { readFileSync } from 'node:fs';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { feature } from 'topojson-client';

/**
 * The vehicles view's base map, drawn on the server as SVG: Natural Earth's country outlines at
 * 1:50m (world-atlas, decoded with topojson-client), in the Web Mercator projection, fitted to what
 * the view shows. No tile server: the outlines ship with the gateway, and nothing leaves it.
 */

export interface MapView {
  width: number;
  height: number;
  /** [x, y] in the view's pixels */
  project(lat: number, lon: number): [number, number];
  /** what the view was made to show */
  box: Box;
  /** what it covers, in degrees (the box, widened to the view's proportions) */
  bounds: Box;
}

interface Outline {
  bounds: { south: number; west: number; north: number; east: number };
  /** each ring as lon, lat, lon, lat… */
  rings: Float64Array[];
}

let outlines: Outline[] | null = null;
/** Decoded on first use (a web process that never draws the map never holds it), then kept: about 300,000 points. */
function countryOutlines(): Outline[] {
  if (outlines) return outlines;
  const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology<{ countries: GeometryCollection }>;
  const countries = feature(topology, topology.objects.countries) as FeatureCollection<Polygon | MultiPolygon>;
  outlines = countries.features.map(({ geometry }) => {
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const rings = polygons.flat().map((ring) => Float64Array.from(ring.flat()));
    const bounds = { south: 90, west: 180, north: -90, east: -180 };
    for (const ring of rings)
      for (let i = 0; i < ring.length; i += 2) {
        bounds.west = Math.min(bounds.west, ring[i]!);
        bounds.east = Math.max(bounds.east, ring[i]!);
        bounds.south = Math.min(bounds.south, ring[i + 1]!);
        bounds.north = Math.max(bounds.north, ring[i + 1]!);
      }
    return { bounds, rings };
  });
  return outlines;
}

const mercatorY = (lat: number) => Math.log(Math.tan(Math.PI / 4 + (Math.max(-85, Math.min(85, lat)) * Math.PI) / 360));
const latitudeOf = (y: number) => ((2 * Math.atan(Math.exp(y)) - Math.PI / 2) * 180) / Math.PI;
const radians = (deg: number) => (deg * Math.PI) / 180;

export type Box = { south: number; west: number; north: number; east: number };

/**
 * A view of `width` × `height` pixels that shows every point with a margin; a lone point (or none:
 * the fallback) is shown with at least `minSpanDegrees` around it.
 */
export function fitView(points: readonly { lat: number; lon: number }[], fallback: { lat: number; lon: number }, minSpanDegrees = 0.1): MapView {
  const all = points.length > 0 ? points : [fallback];
  const [west, east] = [Math.min(...all.map((p) => p.lon)), Math.max(...all.map((p) => p.lon))];
  const [south, north] = [Math.min(...all.map((p) => p.lat)), Math.max(...all.map((p) => p.lat))];
  const padLon = Math.max((east - west) * 0.08, minSpanDegrees / 2);
  const padLat = Math.max((north - south) * 0.08, minSpanDegrees / 2);
  return boxView({ west: west - padLon, east: east + padLon, south: south - padLat, north: north + padLat });
}

/** The view that shows `box` whole, centred (a live update draws its markers in the page's view, from the box the page was drawn for). */
export function boxView(box: Box, width = 960, height = 560): MapView {
  const [x0, x1, y0, y1] = [radians(box.west), radians(box.east), mercatorY(box.south), mercatorY(box.north)];
  const scale = Math.min(width / (x1 - x0), height / (y1 - y0));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const project = (lat: number, lon: number): [number, number] => [width / 2 + (radians(lon) - cx) * scale, height / 2 - (mercatorY(lat) - cy) * scale];
  const lonAt = (x: number) => ((cx + (x - width / 2) / scale) * 180) / Math.PI;
  const latAt = (y: number) => latitudeOf(cy - (y - height / 2) / scale);
  return { width, height, project, box, bounds: { west: lonAt(0), east: lonAt(width), north: latAt(0), south: latAt(height) } };
}

/** A box as the page sends it back (`west,south,east,north`), or null when it is not one. */
export function parseBox(text: string): Box | null {
  const values = text.split(',').map(Number);
  if (values.length !== 4 || values.some((v) => !Number.isFinite(v))) return null;
  const [west, south, east, north] = values as [number, number, number, number];
  if (west >= east || south >= north || south < -85 || north > 85 || west < -180 || east > 180) return null;
  return { west, south, east, north };
}
export const boxText = (box: Box) => [box.west, box.south, box.east, box.north].map((v) => v.toFixed(5)).join(',');

const overlaps = (a: MapView['bounds'], b: Outline['bounds']) => a.west <= b.east && b.west <= a.east && a.south <= b.north && b.south <= a.north;

const drawn = new Map<string, string>();
/**
 * The countries in view as one SVG path: each ring projected, points closer than a pixel to the
 * last kept dropped. Kept for the few views drawn last (a fleet's view changes as it drives).
 */
export function outlinePath(view: MapView): string {
  const key = `${view.width}x${view.height}:${Object.values(view.bounds)
    .map((v) => v.toFixed(4))
    .join(',')}`;
  const cached = drawn.get(key);
  if (cached !== undefined) return cached;
  const parts: string[] = [];
  for (const country of countryOutlines()) {
    if (!overlaps(view.bounds, country.bounds)) continue;
    for (const ring of country.rings) {
      let last: [number, number] | null = null;
      const points: string[] = [];
      for (let i = 0; i < ring.length; i += 2) {
        const [x, y] = view.project(ring[i + 1]!, ring[i]!);
        if (last && Math.abs(x - last[0]) < 1 && Math.abs(y - last[1]) < 1) continue;
        last = [x, y];
        points.push(`${x.toFixed(1)},${y.toFixed(1)}`);
      }
      if (points.length > 2) parts.push(`M${points.join('L')}Z`);
    }
  }
  const path = parts.join('');
  drawn.set(key, path);
  if (drawn.size > 8) drawn.delete(drawn.keys().next().value!);
  return path;
}

/** Parallels and meridians at a round step that gives a few lines across the view, with their labels. */
export function graticule(view: MapView): { d: string; labels: { x: number; y: number; text: string }[] } {
  const span = Math.max(view.bounds.east - view.bounds.west, view.bounds.north - view.bounds.south);
  const step = [0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20].find((s) => span / s <= 8) ?? 30;
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const lines: string[] = [];
  const labels: { x: number; y: number; text: string }[] = [];
  for (let lon = Math.ceil(view.bounds.west / step) * step; lon <= view.bounds.east; lon += step) {
    const [x] = view.project(0, lon);
    lines.push(`M${x.toFixed(1)},0V${view.height}`);
    labels.push({ x: x + 3, y: view.height - 4, text: `${lon.toFixed(digits)}°E` });
  }
  for (let lat = Math.ceil(view.bounds.south / step) * step; lat <= view.bounds.north; lat += step) {
    const [, y] = view.project(lat, 0);
    lines.push(`M0,${y.toFixed(1)}H${view.width}`);
    labels.push({ x: 3, y: y - 3, text: `${lat.toFixed(digits)}°N` });
  }
  return { d: lines.join(''), labels };
}
