/**
 * Locations as drivers send them (commands.md, "Location forms"): a pure parser, no I/O. Each
 * form is a named reader; the first that recognises the text decides. A reading is a position, or
 * a refusal saying why (out of range, ambiguous); null means the text is no location at all.
 */
export interface Fix {
  lat: number;
  lon: number;
  /** metres, where the form carries it (RFC 5870 `u=`) */
  accuracyM: number | null;
  /** km/h, where a tracker reports it */
  speedKmh: number | null;
  /** the device's own clock (its wall time, zone unknown), where the form carries one */
  reportedAt: { year: number; month: number; day: number; hour: number; minute: number; second: number } | null;
  form: LocationForm;
}

export type LocationForm = 'pair' | 'geo' | 'google' | 'apple' | 'osm' | 'tracker' | 'hemisphere';
export type LocationReading = { ok: true; fix: Fix } | { ok: false; refused: 'out-of-range' | 'ambiguous' };

const number = String.raw`[-+]?\d{1,3}(?:\.\d+)?`;
const inRange = (lat: number, lon: number) => Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;

function reading(lat: number, lon: number, form: LocationForm, extra: Partial<Fix> = {}): LocationReading {
  if (!inRange(lat, lon)) return { ok: false, refused: 'out-of-range' };
  return { ok: true, fix: { lat, lon, accuracyM: null, speedKmh: null, reportedAt: null, ...extra, form } };
}

/** `31.2304,121.4737` or `31.2304, 121.4737`, alone (LOC's arguments may also be `lat lon`). */
function pair(text: string): LocationReading | null {
  const match = new RegExp(String.raw`^(${number})\s*[,，]\s*(${number})$`).exec(text) ?? new RegExp(String.raw`^(${number})\s+(${number})$`).exec(text);
  return match ? reading(Number(match[1]), Number(match[2]), 'pair') : null;
}

/** RFC 5870: `geo:lat,lon[,alt][;crs=wgs84][;u=metres][;…]`. Another CRS is refused as ambiguous. */
function geoUri(text: string): LocationReading | null {
  const match = new RegExp(String.raw`\bgeo:(${number}),(${number})(?:,${number})?((?:;[\w-]+=[^;\s]*)*)`, 'i').exec(text);
  if (!match) return null;
  const params = new Map((match[3] ?? '').split(';').filter(Boolean).map((p) => p.split('=') as [string, string]).map(([k, v]) => [k.toLowerCase(), v]));
  if (params.has('crs') && params.get('crs')!.toLowerCase() !== 'wgs84') return { ok: false, refused: 'ambiguous' };
  const u = params.has('u') ? Number(params.get('u')) : null;
  return reading(Number(match[1]), Number(match[2]), 'geo', { accuracyM: u !== null && Number.isFinite(u) ? u : null });
}

/** Share links: coordinates in the query (`q`, `query`, `ll`, `sll`, `center`, `mlat`/`mlon`) or the path (`@lat,lon`, `#map=z/lat/lon`). */
function mapLink(text: string): LocationReading | null {
  const found = /\bhttps?:\/\/\S+/i.exec(text);
  if (!found) return null;
  let url: URL;
  try {
    url = new URL(found[0]);
  } catch {
    return null;
  }
  const host = url.hostname.replace(/^www\./, '');
  const coordinates = (value: string | null) => {
    const match = value && new RegExp(String.raw`^(?:loc:)?\s*(${number})\s*,\s*(${number})`).exec(decodeURIComponent(value));
    return match ? ([Number(match[1]), Number(match[2])] as const) : null;
  };
  if (/(^|\.)google\.[a-z.]+$/.test(host) || host === 'maps.google.com' || host === 'goo.gl') {
    const at = /@(-?\d+(?:\.\d+)?),(-?\d+(?:\.\d+)?)/.exec(url.pathname);
    const hit = coordinates(url.searchParams.get('q')) ?? coordinates(url.searchParams.get('query')) ?? coordinates(url.searchParams.get('ll')) ??
      coordinates(url.searchParams.get('center')) ?? (at ? ([Number(at[1]), Number(at[2])] as const) : null);
    return hit ? reading(hit[0], hit[1], 'google') : { ok: false, refused: 'ambiguous' };
  }
  if (host === 'maps.apple.com' || host === 'maps.apple') {
    const hit = coordinates(url.searchParams.get('ll')) ?? coordinates(url.searchParams.get('q')) ?? coordinates(url.searchParams.get('sll')) ?? coordinates(url.searchParams.get('coordinate'));
    return hit ? reading(hit[0], hit[1], 'apple') : { ok: false, refused: 'ambiguous' };
  }
  if (host === 'openstreetmap.org' || host === 'osm.org') {
    const mlat = url.searchParams.get('mlat');
    const mlon = url.searchParams.get('mlon');
    if (mlat && mlon) return reading(Number(mlat), Number(mlon), 'osm');
    const map = /map=\d+\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)/.exec(url.hash);
    return map ? reading(Number(map[1]), Number(map[2]), 'osm') : { ok: false, refused: 'ambiguous' };
  }
  return null;
}

/**
 * The plain-text report of common SMS trackers (TK103/GPS103 family): `lat:22.570123 long:113.862345
 * speed:000.0 T:21/11/26 10:05 …`; the device's time is `T:yy/mm/dd hh:mm[:ss]`.
 */
