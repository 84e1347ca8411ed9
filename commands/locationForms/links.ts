import { found, safeDecode, twoNumbers, type Found, type LocationForm, type ReadingContext } from './reading';
import { letteredIn, plusCodeIn } from './text';

/**
 * Map links and URIs, one rule per provider, each reading its own parameters in its own order
 * (Yandex, 2GIS and Amap's `position` write longitude first; Amap and Tencent publish GCJ-02,
 * Baidu BD-09). Within a link a pin outranks a map's centre: Google's `!3d…!4d`, a `q`, a
 * destination, a marker, before `@lat,lon` or `ll`. A link with no coordinates names an address
 * (refused: address-only), a shortened link is refused (short-link): neither can be resolved offline.
 *
 * Sources of the forms: RFC 5870; developer.android.com (geo: intents, google.navigation:);
 * developers.google.com/maps/documentation/urls; Apple Map Links; wiki.openstreetmap.org
 * (Browsing, Shortlink); yandex.ru/dev/yandex-apps-launch/maps; lbs.amap.com/api/uri-api;
 * lbsyun.baidu.com (URI API); lbs.qq.com (URI API); and the URLs other projects' tests read
 * (organicmaps ge0 geo_url_tests, OsmAnd GeoPointParserUtilTest).
 */
export function readLinks(text: string, context: ReadingContext): Found[] {
  const readings: Found[] = [];
  for (const uri of text.match(/\bgeo:(?:,\s+|\?q=[-+\d.]+,\s+|[^\s])*(?:\s*\([^)]*\))?/gi) ?? []) readings.push(geoUri(uri, context));
  for (const uri of text.match(/\bgoogle\.navigation:\S+/gi) ?? []) readings.push(googleNavigation(uri));
  for (const link of text.match(/\b(?:https?|androidamap|iosamap|amapuri|baidumap|qqmap|yandexmaps|comgooglemaps|maps):\/\/\S+/gi) ?? []) {
    const reading = mapLink(link.replace(/[)>\].,;!?'"]+$/, ''));
    if (reading) readings.push(reading);
  }
  return readings;
}

const addressOnly = (form: LocationForm): Found => ({ refused: 'address-only', form });
const shortLink = (form: LocationForm): Found => ({ refused: 'short-link', form });

/**
 * RFC 5870 `geo:lat,lon[,alt][;crs=…][;u=…]`, with Android's extensions: `?z=`, `?q=lat,lon(label)`
 * (which carries the position when the path is `0,0` or empty), a label after the coordinates,
 * percent-encoded separators. A `q` naming a place is an address; another `crs` is refused.
 */
function geoUri(uri: string, context: ReadingContext): Found {
  const form = 'geo';
  const body = uri.slice(4).replace(/\s*\([^)]*\)\s*$/, '');
  const [rawPath = '', query = ''] = body.split('?', 2);
  const [coordinates = '', ...params] = safeDecode(rawPath).split(';');
  const crs = params.map((p) => p.split('=')).find(([key]) => key?.toLowerCase() === 'crs')?.[1];
  if (crs && crs.toLowerCase() !== 'wgs84') return { refused: 'other-datum', form };
  const u = params.map((p) => p.split('=')).find(([key]) => key?.toLowerCase() === 'u')?.[1];
  const accuracyM = u !== undefined && Number.isFinite(Number(u)) ? Number(u) : null;
  const q = new URLSearchParams(query).get('q');
  const inQuery = q === null || q.trim() === '' ? null : (twoNumbers(q) ?? plusCodeIn(q, context));
  const match = /^\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)(?:,[-+]?\d+(?:\.\d+)?)?\s*$/.exec(coordinates);
  const inPath = match ? ([Number(match[1]), Number(match[2])] as [number, number]) : null;
  // Android: `geo:0,0?q=…` puts the position (or an address) in q.
  if (inPath && !(inPath[0] === 0 && inPath[1] === 0 && q !== null && q.trim() !== '')) {
    if (inQuery && (Math.abs(inQuery[0] - inPath[0]) > 1e-6 || Math.abs(inQuery[1] - inPath[1]) > 1e-6)) return { refused: 'ambiguous', form };
    return found(inPath[0], inPath[1], form, 'wgs84', { accuracyM });
  }
  if (inQuery) return found(inQuery[0], inQuery[1], form);
  if (q !== null && q.trim() !== '') return addressOnly(form);
  return { refused: coordinates.trim() === '' ? 'address-only' : 'out-of-range', form };
}

