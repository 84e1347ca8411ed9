import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { convert } from 'geo-coordinates-parser';
import { parseLocation, type LocationReading } from '../../commands/location';
import { distanceM } from '../../domain/places';
import { chineseProviderLinks, fixture, refusals, samples, vectorFiles, type City, type PlusCodeFile, type VectorFile } from '../support/locationVectors';
import { hasTestdata, readTestdata } from '../support/testdata';

/**
 * `npm run bench` (location part): how the location parser does on every vector we hold, per
 * family of forms and per source (read right, refused by rule, not taken for a location, misplaced),
 * and how fast it reads them on one core against two baselines measured in the same run over the
 * same texts: one regular expression for a decimal pair (the least a reader can do) and
 * geo-coordinates-parser alone (the library our text reader calls). Results:
 * tests/bench/location-results.md.
 */
const out = join(__dirname, 'location-results.md');

type Expected = { text: string; lat: number; lon: number; tolerance: number };
type Tally = { family: string; source: string; vectors: number; right: number; refused: number; none: number; misplaced: string[] };

function tally(family: string, source: string, rows: Expected[]): Tally {
  const result: Tally = { family, source, vectors: rows.length, right: 0, refused: 0, none: 0, misplaced: [] };
  for (const row of rows) {
    const reading = parseLocation(row.text);
    if (reading === null) result.none += 1;
    else if (!reading.ok) result.refused += 1;
    else if (Math.abs(reading.fix.lat - row.lat) <= row.tolerance && Math.abs(reading.fix.lon - row.lon) <= row.tolerance) result.right += 1;
    else result.misplaced.push(row.text);
  }
  return result;
}

/** The forms' families as the documented samples name them. */
const familyOf: Record<string, string> = {
  pair: 'bare pairs',
  geo: 'geo: URIs',
  google: 'Google links',
  apple: 'Apple links',
  osm: 'OpenStreetMap links',
  yandex: 'Yandex links',
  degrees: 'degrees, minutes, seconds',
  nmea: 'trackers (NMEA)',
  tracker: 'trackers (labelled)',
  'plus-code': 'Plus Codes',
};

function coverage(): { tallies: Tally[]; refusalsAsRuled: number; neverRead: { total: number; read: string[] } } {
  const tallies: Tally[] = [];
  const byForm = new Map<string, Expected[]>();
  for (const [text, lat, lon, form] of samples) byForm.set(form, [...(byForm.get(form) ?? []), { text, lat, lon, tolerance: 1e-4 }]);
  for (const [form, rows] of byForm) tallies.push(tally(familyOf[form] ?? form, 'documented samples (providers, RFC 5870, Traccar)', rows));

  const never: string[] = [];
  for (const [name, tolerance] of vectorFiles) {
    const data = fixture<VectorFile>(name);
    tallies.push(
      tally(
        `test suite: ${name}`,
        `${data.source.repo} (${data.source.licence})`,
        data.read.map((row) => ({ ...row, tolerance })),
      ),
    );
    never.push(...(data.refused ?? []), ...(data.none ?? []), ...(data.neverRead ?? []));
  }

  const plusCodes = fixture<PlusCodeFile>('open-location-code');
  const decoded = plusCodes.decoding.map((area) => ({
    text: area.code,
    lat: (area.latLo + area.latHi) / 2,
    lon: (area.lngLo + area.lngHi) / 2,
    tolerance: Math.max(area.latHi - area.latLo, area.lngHi - area.lngLo) / 2,
  }));
  tallies.push(tally('Plus Codes', `${plusCodes.source.repo} (${plusCodes.source.licence}), full codes`, decoded));

  const { cities, source } = fixture<{ cities: City[] }>('gcoord-china-cities');
  const china: Tally = {
    family: 'Amap, Tencent, Baidu links',
    source: `${source.repo} (${source.licence}), within 5 m of WGS-84`,
    vectors: 0,
    right: 0,
    refused: 0,
    none: 0,
    misplaced: [],
  };
  for (const city of cities)
    for (const link of chineseProviderLinks(city)) {
      const reading = parseLocation(link);
      china.vectors += 1;
      if (reading === null) china.none += 1;
      else if (!reading.ok) china.refused += 1;
      else if (distanceM(reading.fix, { lat: city.WGS84[1], lon: city.WGS84[0] }) < 5) china.right += 1;
      else china.misplaced.push(link);
    }
  tallies.push(china);

  if (hasTestdata) {
    const traccar = readTestdata<{ items_with_expected: { id: string; messages: string[]; expected: { lat: number; lon: number } }[] }>(
      'location_traccar_tracker_texts.json',
    );
    tallies.push(
      tally(
        'trackers (Traccar texts)',
        '../shared/testdata (Traccar, Apache-2.0)',
        traccar.items_with_expected.map((item) => ({ text: item.messages.at(-1)!, ...item.expected, tolerance: 1e-5 })),
      ),
    );
  }

  const refusalsAsRuled = refusals.filter(([text, rule]) => {
    const reading: LocationReading | null = parseLocation(text);
    return reading !== null && !reading.ok && reading.refused === rule;
  }).length;
  return { tallies, refusalsAsRuled, neverRead: { total: never.length, read: never.filter((text) => parseLocation(text)?.ok) } };
}

