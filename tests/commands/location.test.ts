import fc from 'fast-check';
import { parseLocation } from '../../commands/location';
import { distanceM, toWgs84 } from '../../domain/places';
import { chineseProviderLinks, fixture, refusals, samples, vectorFiles, type City, type PlusCodeFile, type VectorFile } from '../support/locationVectors';
import { describeWithTestdata, readTestdata } from '../support/testdata';

describe('location forms', () => {
  test.each(samples)('%s → %d, %d (%s; %s)', (text, lat, lon, form) => {
    const reading = parseLocation(text);
    expect(reading).toMatchObject({ ok: true, fix: { form } });
    if (!reading?.ok) return;
    expect(reading.fix.lat).toBeCloseTo(lat, 4);
    expect(reading.fix.lon).toBeCloseTo(lon, 4);
  });

  test('what a form carries besides the position: accuracy, speed, the device’s clock', () => {
    expect(parseLocation('geo:48.198634,16.371648;crs=wgs84;u=40')).toMatchObject({ fix: { accuracyM: 40 } });
    expect(
      parseLocation('lat:22.570123 long:113.862345 speed:042.5 T:26/11/23 10:05:09 http://maps.google.com/maps?f=q&q=22.570123,113.862345&z=16'),
    ).toMatchObject({
      fix: { lat: 22.570123, lon: 113.862345, speedKmh: 42.5, reportedAt: { year: 2026, month: 11, day: 23, hour: 10, minute: 5, second: 9 }, form: 'tracker' },
    });
  });

  test('a short Plus Code is completed near the sender, and refused with nothing near', () => {
    expect(parseLocation('9G8F+6X Zürich')).toEqual({ ok: false, refused: 'needs-full-code' });
    const near = parseLocation('我在 9G8F+6X', { near: { lat: 47.4, lon: 8.6 } });
    expect(near).toMatchObject({ ok: true, fix: { form: 'plus-code' } });
    if (near?.ok) expect(distanceM(near.fix, { lat: 47.365562, lon: 8.524938 })).toBeLessThan(10);
  });

  test.each(refusals)('%s is refused: %s', (text, refused) => {
    expect(parseLocation(text)).toEqual({ ok: false, refused });
  });

  test.each([
    'see you at 5',
    'STOCK A100',
    'ORDER A100 5 B200 2',
    '12',
    '2, 3',
    '2026-11-23',
    'https://example.com/?q=31.2,121.4',
    'call 13800000001',
    'room 12 34',
  ])('%s is no location', (text) => {
    expect(parseLocation(text)).toBeNull();
  });

  test('a whole-degree pair counts as the argument of LOC or IN only', () => {
    expect(parseLocation('31 121')).toBeNull();
    expect(parseLocation('31 121', { near: null, explicit: true })).toMatchObject({ ok: true, fix: { lat: 31, lon: 121 } });
  });
});

describe.each(vectorFiles)('other projects’ test vectors: %s', (name, tolerance) => {
  const data = fixture<VectorFile>(name);

  test('every position is read where the source says, or refused; none is misplaced', () => {
    const readings = data.read.map((item) => ({ item, reading: parseLocation(item.text) }));
    const misplaced = readings.filter(
      ({ item, reading }) => reading?.ok && (Math.abs(reading.fix.lat - item.lat) > tolerance || Math.abs(reading.fix.lon - item.lon) > tolerance),
    );
    expect(misplaced.map(({ item }) => item.text)).toEqual([]);
    const withAccuracy = readings.filter(({ item }) => item.accuracyM !== undefined);
    expect(withAccuracy.map(({ reading }) => reading?.ok && reading.fix.accuracyM)).toEqual(withAccuracy.map(({ item }) => item.accuracyM));
    const read = readings.filter(({ reading }) => reading?.ok).length;
    // Recorded when issue 14 was closed: what is refused is listed in the note, by rule.
    expect(read).toBeGreaterThanOrEqual({ 'geo-coordinates-parser': 50, 'organicmaps-geo-url': 32, 'element-web-geo-uri': 9 }[name]!);
  });

  test('what the source says holds no position is never read as one', () => {
    const never = [...(data.refused ?? []), ...(data.none ?? []), ...(data.neverRead ?? [])];
    expect(never.filter((text) => parseLocation(text)?.ok)).toEqual([]);
    for (const text of data.refused ?? []) expect({ text, refused: parseLocation(text)?.ok === false }).toEqual({ text, refused: true });
  });
});

