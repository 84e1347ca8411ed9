import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Refusal } from '../../commands/location';

// Location test vectors, shared by tests/commands/location.test.ts and `npm run bench`'s location
// report (tests/bench/location.ts): the forms as their publishers document them, the refusals by
// rule, and other projects' test vectors in tests/commands/location/.

/**
 * The location forms a driver may send, as published by whoever defines them. Each row: the text,
 * the position it means (worked out by hand where the form needs arithmetic), the form, the source.
 */
export const samples: [string, number, number, string, string][] = [
  // commands.md (../shared/design), the message language contract
  ['31.2304,121.4737', 31.2304, 121.4737, 'pair', 'commands.md: bare lat,lon'],
  ['31.2304, 121.4737', 31.2304, 121.4737, 'pair', 'commands.md: bare lat,lon with a space'],
  ['lat:22.57 long:113.86 speed:0.0 T:26/11/23 10:05', 22.57, 113.86, 'tracker', 'commands.md: SMS GPS tracker report'],
  // RFC 5870 (geo URI), examples in sections 1 and 6
  ['geo:13.4125,103.8667', 13.4125, 103.8667, 'geo', 'RFC 5870 §1'],
  ['geo:48.2010,16.3695,183', 48.201, 16.3695, 'geo', 'RFC 5870 §1 (with altitude)'],
  ['geo:48.198634,16.371648;crs=wgs84;u=40', 48.198634, 16.371648, 'geo', 'RFC 5870 §1 (crs and uncertainty)'],
  // Android: developer.android.com/guide/components/intents-common (geo: with q, label, zoom) and google-maps-intents (google.navigation:)
  ['geo:0,0?q=34.99,-106.61(Treasure)', 34.99, -106.61, 'geo', 'Android common intents: geo:0,0?q=lat,lng(label)'],
  ['geo:47.6,-122.3?z=11', 47.6, -122.3, 'geo', 'Android common intents: geo:lat,lng?z=zoom'],
  ['google.navigation:q=34.99393,-106.61568', 34.99393, -106.61568, 'google', 'Android Google Maps intents: google.navigation:q=lat,lng'],
  // Google Maps URLs, developers.google.com/maps/documentation/urls/get-started
  ['https://www.google.com/maps/search/?api=1&query=47.5951518%2C-122.3316393', 47.5951518, -122.3316393, 'google', 'Google Maps URLs: search'],
  [
    'https://www.google.com/maps/@?api=1&map_action=map&center=-33.712206%2C150.311941&zoom=12&basemap=terrain',
    -33.712206,
    150.311941,
    'google',
    'Google Maps URLs: map',
  ],
  [
    'https://www.google.com/maps/dir/?api=1&origin=Paris%2CFrance&destination=48.8584%2C2.2945',
    48.8584,
    2.2945,
    'google',
    'Google Maps URLs: directions (the destination)',
  ],
  [
    'https://www.google.com/maps/@?api=1&map_action=pano&viewpoint=48.857832%2C2.295226&heading=-45',
    48.857832,
    2.295226,
    'google',
    'Google Maps URLs: street view',
  ],
  [
    'https://www.google.com/maps/place/Shanghai/@31.2240453,121.1965691,10z',
    31.2240453,
    121.1965691,
    'google',
    'Google Maps place link as the browser shows it',
  ],
  ['Here I am http://maps.google.com/maps?q=22.570123,113.862345', 22.570123, 113.862345, 'google', 'commands.md: the maps link trackers append'],
  // Apple Map Links, developer.apple.com/library/archive/featuredarticles/iPhoneURLScheme_Reference/MapLinks/MapLinks.html
  ['http://maps.apple.com/?ll=50.894967,4.341626', 50.894967, 4.341626, 'apple', 'Apple Map Links: ll'],
  ['http://maps.apple.com/?sll=50.894967,4.341626&z=10&t=s', 50.894967, 4.341626, 'apple', 'Apple Map Links: sll'],
  // OpenStreetMap share links, wiki.openstreetmap.org/wiki/Browsing and /wiki/Shortlink (0EEQhq-- is the wiki's own example of 51.510, 0.054)
  ['https://www.openstreetmap.org/?mlat=51.5074&mlon=-0.1278#map=15/51.5074/-0.1278', 51.5074, -0.1278, 'osm', 'OSM: marker link'],
  ['https://www.openstreetmap.org/#map=18/31.23040/121.47370', 31.2304, 121.4737, 'osm', 'OSM: map view link'],
  ['https://www.openstreetmap.org/search?query=31.2304%2C121.4737', 31.2304, 121.4737, 'osm', 'OSM: search for coordinates'],
  // Yandex Maps links, yandex.ru/dev/yandex-apps-launch/maps (ll and pt are longitude,latitude)
  ['https://yandex.ru/maps/?ll=30.310182,59.951059&z=12', 59.951059, 30.310182, 'yandex', 'Yandex: ll=lon,lat'],
  ['https://yandex.ru/maps/?pt=30.335429,59.944869&z=18&l=map', 59.944869, 30.335429, 'yandex', 'Yandex: pt=lon,lat (the placemark)'],
  // Degrees, minutes, seconds as map apps display them: 31 + 13/60 + 49.4/3600 = 31.230389; 121 + 28/60 + 25.3/3600 = 121.473694
  ['31°13\'49.4"N 121°28\'25.3"E', 31.230389, 121.473694, 'degrees', 'Google Maps pin, DMS'],
  ['N31°13′49″ E121°28′25″', 31.230278, 121.473611, 'degrees', 'the issue: primes and letters before'],
  ['北纬31.2304 东经121.4737', 31.2304, 121.4737, 'degrees', 'the issue: Chinese hemisphere words'],
  ['31.5°N 35.5°E', 31.5, 35.5, 'degrees', 'the issue: decimal degrees with a hemisphere letter'],
  // Degrees and decimal minutes (Garmin display): 31 + 13.824/60 = 31.2304; 121 + 28.422/60 = 121.4737
  ["N 31° 13.824' E 121° 28.422'", 31.2304, 121.4737, 'degrees', 'Garmin degrees and decimal minutes'],
  ["S 33°52.086' W 151°12.558'", -33.8681, -151.2093, 'degrees', 'southern and western hemispheres'],
  // The issue's misreading: 34° 36.23333' S is -(34 + 36.23333/60), not -36.23333
  ['34° 36.23333S , 58° 22.883333W', -34.603889, -58.381389, 'degrees', 'the issue: minutes after a degree sign, letter after'],
  // NMEA 0183 ddmm.mmmm as trackers forward it (traccar/traccar, Apache-2.0, src/test/java/org/traccar/protocol/*ProtocolDecoderTest.java)
  [
    '358266016278447,05*827,000,L001,V,4821.6584,N,01053.8650,E,000.0,000.0,00.0,08:46:04 17-03-16,9.5A,D7,0,79,0,,,,',
    48.36097,
    10.89775,
    'nmea',
    'Traccar ArknavProtocolDecoderTest.java:13',
  ],
  [
    '$$2222234???????&A9955&B102904.000,A,2233.0655,N,11404.9440,E,0.00,,030109,,*17|6.3|&C0100000100&D000024?>&E10000000',
    22.55109,
    114.0824,
    'nmea',
    'Traccar CarTrackProtocolDecoderTest.java',
  ],
  [
    '$A#A#864161028848856#A#182134#090116#2232.0191#N#08821.3278#E#001.74#231.4#04#01.5#1300#0#000#0000#9999#54.4#6407.7#0000*',
    22.53365,
    88.35546,
    'nmea',
    'Traccar DishaProtocolDecoderTest.java',
  ],
  ['$80050377796567,0,13,281015,173437,E08513.28616,N5232.85432,222.3,0.526,,07*37', 52.54757, 85.22144, 'nmea', 'Traccar GlobalSatProtocolDecoderTest.java'],
  [
    '-2,UNITSTAT,20050205,181923,7000004634,N55.46.0812,E009.21.1665,122,198,6,3934,-81,01A8,23802,213,55,37FD,45,0055,12878',
    55.76802,
    9.35278,
    'nmea',
    'Traccar FlextrackProtocolDecoderTest.java',
  ],
  [
    'IMEI,353358011714362,2014/05/22, 20:49:32, N, Lat:4725.9624, E, Lon:01912.5483, Spd:5.05',
    47.43271,
    19.20914,
    'tracker',
    'Traccar FreedomProtocolDecoderTest.java',
  ],
  ['%RP,3000012345:0,090807182815,E114.602345,N22.069725,,30,160,4,0,00', 22.069725, 114.602345, 'degrees', 'Traccar YwtProtocolDecoderTest.java'],
  [
    '353327020115804,CMD-T,A,DATE:090329,TIME:223252,LAT:22.7634066N,LOT:114.3964783E,Speed:000.0,84-20,000',
    22.76341,
    114.39648,
    'tracker',
    'Traccar GotopProtocolDecoderTest.java:47',
  ],
  [
    'imei:359710045559474,tracker,151030080103,,F,000101.000,A,5443.3834,N,02512.9071,E,0.00,0;',
    54.72306,
    25.21512,
    'nmea',
    'Traccar Gps103ProtocolDecoderTest.java:144',
  ],
  ['$GPRMC,154403.000,A,6311.64120,N,01438.02740,E,0.000,0.0,270707,,*0A', 63.19402, 14.63379, 'nmea', 'Traccar GpsGateProtocolDecoderTest.java:40'],
  [
    '*HQ,4210051415,V1,164549,A,0956.3869,N,08406.7068,W,000.00,000,221215,FFFFFBFF,712,01,0,0,6#',
    9.93978,
    -84.11178,
    'nmea',
    'Traccar H02ProtocolDecoderTest.java:163',
  ],
  [
    '$AVRMC,99999999,164339,A,4351.0542,N,07923.5445,W,0.29,78.66,180703,0,3.727,17,1,0,0*37',
    43.8509,
    -79.39241,
    'nmea',
    'Traccar LaipacProtocolDecoderTest.java:31',
  ],
  [
    '#356823031193431##0#0000#SF#1#72403#V#04702.3025,W,2252.18380,S,008.18,0#090413#134938',
    -22.86973,
    -47.038375,
    'nmea',
    'Traccar V680ProtocolDecoderTest.java:29',
  ],
  [
    'GPRMC,150120.000,A,3346.4463,S,15057.3083,E,0.0,117.4,010911,,,A*76,F,imei:351525010943661,',
    -33.77411,
    150.95514,
    'nmea',
    'Traccar XexunProtocolDecoderTest.java:25',
  ],
  // Plus Codes, plus.codes and github.com/google/open-location-code (the README's example code)
  ['8FVC9G8F+6X', 47.365562, 8.524938, 'plus-code', 'open-location-code README'],
];