/** Texts per second on this process's one core over one second, after a warm-up pass. */
function rate(texts: string[], read: (text: string) => unknown): number {
  for (const text of texts) read(text);
  let count = 0;
  const started = process.hrtime.bigint();
  let elapsed = 0;
  while (elapsed < 1e9) {
    for (const text of texts) read(text);
    count += texts.length;
    elapsed = Number(process.hrtime.bigint() - started);
  }
  return count / (elapsed / 1e9);
}

/** Each reader's median over five rounds, the readers taking turns, so that a slow moment of the machine falls on all of them. */
function rates<K extends string>(readers: Record<K, [string[], (text: string) => unknown]>): Record<K, number> {
  const seen = Object.fromEntries(Object.keys(readers).map((key) => [key, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < 5; round++) for (const key of Object.keys(readers) as K[]) seen[key].push(rate(readers[key][0], readers[key][1]));
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  return Object.fromEntries(Object.entries(seen).map(([key, values]) => [key, median(values as number[])])) as Record<K, number>;
}

const decimalPair = /(-?\d{1,3}\.\d+)\s*[,; ]\s*(-?\d{1,3}\.\d+)/;
function regexBaseline(text: string): [number, number] | null {
  const match = decimalPair.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : null;
}
function libraryAlone(text: string): unknown {
  try {
    return convert(text);
  } catch {
    return null;
  }
}

function main() {
  const { tallies, refusalsAsRuled, neverRead } = coverage();
  const mix = [
    ...samples.map(([text]) => text),
    ...vectorFiles.flatMap(([name]) => fixture<VectorFile>(name).read.map((row) => row.text)),
    ...refusals.map(([text]) => text),
  ];
  const families = {
    links: mix.filter((text) => /^[a-z.]+:|https?:\/\//i.test(text)),
    text: mix.filter((text) => !/^[a-z.]+:|https?:\/\//i.test(text)),
  };
  const { ours, regex, library, oursLinks, oursText } = rates({
    ours: [mix, parseLocation],
    regex: [mix, regexBaseline],
    library: [mix, libraryAlone],
    oursLinks: [families.links, parseLocation],
    oursText: [families.text, parseLocation],
  });

  const total = tallies.reduce(
    (sum, t) => ({
      vectors: sum.vectors + t.vectors,
      right: sum.right + t.right,
      refused: sum.refused + t.refused,
      none: sum.none + t.none,
      misplaced: sum.misplaced + t.misplaced.length,
    }),
    { vectors: 0, right: 0, refused: 0, none: 0, misplaced: 0 },
  );
  const at = new Date().toISOString();
  const machine = `${cpus().length} cores, node ${process.version}`;
  const f = (n: number) => Math.round(n).toLocaleString('en');
  const row = (t: Tally) =>
    `| ${t.family} | ${t.source} | ${t.vectors} | ${t.right} | ${t.refused} | ${t.none} | ${t.misplaced.length ? `**${t.misplaced.length}**: ${t.misplaced.map((m) => `\`${m}\``).join(', ')}` : 0} |`;
  const report = `# Location parser (\`npm run bench\`, location part)

Measured ${at} on ${machine}, one core. Source: tests/bench/location.ts.

## Coverage: every vector we hold

Right: read within the tolerance its source asserts. Refused: read as a location and declined by a
rule (the reply tells the driver why; nothing is stored). Not a location: the parser made nothing of it.
Misplaced: read as another place. That is the one outcome that must stay at 0.

| family | source | vectors | right | refused | not a location | misplaced |
| --- | --- | --- | --- | --- | --- | --- |
${tallies.map(row).join('\n')}
| **all** | | **${total.vectors}** | **${total.right}** (${((100 * total.right) / total.vectors).toFixed(1)} %) | ${total.refused} | ${total.none} | **${total.misplaced}** |

- Refusals by rule (tests/support/locationVectors.ts): ${refusalsAsRuled} of ${refusals.length} refused with the rule named.
- Texts the test suites say hold no position: ${neverRead.total}; read as one: ${neverRead.read.length}${neverRead.read.length ? ` (${neverRead.read.join(', ')})` : ''}.

## Speed, one core, same run, same texts

Each figure is the median of five one-second rounds, the readers taking turns. The mix: every documented sample, every test-suite vector and every refusal (${mix.length} texts; ${families.links.length} links, ${families.text.length} written forms).

| reader | texts/s | ratio to the regular expression |
| --- | --- | --- |
| baseline: one regular expression for a decimal pair | ${f(regex)} | 1.00 |
| baseline: geo-coordinates-parser alone (convert) | ${f(library)} | ${(library / regex).toFixed(3)} |
| **parseLocation, the mix** | **${f(ours)}** | **${(ours / regex).toFixed(3)}** (${(ours / library).toFixed(2)} × the library alone) |
| parseLocation, links only | ${f(oursLinks)} | ${(oursLinks / regex).toFixed(3)} |
| parseLocation, written forms only | ${f(oursText)} | ${(oursText / regex).toFixed(3)} |

\`\`\`json
${JSON.stringify({ at, machine, total, refusals: { asRuled: refusalsAsRuled, of: refusals.length }, neverRead: { total: neverRead.total, read: neverRead.read.length }, textsPerSecond: { regexBaseline: regex, libraryAlone: library, parseLocation: ours, links: oursLinks, writtenForms: oursText }, tallies: tallies.map((t) => ({ ...t, misplaced: t.misplaced.length })) }, null, 1)}
\`\`\`
`;
  writeFileSync(out, report);
  console.log(report);
}

main();