/** Android's navigation intent: `google.navigation:q=lat,lon[&mode=d]`; a q naming a place is an address. */
function googleNavigation(uri: string): Found {
  const query = new URLSearchParams(uri.slice('google.navigation:'.length));
  const hit = twoNumbers(query.get('q')) ?? twoNumbers(query.get('ll'));
  return hit ? found(hit[0], hit[1], 'google') : addressOnly('google');
}

function mapLink(link: string): Found | null {
  let url: URL;
  try {
    url = new URL(link);
  } catch {
    return null;
  }
  const scheme = url.protocol.replace(/:$/, '').toLowerCase();
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  const param = (name: string) => url.searchParams.get(name);
  const readerFor = providers.find((provider) => provider.schemes?.includes(scheme) || provider.hosts.test(host));
  if (!readerFor) return null;
  if (readerFor.short?.test(host + url.pathname)) return shortLink(readerFor.form);
  return readerFor.read(url, param);
}

interface Provider {
  form: LocationForm;
  hosts: RegExp;
  schemes?: string[];
  /** host and path of its shortened links */
  short?: RegExp;
  read(url: URL, param: (name: string) => string | null): Found;
}

const first = (...values: ([number, number] | null)[]) => values.find((value) => value !== null) ?? null;
/** `lon,lat`, as Yandex, 2GIS and Amap's `position` write it. */
const lonLat = (value: string | null) => {
  const pair = twoNumbers(value);
  return pair ? ([pair[1], pair[0]] as [number, number]) : null;
};
const pathPair = (path: string, pattern: RegExp) => {
  const match = pattern.exec(safeDecode(path));
  return match ? ([Number(match[1]), Number(match[2])] as [number, number]) : null;
};
const num = String.raw`([-+]?\d{1,3}(?:\.\d+)?)`;
const googlePaths = {
  searchOrPlace: new RegExp(String.raw`/(?:maps/)?(?:search|place)/${num},\s*${num}`),
  loc: new RegExp(String.raw`/q=loc:${num},${num}`),
  ll: new RegExp(String.raw`/ll=${num},${num}`),
  at: new RegExp(String.raw`@${num},${num}`),
  searchNamed: new RegExp(String.raw`/search/[^/]+/${num},${num}`),
};
const osmPaths = {
  lat: new RegExp(String.raw`(?:^|[/&?])lat=${num}`),
  lon: new RegExp(String.raw`(?:^|[/&?])lon=${num}`),
  map: new RegExp(String.raw`^#(?:map=)?\d+(?:\.\d+)?/${num}/${num}`),
  osmandMap: new RegExp(String.raw`^#\d+(?:\.\d+)?/${num}/${num}`),
};
const herePath = new RegExp(String.raw`^/l/${num},${num}`);

