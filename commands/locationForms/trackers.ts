import { found, type Found } from './reading';

/**
 * What GPS trackers send by SMS, as the Traccar vectors in shared/testdata and the trackers'
 * manuals show it: a labelled report (`lat:22.570123 long:113.862345 speed:000.0 T:21/11/26 10:05`,
 * `Lat:N22.57,Lon:E113.86`, `LAT:22.7634066N,LOT:114.3964783E`, `纬度:31.23 经度:121.47`), with the
 * device's time where it writes one; and NMEA 0183's `ddmm.mmmm,N,dddmm.mmmm,E`, with its letters
 * after or before, glued (`4527.3513N,00909.9758E`, `N2240.8887E11359.2994`) or apart, in the many
 * frames trackers wrap it in. It reads the text folded by foldMarks.
 */
export function readTracker(folded: string): Found[] {
  const text = folded.replace(/纬度/g, ' lat').replace(/经度/g, ' lon');
  return [labelled(text), nmea(text)].filter((reading): reading is Found => reading !== null);
}

function labelled(text: string): Found | null {
  const lat = /\blat(?:itude)?\s*[:=]\s*([NS])?\s*(-?\d+(?:\.\d+)?)\s*([NS])?/i.exec(text);
  const lon = /\b(?:long|lon|lng|lot|longitude)\s*[:=]\s*([EW])?\s*(-?\d+(?:\.\d+)?)\s*([EW])?/i.exec(text);
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
  return found(latSign * value(lat[2]!, 90), lonSign * value(lon[2]!, 180), 'tracker', 'wgs84', {
    speedKmh: speed ? Number(speed[1]) : null,
    reportedAt: time
      ? {
          year: 2000 + Number(time[1]),
          month: Number(time[2]),
          day: Number(time[3]),
          hour: Number(time[4]),
          minute: Number(time[5]),
          second: Number(time[6] ?? 0),
        }
      : null,
  });
}

/** Each axis's `ddmm.mmmm` (two degree digits for latitude, three for longitude) with its letter after, before, or dotted. */
const nmeaPatterns = Object.fromEntries(
  (['NS', 'EW'] as const).map((letters) => {
    const whole = letters === 'NS' ? 2 : 3;
    return [
      letters,
      {
        after: new RegExp(String.raw`(?<![\d.])(\d{${whole}})(\d{2}\.\d+)\s*[,#|\s]?\s*([${letters}])\b`, 'i'),
        before: new RegExp(String.raw`(?<![a-z])([${letters}])\s*(\d{${whole}})(\d{2}\.\d+)(?![\d])`, 'i'),
        dotted: new RegExp(String.raw`\b([${letters}])\s*(\d{1,3})\.(\d{2})\.(\d+)\b`, 'i'),
      },
    ];
  }),
) as Record<'NS' | 'EW', Record<'after' | 'before' | 'dotted', RegExp>>;

/** NMEA `ddmm.mmmm` (latitude) and `dddmm.mmmm` (longitude) with their letters, or `N55.46.0812` (degrees.minutes.fraction). */
function nmea(text: string): Found | null {
  const degrees = (d: string, m: string) => Number(d) + Number(m) / 60;
  const read = (letters: 'NS' | 'EW'): { value: number; letter: string } | null => {
    const patterns = nmeaPatterns[letters];
    const after = patterns.after.exec(text);
    if (after) return { value: degrees(after[1]!, after[2]!), letter: after[3]!.toUpperCase() };
    const before = patterns.before.exec(text);
    if (before) return { value: degrees(before[2]!, before[3]!), letter: before[1]!.toUpperCase() };
    // `N55.46.0812` is 55° 46.0812' (Flextrack); `S 27.45.34` could as well be 27° 45' 34": no rule tells, so it is refused.
    const dotted = patterns.dotted.exec(text);
    if (dotted)
      return dotted[4]!.length <= 2
        ? { value: Number.NaN, letter: dotted[1]!.toUpperCase() }
        : { value: degrees(dotted[2]!, `${dotted[3]}.${dotted[4]}`), letter: dotted[1]!.toUpperCase() };
    return null;
  };
  const lat = read('NS');
  const lon = read('EW');
  if (!lat || !lon) return null;
  if (Number.isNaN(lat.value) || Number.isNaN(lon.value)) return { refused: 'ambiguous', form: 'nmea' };
  return found(lat.letter === 'S' ? -lat.value : lat.value, lon.letter === 'W' ? -lon.value : lon.value, 'nmea');
}