describe('Plus Codes (google/open-location-code test data)', () => {
  const data = fixture<PlusCodeFile>('open-location-code');

  test('a full code is read as the centre of its area', () => {
    for (const area of data.decoding) {
      const reading = parseLocation(area.code);
      expect({
        code: area.code,
        inside:
          reading?.ok === true &&
          reading.fix.lat >= area.latLo &&
          reading.fix.lat <= area.latHi &&
          reading.fix.lon >= area.lngLo &&
          reading.fix.lon <= area.lngHi,
      }).toEqual({ code: area.code, inside: true });
    }
  });

  test('a short code is recovered near the reference point to the code the source names', () => {
    for (const row of data.recovery) {
      const short = parseLocation(`${row.short} Xujiahui`, { near: row.near });
      const full = parseLocation(row.full);
      expect(short?.ok && full?.ok && distanceM(short.fix, full.fix) < 0.01).toBe(true);
    }
  });
});

describe('one datum: WGS-84 (published pairs, hujiulong/gcoord test/fixtures/china-cities.json)', () => {
  const { cities } = fixture<{ cities: City[] }>('gcoord-china-cities');

  test.each(cities.map((city) => [city.name, city] as const))('%s: Amap, Tencent and Baidu links are read within 5 m of its WGS-84 position', (_name, city) => {
    const wgs = { lat: city.WGS84[1], lon: city.WGS84[0] };
    for (const link of chineseProviderLinks(city)) {
      const reading = parseLocation(link);
      expect({ link, ok: reading?.ok }).toEqual({ link, ok: true });
      if (reading?.ok) expect({ link, within5m: distanceM(reading.fix, wgs) < 5 }).toEqual({ link, within5m: true });
    }
    // Unconverted, the same link would be hundreds of metres off: the conversion is what makes it right.
    expect(distanceM({ lat: city.GCJ02[1], lon: city.GCJ02[0] }, wgs)).toBeGreaterThan(50);
  });

  test('a link that says it is WGS-84 is not converted; outside China the datums agree', () => {
    expect(parseLocation('https://uri.amap.com/marker?position=121.4737,31.2304&coordinate=wgs84')).toMatchObject({ fix: { lat: 31.2304, lon: 121.4737 } });
    expect(parseLocation('http://api.map.baidu.com/marker?location=31.2304,121.4737&coord_type=wgs84')).toMatchObject({ fix: { lat: 31.2304, lon: 121.4737 } });
    expect(toWgs84({ lat: 48.8584, lon: 2.2945 }, 'gcj02')).toEqual({ lat: 48.8584, lon: 2.2945 });
  });
});