const google: Provider = {
  form: 'google',
  hosts: /(^|\.)google\.[a-z.]+$|^maps\.google\.[a-z.]+$|^(maps\.app\.)?goo\.gl$|^g\.co$/,
  schemes: ['comgooglemaps'],
  short: /^(maps\.app\.goo\.gl|goo\.gl|g\.co)\//,
  read(url, param) {
    const path = url.pathname + url.hash;
    // The place's own pin (`!3d<lat>!4d<lon>`) is exact; `@lat,lon` is where the map was looking.
    const pin = pathPair(path + url.search, /!3d([-+]?\d{1,3}(?:\.\d+)?)!4d([-+]?\d{1,3}(?:\.\d+)?)/);
    // Directions: the destination (its last waypoint), as other readers of these links take it.
    const dir = /\/maps\/dir\/(.*)$/.exec(safeDecode(url.pathname));
    const lastWaypoint = dir
      ? first(
          ...dir[1]!
            .split('/')
            .filter(Boolean)
            .reverse()
            .map((part) => twoNumbers(part)),
        )
      : null;
    const q = param('q');
    const hit = first(
      pin,
      twoNumbers(q),
      q ? letteredIn(q) : null,
      twoNumbers(param('query')),
      twoNumbers(param('daddr')),
      twoNumbers(param('destination')),
      lastWaypoint,
      pathPair(url.pathname, googlePaths.searchOrPlace),
      pathPair(url.pathname, googlePaths.loc),
      twoNumbers(param('viewpoint')),
      twoNumbers(param('center')),
      twoNumbers(param('ll')),
      pathPair(url.pathname, googlePaths.ll),
      pathPair(url.pathname, googlePaths.at),
      pathPair(url.pathname, googlePaths.searchNamed),
    );
    return hit ? found(hit[0], hit[1], 'google') : addressOnly('google');
  },
};

const apple: Provider = {
  form: 'apple',
  hosts: /^maps\.apple\.com$|^maps\.apple$/,
  schemes: ['maps'],
  read(_url, param) {
    const hit = first(
      twoNumbers(param('q')),
      twoNumbers(param('daddr')),
      twoNumbers(param('ll')),
      twoNumbers(param('sll')),
      twoNumbers(param('coordinate')),
      twoNumbers(param('center')),
    );
    return hit ? found(hit[0], hit[1], 'apple') : addressOnly('apple');
  },
};

const osm: Provider = {
  form: 'osm',
  hosts: /^(openstreetmap\.[a-z.]+|osm\.org)$/,
  read(url, param) {
    const form = 'osm';
    if (/^\/go\//.test(url.pathname)) {
      // Fewer than seven characters name a tile wider than ~20 m: no place to put a vehicle.
      const code = url.pathname.slice(4);
      const decoded = /^[A-Za-z0-9_~@]{7,}/.test(code) ? osmShortlink(code) : null;
      return decoded ? found(decoded[0], decoded[1], form) : { refused: 'ambiguous', form };
    }
    const mlat = param('mlat');
    const mlon = param('mlon');
    const where = safeDecode(url.pathname + url.search);
    const lat = osmPaths.lat.exec(where);
    const lon = osmPaths.lon.exec(where);
    const hit = first(
      mlat && mlon ? [Number(mlat), Number(mlon)] : null,
      twoNumbers(param('to')),
      twoNumbers(param('query')) ?? twoNumbers(param('query'), ' '),
      lat && lon ? [Number(lat[1]), Number(lon[1])] : null,
      pathPair(url.hash, osmPaths.map),
    );
    return hit ? found(hit[0], hit[1], form) : addressOnly(form);
  },
};

/** OsmAnd's share links: `osmand.net/go?lat=&lon=`, `/map?pin=lat,lon`, `/map/#z/lat/lon`. */
const osmand: Provider = {
  form: 'osmand',
  hosts: /(^|\.)osmand\.net$/,
  read(url, param) {
    const lat = param('lat');
    const lon = param('lon');
    const hit = first(twoNumbers(param('pin')), lat && lon ? [Number(lat), Number(lon)] : null, pathPair(url.hash, osmPaths.osmandMap));
    return hit ? found(hit[0], hit[1], 'osmand') : addressOnly('osmand');
  },
};