function trackerText(text: string): LocationReading | null {
  const lat = /\blat(?:itude)?\s*[:=]\s*([NS])?\s*(-?\d+(?:\.\d+)?)\s*([NS])?/i.exec(text);
  const lon = /\b(?:long|lon|lng|longitude)\s*[:=]\s*([EW])?\s*(-?\d+(?:\.\d+)?)\s*([EW])?/i.exec(text);
  if (!lat || !lon) return null;
  const sign = (hemisphere: string | undefined, negative: string) => (hemisphere?.toUpperCase() === negative ? -1 : 1);
  // Some trackers write NMEA's ddmm.mmmm after the label (`Lat:4725.9624`): degrees and minutes, not degrees.
  const value = (raw: string, max: number) => {
    const n = Math.abs(Number(raw));
    return n > max && /^\d{4,5}\.\d+$/.test(raw) ? Math.floor(n / 100) + (n % 100) / 60 : n;
  };
  const speed = /\bspe?e?d\s*[:=]\s*(\d+(?:\.\d+)?)/i.exec(text);
  const time = /\bT\s*:\s*(\d{2})\/(\d{2})\/(\d{2})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(text);
  const latSign = Number(lat[2]) < 0 ? -1 : sign(lat[1] ?? lat[3], 'S');
  const lonSign = Number(lon[2]) < 0 ? -1 : sign(lon[1] ?? lon[3], 'W');
  return reading(latSign * value(lat[2]!, 90), lonSign * value(lon[2]!, 180), 'tracker', {
    speedKmh: speed ? Number(speed[1]) : null,
    reportedAt: time
      ? { year: 2000 + Number(time[1]), month: Number(time[2]), day: Number(time[3]), hour: Number(time[4]), minute: Number(time[5]), second: Number(time[6] ?? 0) }
      : null,
  });
}

/**
 * Positions whose hemisphere letters say which number is which: degrees-minutes-seconds
 * (`31°13'49.4"N 121°28'25.3"E`), degrees and decimal minutes (`N31°13.824' E121°28.422'`), and the
 * NMEA `ddmm.mmmm,N,dddmm.mmmm,E` many trackers forward (letters before or after, any separator).
 */
function hemisphere(text: string): LocationReading | null {
  const dms = String.raw`(\d{1,3})\s*[°º]\s*(\d{1,2}(?:\.\d+)?)\s*['′](?:\s*(\d{1,2}(?:\.\d+)?)\s*(?:"|″|''))?`;
  const degrees = (d: string, m: string, s?: string) => Number(d) + Number(m) / 60 + Number(s ?? 0) / 3600;
  // A letter written after the value touches its mark (`49.4"N`); one written before stands apart (`N 31°`):
  // so `31°13'49.4"N 121°…` does not read N as the start of the next value.
  const read = (letters: string): { value: number; letter: string } | null => {
    const a = new RegExp(String.raw`${dms}([${letters}])\b`, 'i').exec(text);
    if (a) return { value: degrees(a[1]!, a[2]!, a[3]), letter: a[4]!.toUpperCase() };
    const b = new RegExp(String.raw`\b([${letters}])\s*${dms}`, 'i').exec(text);
    if (b) return { value: degrees(b[2]!, b[3]!, b[4]), letter: b[1]!.toUpperCase() };
    // NMEA: ddmm.mmmm (latitude) or dddmm.mmmm (longitude), the letter after a separator or before it.
    const whole = letters === 'NS' ? 2 : 3;
    const nmeaAfter = new RegExp(String.raw`(?<![\d.])(\d{${whole}})(\d{2}\.\d+)\s*[,#|\s]\s*([${letters}])\b`, 'i').exec(text);
    if (nmeaAfter) return { value: degrees(nmeaAfter[1]!, nmeaAfter[2]!), letter: nmeaAfter[3]!.toUpperCase() };
    const nmeaBefore = new RegExp(String.raw`\b([${letters}])\s*(\d{${whole}})(\d{2}\.\d+)(?![\d])`, 'i').exec(text);
    if (nmeaBefore) return { value: degrees(nmeaBefore[2]!, nmeaBefore[3]!), letter: nmeaBefore[1]!.toUpperCase() };
    // Degrees.minutes.fraction: `N55.46.0812` is 55° 46.0812'.
    const dotted = new RegExp(String.raw`\b([${letters}])\s*(\d{1,3})\.(\d{2}\.\d+)\b`, 'i').exec(text);
    if (dotted) return { value: degrees(dotted[2]!, dotted[3]!), letter: dotted[1]!.toUpperCase() };
    // Decimal degrees with a letter: `N 31.2304` / `31.2304N`
    const decimal = new RegExp(String.raw`\b([${letters}])\s*(\d{1,3}\.\d+)|(?<![\d.])(\d{1,3}\.\d+)\s*([${letters}])\b`, 'i').exec(text);
    if (decimal) return decimal[1] ? { value: Number(decimal[2]), letter: decimal[1].toUpperCase() } : { value: Number(decimal[3]), letter: decimal[4]!.toUpperCase() };
    return null;
  };
  const lat = read('NS');
  const lon = read('EW');
  if (!lat || !lon) return null;
  return reading(lat.letter === 'S' ? -lat.value : lat.value, lon.letter === 'W' ? -lon.value : lon.value, 'hemisphere');
}

/** The readers, most specific first. */
const readers = [geoUri, trackerText, mapLink, hemisphere, pair] as const;

export function parseLocation(text: string): LocationReading | null {
  const trimmed = text.trim();
  for (const read of readers) {
    const result = read(trimmed);
    if (result) return result;
  }
  return null;
}