describe('properties (fast-check)', () => {
  const point = fc.record({ lat: fc.double({ min: -89.999, max: 89.999, noNaN: true }), lon: fc.double({ min: -179.999, max: 179.999, noNaN: true }) });
  const dms = (value: number, letters: [string, string]) => {
    const abs = Math.abs(value);
    const d = Math.floor(abs);
    const m = Math.floor((abs - d) * 60);
    const s = ((abs - d) * 60 - m) * 60;
    return `${d}°${m}′${s.toFixed(4)}″${value < 0 ? letters[1] : letters[0]}`;
  };
  const dm = (value: number, letters: [string, string]) => {
    const abs = Math.abs(value);
    const d = Math.floor(abs);
    return `${value < 0 ? letters[1] : letters[0]} ${d}° ${((abs - d) * 60).toFixed(6)}'`;
  };
  /** Every textual form a point may be written in, each stating it to better than 1e-6°. */
  const forms: [string, (p: { lat: number; lon: number }) => string][] = [
    ['pair', ({ lat, lon }) => `${lat.toFixed(7)},${lon.toFixed(7)}`],
    ['pair with ;', ({ lat, lon }) => `${lat.toFixed(7)}; ${lon.toFixed(7)}`],
    ['LOC form', ({ lat, lon }) => `${lat.toFixed(7)} ${lon.toFixed(7)}`],
    ['geo:', ({ lat, lon }) => `geo:${lat.toFixed(7)},${lon.toFixed(7)}`],
    ['Android geo:0,0?q=', ({ lat, lon }) => `geo:0,0?q=${lat.toFixed(7)},${lon.toFixed(7)}(Stop)`],
    ['google.navigation:', ({ lat, lon }) => `google.navigation:q=${lat.toFixed(7)},${lon.toFixed(7)}`],
    ['Google q', ({ lat, lon }) => `https://maps.google.com/?q=${lat.toFixed(7)},${lon.toFixed(7)}`],
    ['Google @', ({ lat, lon }) => `https://www.google.com/maps/@${lat.toFixed(7)},${lon.toFixed(7)},15z`],
    ['Apple ll', ({ lat, lon }) => `http://maps.apple.com/?ll=${lat.toFixed(7)},${lon.toFixed(7)}`],
    ['OSM marker', ({ lat, lon }) => `https://www.openstreetmap.org/?mlat=${lat.toFixed(7)}&mlon=${lon.toFixed(7)}`],
    ['Yandex pt', ({ lat, lon }) => `https://yandex.ru/maps/?pt=${lon.toFixed(7)},${lat.toFixed(7)}&z=16`],
    ['2GIS center', ({ lat, lon }) => `https://2gis.ru/moscow/geo/1/center/${lon.toFixed(7)},${lat.toFixed(7)}/zoom/17`],
    ['HERE', ({ lat, lon }) => `https://share.here.com/l/${lat.toFixed(7)},${lon.toFixed(7)},Stop`],
    ['Amap, WGS-84', ({ lat, lon }) => `https://uri.amap.com/marker?position=${lon.toFixed(7)},${lat.toFixed(7)}&coordinate=wgs84`],
    ['DMS, letters after', ({ lat, lon }) => `${dms(lat, ['N', 'S'])} ${dms(lon, ['E', 'W'])}`],
    ['DM, letters before', ({ lat, lon }) => `${dm(lat, ['N', 'S'])} ${dm(lon, ['E', 'W'])}`],
    ['decimal with letters', ({ lat, lon }) => `${Math.abs(lat).toFixed(7)}°${lat < 0 ? 'S' : 'N'} ${Math.abs(lon).toFixed(7)}°${lon < 0 ? 'W' : 'E'}`],
    ['Chinese words', ({ lat, lon }) => `${lat < 0 ? '南纬' : '北纬'}${Math.abs(lat).toFixed(7)} ${lon < 0 ? '西经' : '东经'}${Math.abs(lon).toFixed(7)}`],
    ['tracker', ({ lat, lon }) => `lat:${lat.toFixed(7)} long:${lon.toFixed(7)} speed:000.0`],
  ];

  test.each(forms)('a WGS-84 point written as %s is read back within 1e-6°', (_form, write) => {
    fc.assert(
      fc.property(point, (p) => {
        const reading = parseLocation(write(p));
        return reading?.ok === true && Math.abs(reading.fix.lat - p.lat) < 1e-6 && Math.abs(reading.fix.lon - p.lon) < 1e-6;
      }),
      { numRuns: 200 },
    );
  });

  test('random text never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        parseLocation(text);
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  test('words, codes and one whole number state no position, and none is read', () => {
    const word = fc.constantFrom(
      'ok',
      'see',
      'you',
      'at',
      'the',
      'store',
      '到了',
      '谢谢',
      'A100',
      'B200',
      'N1',
      'S12',
      '5号',
      'order',
      'N',
      'E',
      'S',
      'W',
      'pcs',
      'km',
      'lat',
      '°',
    );
    const text = fc
      .tuple(fc.array(word, { maxLength: 6 }), fc.option(fc.integer({ min: 0, max: 999 })), fc.array(word, { maxLength: 6 }))
      .map(([a, n, b]) => [...a, ...(n === null ? [] : [String(n)]), ...b].join(' '));
    // A code of a hemisphere's letter and digits before a degree sign is a second number: `0 ° N1 ° W` is 0° N 1° W, a position.
    const secondDegree = /\b[NSEW]\d+ °/;
    fc.assert(
      fc.property(text, (t) => {
        fc.pre(!secondDegree.test(t));
        return parseLocation(t)?.ok !== true;
      }),
      { numRuns: 5000 },
    );
  });
});

describeWithTestdata('Traccar tracker texts (../shared/testdata)', () => {
  const data = readTestdata<{ items_with_expected: { id: string; messages: string[]; expected: { lat: number; lon: number } }[] }>(
    'location_traccar_tracker_texts.json',
  );
  test('each text the parser reads is read right; none is misread', () => {
    let read = 0;
    for (const item of data.items_with_expected) {
      const reading = parseLocation(item.messages.at(-1)!);
      if (reading === null) continue; // a binary-ish protocol this parser does not claim
      expect({ id: item.id, ok: reading.ok }).toEqual({ id: item.id, ok: true });
      if (!reading.ok) continue;
      // Traccar's tests assert positions rounded to 5 decimals.
      const off = Math.max(Math.abs(reading.fix.lat - item.expected.lat), Math.abs(reading.fix.lon - item.expected.lon));
      expect({ id: item.id, within: off < 1e-5 }).toEqual({ id: item.id, within: true });
      read += 1;
    }
    expect(read).toBeGreaterThanOrEqual(38);
  });
});