/** Yandex writes longitude first: `pt` (the placemark), `whatshere[point]`, then `ll` (the centre); `rtext` routes are lat,lon~lat,lon. */
const yandex: Provider = {
  form: 'yandex',
  hosts: /(^|\.)yandex\.[a-z.]+$/,
  schemes: ['yandexmaps'],
  short: /^(maps\.)?yandex\.[a-z.]+\/(maps\/)?-\//,
  read(_url, param) {
    const route = param('rtext')?.split('~').filter(Boolean).at(-1);
    const hit = first(lonLat(param('pt')), lonLat(param('whatshere[point]')), route ? twoNumbers(route) : null, lonLat(param('ll')), lonLat(param('sll')));
    return hit ? found(hit[0], hit[1], 'yandex') : addressOnly('yandex');
  },
};

/** 2GIS writes longitude first: `/center/lon,lat/zoom/z`, `?m=lon,lat/z`. */
const twoGis: Provider = {
  form: '2gis',
  hosts: /(^|\.)2gis\.[a-z.]+$/,
  read(url, param) {
    const center = /\/center\/([-+]?\d{1,3}(?:\.\d+)?),([-+]?\d{1,3}(?:\.\d+)?)/.exec(url.pathname);
    const hit = first(center ? [Number(center[2]), Number(center[1])] : null, lonLat(param('m')));
    return hit ? found(hit[0], hit[1], '2gis') : addressOnly('2gis');
  },
};

/** HERE: `share.here.com/l/lat,lon,name`, `here.com/?map=lat,lon,z`, `/location?map=…`. */
const here: Provider = {
  form: 'here',
  hosts: /(^|\.)here\.com$|^her\.is$/,
  short: /^her\.is\//,
  read(url, param) {
    const hit = first(pathPair(url.pathname, herePath), twoNumbers(param('map')));
    return hit ? found(hit[0], hit[1], 'here') : addressOnly('here');
  },
};

/**
 * Amap (高德), in GCJ-02: `uri.amap.com/marker?position=lon,lat` (`coordinate=wgs84` when it is
 * GPS), the apps' `viewMap?lat=&lon=&dev=` (`dev=1`: WGS-84), the web's `#!poi!!q=lat,lon|…`,
 * `?q=lat,lon,name`, `?p=id,lat,lon,…`. `surl.amap.com` and bare `amap.com/<code>` are short links.
 */
const amap: Provider = {
  form: 'amap',
  hosts: /(^|\.)(amap|gaode)\.com$/,
  schemes: ['androidamap', 'iosamap', 'amapuri'],
  short: /^(surl\.amap\.com\/|amap\.com\/[0-9A-Za-z]{4,10}$)/,
  read(url, param) {
    const wgs = param('coordinate') === 'wgs84' || param('dev') === '1';
    const lat = param('lat') ?? param('dlat');
    const lon = param('lon') ?? param('dlon');
    const poi = /q=([-+]?\d{1,3}(?:\.\d+)?),([-+]?\d{1,3}(?:\.\d+)?)/.exec(safeDecode(url.hash));
    const p = param('p')?.split(',');
    const hit = first(
      lonLat(param('position')),
      lat && lon ? [Number(lat), Number(lon)] : null,
      poi ? [Number(poi[1]), Number(poi[2])] : null,
      twoNumbers(param('q')),
      p && p.length >= 3 ? twoNumbers(`${p[1]},${p[2]}`) : null,
    );
    return hit ? found(hit[0], hit[1], 'amap', wgs ? 'wgs84' : 'gcj02') : addressOnly('amap');
  },
};

/**
 * Baidu (百度), in BD-09 unless `coord_type` says `gcj02` or `wgs84`: `api.map.baidu.com/marker?
 * location=lat,lng`, `baidumap://map/marker?location=…`, `…/direction?destination=latlng:lat,lng|name:…`.
 * The web map's `c=` is Baidu Mercator metres, which a text cannot tell from degrees: refused.
 */
