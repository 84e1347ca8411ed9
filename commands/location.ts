import { toWgs84 } from '../domain/places';
import { readLinks } from './locationForms/links';
import { foldMarks, type DeviceTime, type Found, type LocationForm, type ReadingContext, type Refusal } from './locationForms/reading';
import { readText } from './locationForms/text';
import { readTracker } from './locationForms/trackers';

export type { LocationForm, Refusal } from './locationForms/reading';

/**
 * Locations as drivers send them (commands.md, "Location forms"): a pure parser, no I/O, over the
 * readers in locationForms/ (links and URIs, trackers' texts, positions written as text). A reading
 * is a position in WGS-84, or a refusal saying why, never a guess: every rule that recognises the
 * text reads it, and when two rules put it in different places it is refused. null: no location.
 */
export interface Fix {
  lat: number;
  lon: number;
  /** metres, where the form carries it (RFC 5870 `u=`) */
  accuracyM: number | null;
  /** km/h, where a tracker reports it */
  speedKmh: number | null;
  /** the device's own clock (its wall time, zone unknown), where the form carries one */
  reportedAt: DeviceTime | null;
  form: LocationForm;
}

export type LocationReading = { ok: true; fix: Fix } | { ok: false; refused: Refusal };

/** How far apart two rules' readings may be and still be one place: ~1 m, below any form's precision worth keeping apart. */
const samePlaceDegrees = 1e-5;

/**
 * Reads a location. Links, URIs and trackers' texts are specific: when any of them recognises the
 * text, they decide. Otherwise the text rules do, on the text with its links taken out. `near`
 * (the sender's last position, or the stop they go to) completes a short Plus Code.
 */
export function parseLocation(text: string, context: ReadingContext = { near: null }): LocationReading | null {
  const trimmed = text.trim();
  // Every form has a digit, a scheme's colon, or a Plus Code's +: most chat has none of them.
  if (!/[\d:+]/.test(trimmed)) return null;
  // Links are read by their own rules; the rest of the text by the others (a link's `lat=` is no tracker's label).
  const rest = foldMarks(trimmed.replace(/\b(?:[a-z][a-z0-9+.-]*:\/\/|geo:|google\.navigation:)\S*/gi, ' '));
  const specific = [...readTracker(rest), ...readLinks(trimmed, context)];
  const readings = specific.length > 0 ? specific : readText(rest, context);
  return decide(readings);
}

function decide(readings: Found[]): LocationReading | null {
  const positions = readings.filter((reading): reading is Extract<Found, { lat: number }> => 'lat' in reading);
  const refusals = readings.filter((reading): reading is Extract<Found, { refused: Refusal }> => 'refused' in reading);
  if (positions.length === 0) return refusals[0] ? { ok: false, refused: refusals[0].refused } : null;
  // A rule that reads the text as out of range, or in a system we do not convert, disagrees with one that reads a place.
  if (refusals.some((r) => r.refused === 'out-of-range' || r.refused === 'other-datum' || r.refused === 'ambiguous'))
    return { ok: false, refused: 'ambiguous' };
  const places = positions.map((reading) => ({ reading, at: toWgs84({ lat: reading.lat, lon: reading.lon }, reading.datum) }));
  const [first] = places;
  if (places.some(({ at }) => Math.abs(at.lat - first!.at.lat) > samePlaceDegrees || Math.abs(at.lon - first!.at.lon) > samePlaceDegrees))
    return { ok: false, refused: 'ambiguous' };
  // What any of them carries besides the position: a tracker's speed and clock, a geo: URI's accuracy.
  const carried = <K extends 'accuracyM' | 'speedKmh' | 'reportedAt'>(key: K) =>
    positions.map((p) => p[key]).find((value) => value !== undefined && value !== null) ?? null;
  return {
    ok: true,
    fix: {
      lat: first!.at.lat,
      lon: first!.at.lon,
      accuracyM: carried('accuracyM'),
      speedKmh: carried('speedKmh'),
      reportedAt: carried('reportedAt'),
      form: first!.reading.form,
    },
  };
}
