import gcoord from 'gcoord';
/** Stores and positions, as attendance, deliveries and the ports see them, and the distance between two. */

export interface Position {
  lat: number;
  lon: number;
}

export interface StorePlace {
  code: string;
  name: string;
  position: Position | null;
  timezone: string | null;
}

export interface CheckIn {
  id: string;
  store: string;
  openedAt: Date;
  /** the end of the rostered shift it belongs to: it closes itself then; null: at local midnight */
  shiftEnd: Date | null;
}

const earthRadiusM = 6_371_008.8; // mean radius (IUGG)

/** Great-circle distance in metres (haversine). */
export function distanceM(a: Position, b: Position): number {
  const rad = (deg: number) => (deg * Math.PI) / 180;
  const dLat = rad(b.lat - a.lat);
  const dLon = rad(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * earthRadiusM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude and longitude in range, or null. */
export function position(lat: number, lon: number): Position | null {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180 ? { lat, lon } : null;
}

/**
 * The datum a position is written in. Positions are kept in WGS-84 (GPS, Google, OpenStreetMap);
 * maps in China publish GCJ-02 (Amap, Tencent) or Baidu's BD-09, 300–700 m off in Chinese cities:
 * enough to break a check-in distance or an arrival geofence.
 */
export const datums = ['wgs84', 'gcj02', 'bd09'] as const;
export type Datum = (typeof datums)[number];

const crsOf = { wgs84: gcoord.WGS84, gcj02: gcoord.GCJ02, bd09: gcoord.BD09 } as const;

/** A position in WGS-84, converted by gcoord (outside China GCJ-02 and BD-09 are WGS-84 already). */
export function toWgs84(position: Position, datum: Datum): Position {
  if (datum === 'wgs84') return position;
  const [lon, lat] = gcoord.transform([position.lon, position.lat], crsOf[datum], gcoord.WGS84) as [number, number];
  return { lat, lon };
}