const baidu: Provider = {
  form: 'baidu',
  hosts: /(^|\.)baidu\.com$/,
  schemes: ['baidumap', 'bdapp'],
  short: /^j\.map\.baidu\.com\//,
  read(url, param) {
    const type = (param('coord_type') ?? 'bd09ll').toLowerCase();
    const datum = type === 'wgs84' ? 'wgs84' : type === 'gcj02' ? 'gcj02' : type === 'bd09ll' ? 'bd09' : null;
    if (!datum) return { refused: 'other-datum', form: 'baidu' };
    const destination = /latlng:([-+]?\d{1,3}(?:\.\d+)?),([-+]?\d{1,3}(?:\.\d+)?)/.exec(param('destination') ?? '');
    const hit = first(twoNumbers(param('location')), destination ? [Number(destination[1]), Number(destination[2])] : null);
    if (hit) return found(hit[0], hit[1], 'baidu', datum);
    return param('c') ? { refused: 'other-datum', form: 'baidu' } : addressOnly('baidu');
  },
};

/**
 * Tencent (腾讯), in GCJ-02: `apis.map.qq.com/uri/v1/marker?marker=coord:lat,lng;title:…`,
 * `qqmap://map/marker?…`, route plans' `tocoord=lat,lng`, the wap pages' `x=lng&y=lat` and
 * `c=lng,lat`, and `map.qq.com/AppBox/print/?c={"base":{"lat":…,"lng":…}}`.
 */
const tencent: Provider = {
  form: 'tencent',
  hosts: /(^|\.)qq\.com$/,
  schemes: ['qqmap'],
  short: /^l\.map\.qq\.com\/|^map\.qq\.com\/$/,
  read(url, param) {
    const marker = /coord:([-+]?\d{1,3}(?:\.\d+)?),([-+]?\d{1,3}(?:\.\d+)?)/.exec(param('marker') ?? '');
    const x = param('x');
    const y = param('y');
    const box = /"lat":([-+]?\d{1,3}(?:\.\d+)?),"lng":([-+]?\d{1,3}(?:\.\d+)?)/.exec(param('c') ?? '');
    const hit = first(
      marker ? [Number(marker[1]), Number(marker[2])] : null,
      twoNumbers(param('tocoord')),
      box ? [Number(box[1]), Number(box[2])] : null,
      x && y ? [Number(y), Number(x)] : null,
      url.hostname.startsWith('map.wap.') ? lonLat(param('c')) : null,
    );
    if (hit) return found(hit[0], hit[1], 'tencent', 'gcj02');
    return param('l') && !param('c') ? shortLink('tencent') : addressOnly('tencent');
  },
};

const providers: readonly Provider[] = [google, apple, osm, osmand, yandex, twoGis, here, amap, baidu, tencent];

/**
 * OpenStreetMap's shortlinks (`osm.org/go/TyFYuF6P--`): base-64 characters each holding three bits
 * of x and three of y, interleaved from the top, the trailing `-` only the zoom; `@` is the old `~`.
 * The point is where openstreetmap.org centres the map (wiki.openstreetmap.org/wiki/Shortlink).
 */
function osmShortlink(code: string): [number, number] | null {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~';
  const match = /^([A-Za-z0-9_~@]+)-*$/.exec(code.replace(/[?#].*$/, ''));
  if (!match) return null;
  let x = 0;
  let y = 0;
  let bits = 0;
  for (const char of match[1]!.replace(/@/g, '~')) {
    let value = alphabet.indexOf(char);
    for (let i = 0; i < 3; i++) {
      x = x * 2 + ((value & 32) === 0 ? 0 : 1);
      value <<= 1;
      y = y * 2 + ((value & 32) === 0 ? 0 : 1);
      value <<= 1;
    }
    bits += 3;
  }
  if (bits > 32) return null;
  const scale = 2 ** (32 - bits);
  return [(y * scale * 180) / 2 ** 32 - 90, (x * scale * 360) / 2 ** 32 - 180];
}