/** Texts that must be refused, each with the rule that refuses it. */
export const refusals: [string, Refusal][] = [
  // out of range, or latitude and longitude the other way round (Yandex's ll is lon,lat)
  ['91.5,10.0', 'out-of-range'],
  ['lat:95.1 long:10.2', 'out-of-range'],
  ['http://maps.yandex.ru/?ll=34.99393,-106.61568&z=11', 'out-of-range'],
  ['8°83S 35°67E', 'out-of-range'],
  // another reference system
  ['geo:31.2,121.4;crs=nad27', 'other-datum'],
  ['http://map.baidu.com/?l=13&c=13748138,4889173', 'other-datum'],
  // a place, not coordinates
  ['https://www.google.com/maps', 'address-only'],
  ['https://www.openstreetmap.org/about', 'address-only'],
  ['geo:0,0?q=1600+Amphitheatre+Parkway%2C+CA', 'address-only'],
  ['google.navigation:q=Taronga+Zoo,+Sydney+Australia', 'address-only'],
  ['https://www.google.com/maps?daddr=Bahnhofplatz+3,+7000+Chur', 'address-only'],
  // shortened links only their provider resolves
  ['https://maps.app.goo.gl/jVuuNEZ_-FQ3UGhX7', 'short-link'],
  ['http://goo.gl/maps/Cji0V', 'short-link'],
  ['https://surl.amap.com/2xYz1AbC', 'short-link'],
  ['http://j.map.baidu.com/oXrVz', 'short-link'],
  ['http://l.map.qq.com/9741483212?m', 'short-link'],
  ['https://yandex.ru/maps/-/CVCw6M9g', 'short-link'],
  // degrees.minutes.seconds or degrees.minutes.fraction? No rule tells
  ['S 27.45.34 E 23.23.23', 'ambiguous'],
  // two rules, two places: the library reads minutes, our rule decimal degrees
  ['18.24S 22.45E', 'ambiguous'],
  // a geo: URI whose path and q disagree
  ['geo:31.2,121.4?q=22.5,114.1', 'ambiguous'],
];

