import { convert } from 'geo-coordinates-parser';
import { OpenLocationCode } from 'open-location-code';
import { decimal, foldMarks, found, inRange, type Found, type ReadingContext } from './reading';

/**
 * Positions written as text, not links (the text folded by foldMarks). What a library reads, it reads:
 * - degrees, minutes and seconds in their many spellings (`34° 36′ 14″ S, 58° 22′ 53″ W`,
 *   `34:36:14S 58:22:53W`, `34d 36’ 14" S …`, `-34°36’14" -58°22’53"`, `34° 36.23333S , 58° 22.883333W`,
 *   `N31°13′49″ E121°28′25″`): geo-coordinates-parser (MIT), over the whole text;
 * - Plus Codes (`8FVC9G8F+6X`, or `9G8F+6X Zürich` completed from a point near the sender):
 *   Google's open-location-code (Apache-2.0).
 * Our own rules read what they do not, and read it a second time where they do, so that a text two
 * rules read differently is refused (location.ts): positions embedded in a sentence, decimal
 * degrees with hemisphere letters (`31.5°N 35.5°E`, which the library leaves as "minutes?"),
 * Chinese hemisphere words (`北纬31.2304 东经121.4737`), `/` as the degree-minute separator, and
 * bare decimal pairs (`lat,lon`, `lat lon`, `lat;lon`, `lat/lon`: latitude first, as LOC takes them).
 */
export function readText(text: string, context: ReadingContext): Found[] {
  const readings: Found[] = [];
  // A bare decimal pair has one reading; the library is asked about everything else.
  const bare = pair(text, context);
  if (bare) return [bare];
  const marked = slashes(text);
  for (const reading of [library(marked), lettered(marked, context), plusCode(text, context)]) if (reading) readings.push(reading);
  return readings;
}

/**
 * Degree and minute marks as apps copy them, written as ° ' ": a slash or colon between degrees and
 * minutes (and seconds) before a letter (`34/36/14.0S`, `34:36:14S`, `34/36.23333S`), `d` and `m`
 * (`50d4m17.698S`, `34d 36’`), and a decimal comma inside minutes (`30,6410'`).
 */
