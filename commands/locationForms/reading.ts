import type { Datum, Position } from '../../domain/places';

/** Which rule read a location: the family of the form it was written in. */
export type LocationForm =
  | 'pair'
  | 'degrees'
  | 'plus-code'
  | 'geo'
  | 'google'
  | 'apple'
  | 'osm'
  | 'osmand'
  | 'yandex'
  | '2gis'
  | 'here'
  | 'amap'
  | 'baidu'
  | 'tencent'
  | 'tracker'
  | 'nmea';

/**
 * Why a text that is a location is not taken as one. Each says what to send instead (replies.ts):
 * - out-of-range: a latitude beyond ±90 or a longitude beyond ±180 (also a lat/lon written the other way round);
 * - ambiguous: two rules read it differently, or its numbers could be either order with no rule to tell;
 * - address-only: a link or URI names a place or an address, not coordinates;
 * - short-link: a shortened link (goo.gl, surl.amap.com, …) that only the provider can resolve;
 * - other-datum: coordinates in a reference system we do not convert (RFC 5870 `crs=`, Baidu Mercator);
 * - needs-full-code: a short Plus Code with nothing near to complete it.
 */
export type Refusal = 'out-of-range' | 'ambiguous' | 'address-only' | 'short-link' | 'other-datum' | 'needs-full-code';

/** What a reader found: a position as written (in its datum), or a refusal. */
export type Found =
  | { lat: number; lon: number; datum: Datum; form: LocationForm; accuracyM?: number | null; speedKmh?: number | null; reportedAt?: DeviceTime | null }
  | { refused: Refusal; form: LocationForm };

/** The device's own clock (its wall time, zone unknown), where the form carries one. */
export interface DeviceTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What a reader may use: a point near the sender, to complete a short Plus Code; whether the text is a location command's argument (LOC, IN), where a bare whole-degree pair counts. */
export interface ReadingContext {
  near: Position | null;
  explicit?: boolean;
}

/** A decimal number as coordinates are written (`31.2304`, `-106`, `+0.5`). */
export const decimal = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;

export const inRange = (lat: number, lon: number): boolean => Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

/** A position as written, or out-of-range. */
export function found(lat: number, lon: number, form: LocationForm, datum: Datum = 'wgs84', extra: Partial<Extract<Found, { lat: number }>> = {}): Found {
  return inRange(lat, lon) ? { lat, lon, datum, form, ...extra } : { refused: 'out-of-range', form };
}

/**
 * Two numbers in a value, in the order given: `lat,lon`, `lat, lon`, `lat%2Clon`, `loc:lat,lon`,
 * `@lat,lon`, `name@lat,lon` (the last `@` wins), with a label or anything after them
 * (`34.99,-106.61(Treasure)`, `…,14z`). null when the value does not start with two numbers.
 */
export function twoNumbers(value: string | null | undefined, separator: ',' | ' ' = ','): [number, number] | null {
  if (!value) return null;
  let text = safeDecode(value.replace(/\+(?=\D)|\+$/g, ' ')).trim();
  const at = text.lastIndexOf('@');
  if (at >= 0) text = text.slice(at + 1);
  const match = (separator === ',' ? commaPair : spacePair).exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}

const commaPair = new RegExp(String.raw`^(?:loc:)?\s*(${decimal})\s*,\s*(${decimal})(?![\d.])`, 'i');
const spacePair = new RegExp(String.raw`^(?:loc:)?\s*(${decimal})\s* \s*(${decimal})(?![\d.])`, 'i');

/** One way of writing each mark: primes and quotes as ' and ", º as °, full-width digits and punctuation as ASCII, Chinese hemisphere words as letters. The text readers read text folded so. */
export function foldMarks(text: string): string {
  // Most texts are plain ASCII: only their spaces and '' need folding.
  if (!/[\u0080-\uffff]/.test(text)) return text.replace(/''/g, '"').replace(/\s+/g, ' ').trim();
  return text
    .replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[′’´‘`]/g, "'")
    .replace(/[″”“]|''/g, '"')
    .replace(/[º˚]/g, '°')
    .replace(/北[纬緯]/g, ' N')
    .replace(/南[纬緯]/g, ' S')
    .replace(/[东東][经經]/g, ' E')
    .replace(/西[经經]/g, ' W')
    .replace(/\s+/g, ' ')
    .trim();
}

export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