/** The fixture files of tests/commands/location/, each with its source, commit and licence. */
export const fixture = <T>(name: string) =>
  JSON.parse(readFileSync(join(__dirname, '..', 'commands', 'location', `${name}.json`), 'utf8')) as T & { source: { repo: string; licence: string } };
export type Point = { text: string; lat: number; lon: number; accuracyM?: number };

/** The fixture files that list texts with the position their source asserts, and the tolerance it asserts it to. */
export const vectorFiles: [name: string, tolerance: number][] = [
  ['geo-coordinates-parser', 1e-5],
  ['organicmaps-geo-url', 1e-9],
  ['element-web-geo-uri', 1e-9],
];
export type VectorFile = { read: Point[]; refused?: string[]; none?: string[]; neverRead?: string[] };

/** google/open-location-code's test data: areas full codes decode to, short codes and the point they are recovered near. */
export type PlusCodeFile = {
  decoding: { code: string; latLo: number; lngLo: number; latHi: number; lngHi: number }[];
  recovery: { full: string; near: { lat: number; lon: number }; short: string }[];
};

/** hujiulong/gcoord's cities, each in WGS-84, GCJ-02 and BD-09 as [lon, lat]. */
export type City = { name: string; WGS84: [number, number]; GCJ02: [number, number]; BD09: [number, number] };

/** The links Amap, Tencent and Baidu share for a city, each in the datum its provider uses. */
export function chineseProviderLinks(city: City): string[] {
  const [gLon, gLat] = city.GCJ02;
  const [bLon, bLat] = city.BD09;
  return [
    `https://uri.amap.com/marker?position=${gLon},${gLat}&name=x`,
    `androidamap://viewMap?sourceApplication=fieldline&lat=${gLat}&lon=${gLon}&dev=0`,
    `https://apis.map.qq.com/uri/v1/marker?marker=coord:${gLat},${gLon};title:x&referer=fieldline`,
    `http://api.map.baidu.com/marker?location=${bLat},${bLon}&title=x&output=html`,
    `http://api.map.baidu.com/marker?location=${gLat},${gLon}&coord_type=gcj02&output=html`,
  ];
}
