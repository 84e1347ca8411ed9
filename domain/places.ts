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
