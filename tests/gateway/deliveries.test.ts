import { ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * A delivery followed from shipment to DONE: Dan drives order 1002 to store S1, then to dealer D1.
 * Distances are haversine on the mean-radius sphere, worked out outside the code under test.
 */
describe('a delivery that knows where it is', () => {
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z')); // 10:00 in Shanghai
  let gateway: TestGateway;
  const dan = '+8613800000004';
  const dave = '+8613800000001';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
    await adminApi(gateway, 'POST', '/api/v1/import', {
      dealers: [{ code: 'D1', name: 'Huadong Appliances', creditLimit: 200_000, balance: 45_000, lat: 31.2304, lon: 121.4737 }],
    });
  });
  afterAll(() => gateway.stop());

  const ping = async (at: string, text: string) => {
    clock.set(at);
    return (await adminApi(gateway, 'POST', '/api/v1/simulate', { from: dan, text })).json.replies.map((r: { text: string }) => r.text);
  };
  const say = async (from: string, text: string) =>
    (await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text })).json.replies.map((r: { text: string }) => r.text);
  const toDave = async () =>
    (await gateway.runtime.sql.query<{ body: string }>(`select body from outbox where person = 'Dave' and kind = 'order-status' order by id`)).map(
      (r) => r.body,
    );
  const eta = async () => (await gateway.runtime.sql.query<{ eta: Date }>(`select eta from orders where number = '1002'`))[0]!.eta;

  test('shipment, pings, the ETA message, arrival at each stop, DONE', async () => {
    const shipped = await adminApi(gateway, 'POST', '/api/v1/orders/1002/status', {
      status: 'shipped',
      driver: 'Dan',
      stops: [{ store: 'S1' }, { dealer: 'D1' }],
    });
    expect(shipped.status).toBe(200);

    // 10:00, 16,757 m from S1; no speed yet: the floor, 15 km/h → 67.0 min → 11:07.
    expect(await ping('2026-11-23T02:00:00Z', 'LOC 31.1000 121.3000')).toEqual(['已收到位置 31.10000, 121.30000（10:00）。']);
    expect((await toDave()).at(-1)).toBe('订单 1002 正在送往 Xujiahui flagship，预计 11:07 到达。');
    // 10:10, 8,080 m to go at the 52.1 km/h of the last ten minutes → 9.3 min: 10:19:18. No second message.
    await ping('2026-11-23T02:10:00Z', '31.1500,121.3700');
    expect(Math.abs((await eta()).getTime() - Date.parse('2026-11-23T02:19:18.7Z'))).toBeLessThan(1000);
    expect((await toDave()).filter((m) => m.includes('正在送往 Xujiahui'))).toHaveLength(1);
    expect(await say(dave, 'STATUS 1002')).toEqual([expect.stringContaining('配送中，下一站 Xujiahui flagship，预计 11-23 10:19 送达')]);

    // 10:20, 101 m from S1: inside the 200 m radius.
    await ping('2026-11-23T02:20:00Z', 'geo:31.1960,121.4370');
    expect((await toDave()).at(-1)).toBe('订单 1002：司机已到达 Xujiahui flagship。');
    expect(await say(dan, '送达 1002')).toEqual(['订单 1002：Xujiahui flagship 已送达。下一站：Huadong Appliances。']);
    expect((await toDave()).at(-1)).toBe('订单 1002：已在 Xujiahui flagship 送达。');

    // 10:30, 3,198 m from D1 at the 37.7 km/h of the last half hour → 5.1 min: 10:35.
    await ping('2026-11-23T02:30:00Z', 'https://maps.google.com/?q=31.2100,121.4500');
    expect((await toDave()).at(-1)).toBe('订单 1002 正在送往 Huadong Appliances，预计 10:35 到达。');
    // 10:40, 73 m from D1.
    await ping('2026-11-23T02:40:00Z', 'LOC 31.2310 121.4740');
    expect((await toDave()).at(-1)).toBe('订单 1002：司机已到达 Huadong Appliances。');
    expect(await say(dan, 'DONE 1002')).toEqual(['订单 1002：已在 Huadong Appliances 送达，谢谢。']);
    expect((await toDave()).at(-1)).toBe('订单 1002：已送达。');
    expect(await say(dave, 'STATUS 1002')).toEqual([expect.stringContaining('订单 1002：已送达')]);
    expect(await say(dan, 'DONE 1002')).toEqual(['未找到您的订单 1002。']);
  });

  test('stops that cannot be located are refused, and nothing ships', async () => {
    const refused = await adminApi(gateway, 'POST', '/api/v1/orders/2001/status', { status: 'shipped', driver: 'Dan', stops: [{ dealer: 'D3' }] });
    expect(refused.status).toBe(409); // 2001 waits for approval: it cannot ship at all
    await adminApi(gateway, 'POST', '/api/v1/import', { orders: [{ number: '3001', dealer: 'D3', status: 'approved', lines: [{ sku: 'A100', qty: 1 }] }] });
    const unlocated = await adminApi(gateway, 'POST', '/api/v1/orders/3001/status', { status: 'shipped', driver: 'Dan', stops: [{ dealer: 'D3' }] });
    expect(unlocated).toMatchObject({ status: 400, json: { error: { code: 'DELIVERY.UNLOCATED', message: 'No location for D3: a stop needs one.' } } });
    expect((await gateway.runtime.sql.query<{ status: string }>(`select status from orders where number = '3001'`))[0]!.status).toBe('approved');
  });

  test('the fleet view, a track, and a silent vehicle raising one alert that escalates, resolved by its next ping', async () => {
    const { json: fleet } = await adminApi(gateway, 'GET', '/api/v1/vehicles');
    expect(fleet.vehicles).toEqual([expect.objectContaining({ id: 'Dan', driver: 'Liu Dan', lat: 31.231, lon: 121.474, delivery: null })]);
    const { json: track } = await adminApi(gateway, 'GET', '/api/v1/vehicles/Dan/track?from=2026-11-23T02:00:00Z&to=2026-11-23T02:35:00Z');
    expect(track.pings.map((p: { lat: number; form: string }) => [p.lat, p.form])).toEqual([
      [31.1, 'pair'],
      [31.15, 'pair'],
      [31.196, 'geo'],
      [31.21, 'google'],
    ]);
    expect((await adminApi(gateway, 'GET', '/api/v1/vehicles/Nobody/track?from=2026-11-23T02:00:00Z&to=2026-11-23T03:00:00Z')).status).toBe(404);

    // A new delivery; Dan last pinged at 10:40 and then goes quiet.
    await adminApi(gateway, 'POST', '/api/v1/import', { orders: [{ number: '3002', dealer: 'D1', status: 'approved', lines: [{ sku: 'A100', qty: 1 }] }] });
    expect((await adminApi(gateway, 'POST', '/api/v1/orders/3002/status', { status: 'shipped', driver: 'Dan' })).json.status).toBe('shipped');
    const run = async (job: string, at: string) => {
      clock.set(at);
      return (await adminApi(gateway, 'POST', `/api/v1/jobs/${job}/run`, {})).json;
    };
    expect(await run('stale-vehicles', '2026-11-23T03:05:00Z')).toMatchObject({ raised: 0 }); // 11:05: 25 minutes of quiet
    expect(await run('stale-vehicles', '2026-11-23T03:15:00Z')).toMatchObject({ raised: 1 }); // 11:15: 35 minutes
    expect(await run('stale-vehicles', '2026-11-23T03:20:00Z')).toMatchObject({ raised: 0 }); // raised once
    const told = async () =>
      (await gateway.runtime.sql.query<{ person: string; body: string }>(`select person, body from outbox where kind = 'alert' order by id`)).map(
        (r) => `${r.person}: ${r.body}`,
      );
    expect(await told()).toEqual([expect.stringMatching(/^Mei: 预警 \d+：司机 Liu Dan 自 10:40 无位置，订单 3002 未送达。回复 确认 \d+$/)]);
    // Mei is the top of Dan's chain: the alert climbs no further, and Dan's next ping resolves it.
    expect(await run('alert-escalation', '2026-11-23T05:30:00Z')).toMatchObject({ escalated: 1 });
    expect((await told()).filter((m) => m.includes('Liu Dan'))).toHaveLength(1);
    await ping('2026-11-23T05:31:00Z', 'LOC 31.2000 121.4400');
    expect(await run('stale-vehicles', '2026-11-23T05:35:00Z')).toMatchObject({ resolved: 1 });
    // Off duty (21:00 local) a silence is no alert.
    expect(await run('stale-vehicles', '2026-11-23T13:00:00Z')).toMatchObject({ raised: 0 });
  });

  test('arrival at the geofence edge: 201 m from the stop is not there yet, 199 m is', async () => {
    await adminApi(gateway, 'POST', '/api/v1/import', { orders: [{ number: '3003', dealer: 'D1', status: 'approved', lines: [{ sku: 'A100', qty: 1 }] }] });
    await adminApi(gateway, 'POST', '/api/v1/orders/3003/status', { status: 'shipped', driver: 'Dan', stops: [{ store: 'S1' }] });
    // Due north of S1 (31.1952, 121.4365): 201.0 m and 199.0 m on the mean-radius sphere.
    await ping('2026-11-23T06:00:00Z', 'LOC 31.1970077 121.4365');
    expect((await toDave()).filter((m) => m.includes('3003') && m.includes('到达 Xujiahui'))).toEqual([]);
    await ping('2026-11-23T06:01:00Z', 'LOC 31.1969896 121.4365');
    expect((await toDave()).filter((m) => m.includes('3003') && m.includes('司机已到达'))).toEqual(['订单 3003：司机已到达 Xujiahui flagship。']);
  });
});
