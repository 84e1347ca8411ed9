import gcoord from 'gcoord';
import { distanceM } from '../../domain/places';
import { ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/** Check-in and visits by SMS (the simulator), on the demo network plus a store in Los Angeles. */
describe('promoters check in; supervisors visit', () => {
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z')); // 10:00 in Shanghai
  let gateway: TestGateway;
  const ann = '+8613800000003';
  const sam = '+8613800000008';
  const pia = '+13105550100';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      stores: [{ code: 'S3', name: 'Santa Monica', lat: 34.0195, lon: -118.4912, timezone: 'America/Los_Angeles' }],
      people: [{ id: 'Pia', name: 'Pia Lo', role: 'promoter', phone: pia, language: 'en', timezone: 'America/Los_Angeles', stores: ['S3'], manager: 'Sam' }],
    });
    expect(json.errors).toEqual([]);
  });
  afterAll(() => gateway.stop());

  const say = async (from: string, text: string, at?: string) => {
    if (at) clock.set(at);
    const { json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text });
    return json.replies.map((r: { text: string }) => r.text);
  };
  const checkIns = (person: string) =>
    gateway.runtime.sql.query<{
      store: string;
      opened_at: Date;
      closed_at: Date | null;
      close_reason: string | null;
      distance_m: number | null;
      flagged: boolean;
    }>('select store, opened_at, closed_at, close_reason, distance_m, flagged from checkins where person = $1 order by id', [person]);

  test('at an assigned store only; one open at a time; OUT closes it with the time worked', async () => {
    expect(await say(ann, 'IN S2')).toEqual(['You are not assigned to S2. Your stores: S1.']);
    expect(await say(ann, 'IN S9')).toEqual(['No store S9.']);
    expect(await say(ann, 'IN S1 95 200')).toEqual(['That position is out of range: send latitude then longitude in degrees, e.g. IN S1 31.1952 121.4365.']);
    expect(await checkIns('Ann')).toEqual([]);

    expect(await say(ann, 'IN S1 31.1955,121.4369')).toEqual(['Checked in at S1 Xujiahui flagship, 10:00.']);
    expect(await say(ann, 'in s1', '2026-11-23T03:00:00Z')).toEqual(['You are checked in at S1 already. Send OUT first.']);
    expect(await say(ann, 'OUT', '2026-11-23T10:30:00Z')).toEqual(['Checked out of S1 at 18:30 (8 h 30 min).']);
    expect(await say(ann, 'OUT')).toEqual(['You are not checked in. Send IN and your store code.']);
    const [row] = await checkIns('Ann');
    // 0.0003° north (33.4 m) and 0.0004° east at 31.2° N (38.0 m): 51 m
    expect(row).toMatchObject({ store: 'S1', close_reason: 'out', flagged: false, distance_m: 51 });
  });

  test('far from the store: accepted, flagged for the supervisor', async () => {
    // People's Square is about 5.2 km from the Xujiahui store.
    expect(await say(ann, '签到 S1 31.2304 121.4737', '2026-11-24T01:00:00Z')).toEqual([
      '已在 S1 Xujiahui flagship 签到，09:00。距门店 5.3 公里，已标记待督导核实。',
    ]);
    expect((await checkIns('Ann')).at(-1)).toMatchObject({ flagged: true, closed_at: null });
    // What the supervisor sees (5,275.9 m by the haversine formula on the mean-radius sphere).
    const { json } = await adminApi(gateway, 'GET', '/api/v1/reports/attendance?from=2026-11-23&to=2026-11-24&flagged=true');
    expect(json.checkIns).toEqual([expect.objectContaining({ person: 'Ann', store: 'S1', flagged: true, distanceM: 5276, closedAt: null })]);
  });

  test('left open, it closes itself at local midnight and says so', async () => {
    // Ann's check-in of 24 November (Shanghai) was never closed.
    expect(await say(ann, '签退', '2026-11-25T01:00:00Z')).toEqual(['您 11-24 在 S1 的签到已于午夜自动结束。']);
    expect((await checkIns('Ann')).at(-1)).toMatchObject({ closed_at: new Date('2026-11-24T16:00:00Z'), close_reason: 'midnight' });

    // Los Angeles: open at noon; at 23:30 the same local day it is still open; at 00:30 a new IN finds it closed at midnight.
    expect(await say(pia, 'IN S3', '2026-11-23T20:00:00Z')).toEqual(['Checked in at S3 Santa Monica, 12:00.']);
    expect(await say(pia, 'IN S3', '2026-11-24T07:30:00Z')).toEqual(['You are checked in at S3 already. Send OUT first.']);
    expect(await say(pia, 'IN S3', '2026-11-24T08:30:00Z')).toEqual([
      'Your check-in at S3 on 11-23 closed itself at midnight. Checked in at S3 Santa Monica, 00:30.',
    ]);
    const rows = await checkIns('Pia');
    expect(rows.map((r) => [r.closed_at?.toISOString() ?? null, r.close_reason])).toEqual([
      ['2026-11-24T08:00:00.000Z', 'midnight'],
      [null, null],
    ]);
  });

  test('VISIT: a supervisor scores a store; a promoter may not', async () => {
    expect(await say(sam, 'VISIT S1 85 shelves tidy')).toEqual(['Visit to S1 Xujiahui flagship recorded, score 85.']);
    expect(await say(sam, '巡店 S2')).toEqual(['Visit to S2 Tianhe mall recorded.']); // Sam reads English
    expect(await say(sam, 'VISIT S1 120')).toEqual(['Usage: VISIT store-code [score 0-100] [note], e.g. VISIT S1 85 shelves tidy']);
    expect(await say(sam, 'VISIT S3')).toEqual(['You are not assigned to S3. Your stores: S1, S2.']);
    expect(await say(ann, 'VISIT S1')).toEqual(['VISIT is not available to you. Send HELP for your commands.']);
    const visits = await gateway.runtime.sql.query<{ store: string; score: number | null; note: string | null }>(
      'select store, score, note from store_visits order by id',
    );
    expect(visits).toEqual([
      { store: 'S1', score: 85, note: 'shelves tidy' },
      { store: 'S2', score: null, note: null },
    ]);
  });

  test('a check-in sent as an Amap link is measured in WGS-84: 30 m from the store is near, not 500 m away', async () => {
    // 30 m north of S1 (31.1952, 121.4365), written in Amap's GCJ-02 as its share link does.
    const north = 31.1952 + 30 / 111_195;
    const [lon, lat] = gcoord.transform([121.4365, north], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const link = `https://uri.amap.com/marker?position=${lon.toFixed(6)},${lat.toFixed(6)}&name=门店`;
    expect(await say(ann, `签到 S1 ${link}`, '2026-11-28T01:00:00Z')).toEqual(['已在 S1 Xujiahui flagship 签到，09:00。']);
    expect((await checkIns('Ann')).at(-1)).toMatchObject({ distance_m: 30, flagged: false });
    // Read as if it were WGS-84, the same numbers are hundreds of metres from the store.
    expect(Math.round(distanceM({ lat, lon }, { lat: 31.1952, lon: 121.4365 }))).toBeGreaterThan(400);
    expect(await say(ann, '签退', '2026-11-28T09:00:00Z')).toEqual([expect.stringContaining('S1')]);
    expect(await say(ann, 'IN S1 https://maps.app.goo.gl/jVuuNEZ', '2026-11-29T01:00:00Z')).toEqual([
      'A short link cannot be opened here: open it and share the location. Send IN store lat lon, e.g. IN S1 31.1952 121.4365.',
    ]);
  });

  test('the import says which datum its coordinates are in; they are kept in WGS-84', async () => {
    // Amap's GCJ-02 position of People's Square (hujiulong/gcoord's WGS84 → GCJ02 of 31.2304, 121.4737).
    const [lon, lat] = gcoord.transform([121.4737, 31.2304], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      coordinateSystem: 'gcj02',
      stores: [{ code: 'S4', name: 'People’s Square', lat, lon }],
    });
    expect(json.errors).toEqual([]);
    const [row] = await gateway.runtime.sql.query<{ lat: number; lon: number }>('select lat, lon from stores where code = $1', ['S4']);
    expect(distanceM({ lat: Number(row!.lat), lon: Number(row!.lon) }, { lat: 31.2304, lon: 121.4737 })).toBeLessThan(1);
    const refused = await adminApi(gateway, 'POST', '/api/v1/import', { coordinateSystem: 'utm', stores: [{ code: 'S5', name: 'Nowhere', lat: 1, lon: 2 }] });
    expect(refused.json.errors).toEqual([{ kind: 'coordinateSystem', index: null, field: 'coordinateSystem', message: 'expected one of wgs84, gcj02, bd09' }]);
    expect(await gateway.runtime.sql.query('select 1 from stores where code = $1', ['S5'])).toEqual([]);
  });
});
