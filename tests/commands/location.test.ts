import { parseLocation } from '../../commands/location';
import { describeWithTestdata, readTestdata } from '../support/testdata';

/**
 * The location forms a driver may send, as published by whoever defines them. Each row: the text,
 * the position it means (worked out by hand where the form needs arithmetic), the form, the source.
 */
const samples: [string, number, number, string, string][] = [
  // commands.md (../shared/design), the message language contract
  ['31.2304,121.4737', 31.2304, 121.4737, 'pair', 'commands.md: bare lat,lon'],
  ['31.2304, 121.4737', 31.2304, 121.4737, 'pair', 'commands.md: bare lat,lon with a space'],
  ['lat:22.57 long:113.86 speed:0.0 T:26/11/23 10:05', 22.57, 113.86, 'tracker', 'commands.md: SMS GPS tracker report'],
  // RFC 5870 (geo URI), examples in sections 1 and 6
  ['geo:13.4125,103.8667', 13.4125, 103.8667, 'geo', 'RFC 5870 §1'],
  ['geo:48.2010,16.3695,183', 48.201, 16.3695, 'geo', 'RFC 5870 §1 (with altitude)'],
  ['geo:48.198634,16.371648;crs=wgs84;u=40', 48.198634, 16.371648, 'geo', 'RFC 5870 §1 (crs and uncertainty)'],
  // Google Maps URLs, developers.google.com/maps/documentation/urls/get-started
  ['https://www.google.com/maps/search/?api=1&query=47.5951518%2C-122.3316393', 47.5951518, -122.3316393, 'google', 'Google Maps URLs: search'],
  ['https://www.google.com/maps/@?api=1&map_action=map&center=-33.712206%2C150.311941&zoom=12&basemap=terrain', -33.712206, 150.311941, 'google', 'Google Maps URLs: map'],
  ['https://www.google.com/maps/place/Shanghai/@31.2240453,121.1965691,10z', 31.2240453, 121.1965691, 'google', 'Google Maps place link as the browser shows it'],
  ['Here I am http://maps.google.com/maps?q=22.570123,113.862345', 22.570123, 113.862345, 'google', 'commands.md: the maps link trackers append'],
  // Apple Map Links, developer.apple.com/library/archive/featuredarticles/iPhoneURLScheme_Reference/MapLinks/MapLinks.html
  ['http://maps.apple.com/?ll=50.894967,4.341626', 50.894967, 4.341626, 'apple', 'Apple Map Links: ll'],
  ['http://maps.apple.com/?sll=50.894967,4.341626&z=10&t=s', 50.894967, 4.341626, 'apple', 'Apple Map Links: sll'],
  // OpenStreetMap share links, wiki.openstreetmap.org/wiki/Browsing
  ['https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278#map=15/51.5074/-0.1278', 51.5074, -0.1278, 'osm', 'OSM: marker link'],
  ['https://www.openstreetmap.org/#map=18/31.23040/121.47370', 31.2304, 121.4737, 'osm', 'OSM: map view link'],
  // Degrees, minutes, seconds as map apps display them: 31 + 13/60 + 49.4/3600 = 31.230389; 121 + 28/60 + 25.3/3600 = 121.473694
  ['31°13\'49.4"N 121°28\'25.3"E', 31.230389, 121.473694, 'hemisphere', 'Google Maps pin, DMS'],
  // Degrees and decimal minutes (Garmin display): 31 + 13.824/60 = 31.2304; 121 + 28.422/60 = 121.4737
  ["N 31° 13.824' E 121° 28.422'", 31.2304, 121.4737, 'hemisphere', 'Garmin degrees and decimal minutes'],
  ['S 33°52.086\' W 151°12.558\'', -33.8681, -151.2093, 'hemisphere', 'southern and western hemispheres'],
  // NMEA 0183 ddmm.mmmm as trackers forward it (traccar/traccar, Apache-2.0, src/test/java/org/traccar/protocol/*ProtocolDecoderTest.java)
  ['358266016278447,05*827,000,L001,V,4821.6584,N,01053.8650,E,000.0,000.0,00.0,08:46:04 17-03-16,9.5A,D7,0,79,0,,,,', 48.36097, 10.89775, 'hemisphere', 'Traccar ArknavProtocolDecoderTest.java:13'],
  ['$$2222234???????&A9955&B102904.000,A,2233.0655,N,11404.9440,E,0.00,,030109,,*17|6.3|&C0100000100&D000024?>&E10000000', 22.55109, 114.08240, 'hemisphere', 'Traccar CarTrackProtocolDecoderTest.java'],
  ['$A#A#864161028848856#A#182134#090116#2232.0191#N#08821.3278#E#001.74#231.4#04#01.5#1300#0#000#0000#9999#54.4#6407.7#0000*', 22.53365, 88.35546, 'hemisphere', 'Traccar DishaProtocolDecoderTest.java'],
  ['$80050377796567,0,13,281015,173437,E08513.28616,N5232.85432,222.3,0.526,,07*37', 52.54757, 85.22144, 'hemisphere', 'Traccar GlobalSatProtocolDecoderTest.java'],
  ['-2,UNITSTAT,20050205,181923,7000004634,N55.46.0812,E009.21.1665,122,198,6,3934,-81,01A8,23802,213,55,37FD,45,0055,12878', 55.76802, 9.35278, 'hemisphere', 'Traccar FlextrackProtocolDecoderTest.java'],
  ['IMEI,353358011714362,2014/05/22, 20:49:32, N, Lat:4725.9624, E, Lon:01912.5483, Spd:5.05', 47.43271, 19.20914, 'tracker', 'Traccar FreedomProtocolDecoderTest.java'],
  ['%RP,3000012345:0,090807182815,E114.602345,N22.069725,,30,160,4,0,00', 22.069725, 114.602345, 'hemisphere', 'Traccar YwtProtocolDecoderTest.java'],
  ['353327020115804,CMD-T,A,DATE:090329,TIME:223252,LAT:22.7634066N,LOT:114.3964783E,Speed:000.0,84-20,000', 22.76341, 114.39648, 'hemisphere', 'Traccar GotopProtocolDecoderTest.java:47'],
  ['imei:359710045559474,tracker,151030080103,,F,000101.000,A,5443.3834,N,02512.9071,E,0.00,0;', 54.72306, 25.21512, 'hemisphere', 'Traccar Gps103ProtocolDecoderTest.java:144'],
  ['$GPRMC,154403.000,A,6311.64120,N,01438.02740,E,0.000,0.0,270707,,*0A', 63.19402, 14.63379, 'hemisphere', 'Traccar GpsGateProtocolDecoderTest.java:40'],
  ['*HQ,4210051415,V1,164549,A,0956.3869,N,08406.7068,W,000.00,000,221215,FFFFFBFF,712,01,0,0,6#', 9.93978, -84.11178, 'hemisphere', 'Traccar H02ProtocolDecoderTest.java:163'],
  ['$AVRMC,99999999,164339,A,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,3.727,17,1,0,0*37', 43.8509, -79.39241, 'hemisphere', 'Traccar LaipacProtocolDecoderTest.java:31'],
  ['#356823031193431##0#0000#SF#1#72403#V#04702.3025,W,2252.18380,S,008.18,0#090413#134938', -22.86973, -47.038375, 'hemisphere', 'Traccar V680ProtocolDecoderTest.java:29'],
  ['GPRMC,150120.000,A,3346.4463,S,15057.3083,E,0.0,117.4,010911,,,A*76,F,imei:351525010943661,', -33.77411, 150.95514, 'hemisphere', 'Traccar XexunProtocolDecoderTest.java:25'],
];

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
    expect(parseLocation('lat:22.570123 long:113.862345 speed:042.5 T:26/11/23 10:05:09 http://maps.google.com/maps?f=q&q=22.570123,113.862345&z=16')).toMatchObject({
      fix: { lat: 22.570123, lon: 113.862345, speedKmh: 42.5, reportedAt: { year: 2026, month: 11, day: 23, hour: 10, minute: 5, second: 9 }, form: 'tracker' },
    });
  });

  test.each([
    ['91.5,10.0', 'out-of-range'],
    ['lat:95.1 long:10.2', 'out-of-range'],
    ['geo:31.2,121.4;crs=nad27', 'ambiguous'],
    ['https://www.google.com/maps', 'ambiguous'],
    ['https://www.openstreetmap.org/about', 'ambiguous'],
  ])('%s is refused: %s', (text, refused) => {
    expect(parseLocation(text)).toEqual({ ok: false, refused });
  });

  test.each(['see you at 5', 'STOCK A100', 'ORDER A100 5 B200 2', '12', '2026-11-23', 'https://example.com/?q=31.2,121.4'])('%s is no location', (text) => {
    expect(parseLocation(text)).toBeNull();
  });
});

describeWithTestdata('Traccar tracker texts (../shared/testdata)', () => {
  const data = readTestdata<{ items_with_expected: { id: string; messages: string[]; expected: { lat: number; lon: number } }[] }>('location_traccar_tracker_texts.json');
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
    expect(read).toBeGreaterThanOrEqual(33);
  });
});