const slashes = (text: string) =>
  text
    .replace(/(\d{1,3})\s*d\s*(\d{1,2}(?:\.\d+)?)\s*m\s*(\d{1,2}(?:\.\d+)?)\s*s?(?=\s*[NSEW])/gi, `$1°$2'$3"`)
    .replace(/(\d{1,3})\s*d(?=\s*\d)/gi, '$1°')
    .replace(/(\d),(\d+)\s*'/g, "$1.$2'")
    .replace(/(\d{1,3})[/:](\d{1,2})[/:](\d{1,2}(?:\.\d+)?)\s*([NSEW])/gi, `$1°$2'$3"$4`)
    .replace(/(\d{1,3})\/(\d{1,2}\.\d+)\s*([NSEW])/gi, `$1°$2'$3`);

/** What the library reads besides numbers and marks; a text with any other word is not its form (and it throws on it, slowly). */
const libraryWords =
  /(?<![a-z])(?:north|south|east|west|deg(?:rees)?|min(?:utes)?|sec(?:onds)?|lat(?:itude)?|lon(?:g(?:itude)?)?)\b|(?<=[\d\s'"°.])[NSEWdms](?![a-z])|(?<![a-z])[NSEW](?=[\s\d])/gi;

/** geo-coordinates-parser over the whole text, to 10 places; it drops the sign of `-0°…`, so a written sign is kept here. */
function library(prepared: string): Found | null {
  if (!/\d/.test(prepared) || prepared.length > 80 || /[^\d\s.,;:°'"+\-/]/.test(prepared.replace(libraryWords, ''))) return null;
  // Its typings leave out the verbatim halves it returns.
  let result: ReturnType<typeof convert> & { verbatimLatitude: string; verbatimLongitude: string };
  try {
    result = convert(prepared, 10) as typeof result;
  } catch {
    return null;
  }
  const signed = (value: number, verbatim: string, negative: RegExp) => (negative.test(verbatim.trim()) ? -Math.abs(value) : value);
  const lat = signed(result.decimalLatitude, result.verbatimLatitude, /^-|S/i);
  const lon = signed(result.decimalLongitude, result.verbatimLongitude, /^-|W/i);
  return found(lat, lon, 'degrees');
}

const dms = String.raw`(\d{1,3})\s*°\s*(\d{1,2}(?:\.\d+)?)\s*'?(?:\s*(\d{1,2}(?:\.\d+)?)\s*")?`;
/** Degrees, minutes and seconds as one number; NaN when minutes or seconds are 60 or more (`8°83S`), which found() refuses. */
const minutesOf = (d: string, m: string, s?: string) =>
  Number(m) >= 60 || Number(s ?? 0) >= 60 ? Number.NaN : Number(d) + Number(m) / 60 + Number(s ?? 0) / 3600;

/** Each axis's letters before their numbers (`N 31° 13.824'`, `N31.2304`) and after (`31°13'49"N`, `31.5°N`). */
const letterPatterns = Object.fromEntries(
  (['NS', 'EW'] as const).map((letters) => [
    letters,
    {
      before: {
        withMinutes: new RegExp(String.raw`(?<![a-z])([${letters}])\s*${dms}(?![\u3400-\u9fff])`, 'i'),
        degrees: new RegExp(String.raw`(?<![a-z])([${letters}])\s*(\d{1,3}(?:\.\d+)?)\s*°?(?![\d.°':/\u3400-\u9fff]|\s+\d)`, 'i'),
      },
      after: {
        withMinutes: new RegExp(String.raw`(?<![a-z\d.])${dms}\s*([${letters}])(?![a-z])`, 'i'),
        degrees: new RegExp(String.raw`(?<![a-z\d.°'":/])(\d{1,3}(?:\.\d+)?)\s*°?\s*([${letters}])(?![a-z])`, 'i'),
      },
    },
  ]),
) as Record<'NS' | 'EW', Record<'before' | 'after', Record<'withMinutes' | 'degrees', RegExp>>>;

/**
 * Positions whose hemisphere letters say which number is which, anywhere in a text: degrees with
 * minutes (and seconds), or decimal degrees, each with its letter. Letters stand either all before
 * their numbers (`N 31° 13.824' E 121° 28.422'`) or all after (`34° 36′ 14″ S 58° 22′ 53″ W`): the
 * first letter tells which, so the E between two values is read with the one it belongs to. A
 * decimal written after a degree sign is minutes, never degrees (`34° 36.23333S` is 34°36.23333').
 * A number glued to a word is part of it (`A100 E 5 N` names a product, not 100° E); the two values
 * stand next to each other, apart only by separators; and outside LOC and IN one of them at least has
 * minutes or decimals (`N1 W 5号` is a store and a number, not a position 111 km wide).
 */
function lettered(prepared: string, { explicit }: ReadingContext): Found | null {
  const before = /(?<![a-z])[NSEW]\s*\d/i.exec(prepared);
  const after = /[\d.°'"]\s*[NSEW](?![a-z])/i.exec(prepared);
  if (!before && !after) return null;
  const prefix = before !== null && (after === null || before.index <= after.index);
  type Axis = { value: number; letter: string; fine: boolean; start: number; end: number };
  const axis = (letters: 'NS' | 'EW'): Axis | null => {
    const at = (match: RegExpExecArray, value: number, letter: string, fine: boolean): Axis => ({
      value,
      letter: letter.toUpperCase(),
      fine,
      start: match.index,
      end: match.index + match[0].length,
    });
    if (prefix) {
      const withMinutes = letterPatterns[letters].before.withMinutes.exec(prepared);
      if (withMinutes) return at(withMinutes, minutesOf(withMinutes[2]!, withMinutes[3]!, withMinutes[4]), withMinutes[1]!, true);
      const degrees = letterPatterns[letters].before.degrees.exec(prepared);
      return degrees ? at(degrees, Number(degrees[2]), degrees[1]!, degrees[2]!.includes('.')) : null;
    }
    const withMinutes = letterPatterns[letters].after.withMinutes.exec(prepared);
    if (withMinutes) return at(withMinutes, minutesOf(withMinutes[1]!, withMinutes[2]!, withMinutes[3]), withMinutes[4]!, true);
    const degrees = letterPatterns[letters].after.degrees.exec(prepared);
    if (degrees && !/°\s*$/.test(prepared.slice(0, degrees.index))) return at(degrees, Number(degrees[1]), degrees[2]!, degrees[1]!.includes('.'));
    return null;
  };
  const lat = axis('NS');
  const lon = axis('EW');
  if (!lat || !lon) return null;
  const [first, second] = lat.start < lon.start ? [lat, lon] : [lon, lat];
  if (!/^[\s,，;/、]{0,3}$/.test(prepared.slice(first.end, second.start))) return null;
  if (!explicit && !lat.fine && !lon.fine) return null;
  return found(lat.letter === 'S' ? -lat.value : lat.value, lon.letter === 'W' ? -lon.value : lon.value, 'degrees');
}

/** A link's value written with hemisphere letters (`q=N34.99,W106.61`): the position it states. */
export function letteredIn(value: string): [number, number] | null {
  const reading = lettered(slashes(foldMarks(value)), { near: null, explicit: true });
  return reading && 'lat' in reading ? [reading.lat, reading.lon] : null;
}

const bare = new RegExp(String.raw`^(${decimal})°?\s*(?:[,，;/]|\s)\s*(${decimal})°?$`);
/**
 * A bare pair, latitude first: `31.2304,121.4737`, `31.2304 121.4737`, `-34.6; -58.4`, `-34.6/-58.4`,
 * with or without degree signs. Outside LOC and IN one number at least has decimals: `2,3` is no position.
 */
function pair(text: string, { explicit }: ReadingContext): Found | null {
  const match = bare.exec(text);
  if (!match || (!explicit && !/\./.test(match[1]! + match[2]!))) return null;
  return found(Number(match[1]), Number(match[2]), 'pair');
}

const plusCodes = new OpenLocationCode();
const plusCodePattern = /(?<![0-9A-Z+])([23456789CFGHJMPQRVWX]{2,8}0*\+[23456789CFGHJMPQRVWX]{0,7})(?![0-9A-Z+])/i;

/** A Plus Code: a full one decodes alone; a short one (`9G8F+6X Zürich`) is completed from the point nearest the sender, or refused. */
export function plusCodeIn(text: string, context: ReadingContext): [number, number] | null {
  const reading = plusCode(text, context);
  return reading && 'lat' in reading ? [reading.lat, reading.lon] : null;
}

function plusCode(text: string, { near }: ReadingContext): Found | null {
  const match = plusCodePattern.exec(text);
  if (!match) return null;
  const code = match[1]!.toUpperCase();
  if (plusCodes.isFull(code)) {
    const area = plusCodes.decode(code);
    return found(area.latitudeCenter, area.longitudeCenter, 'plus-code');
  }
  if (!plusCodes.isShort(code)) return null;
  if (!near || !inRange(near.lat, near.lon)) return { refused: 'needs-full-code', form: 'plus-code' };
  const area = plusCodes.decode(plusCodes.recoverNearest(code, near.lat, near.lon));
  return found(area.latitudeCenter, area.longitudeCenter, 'plus-code');
}
