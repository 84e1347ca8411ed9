import gcoord from 'gcoord';
import { FakeTelegram } from '../support/telegramFake';
import { ManualClock, adminApi, startTestGateway, telegramSecret, type TestGateway } from '../support/gateway';

/** Drivers' pings: every form, refusals that store nothing, late pings, and a Telegram live location. */
describe('vehicle pings', () => {
  const telegram = new FakeTelegram();
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z')); // 10:00 in Shanghai
  let gateway: TestGateway;
  const dan = '+8613800000004';
  const ann = '+8613800000003';
  const tgDriver = 700000044;

  beforeAll(async () => {
    gateway = await startTestGateway({ clock, telegramApiRoot: await telegram.start() });
    await adminApi(gateway, 'POST', '/api/v1/import', {
      people: [{ id: 'Tess', name: 'Tess Ma', role: 'driver', telegramId: String(tgDriver), language: 'en', manager: 'Mei' }],
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await telegram.stop();
  });

  const say = async (from: string, text: string) =>
    (await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text })).json.replies.map((r: { text: string }) => r.text);
  const position = async (driver: string) =>
    (
      await gateway.runtime.sql.query<{ lat: number; lon: number; reported_at: Date; live_until: Date | null }>(
        'select lat, lon, reported_at, live_until from vehicle_positions where driver = $1',
        [driver],
      )
    )[0];
  const pings = async (driver: string) => (await gateway.runtime.sql.query('select 1 from pings where driver = $1', [driver])).length;

  test('LOC and the bare forms move the vehicle; a late tracker report is kept but does not move it back', async () => {
    expect(await say(dan, '位置 31.2304 121.4737')).toEqual(['已收到位置 31.23040, 121.47370（10:00）。']);
    clock.set('2026-11-23T02:01:00Z');
    expect(await say(dan, '31.2310,121.4745')).toEqual(['已收到位置 31.23100, 121.47450（10:01）。']);
    clock.set('2026-11-23T02:02:00Z');
    expect(await say(dan, 'geo:31.2320,121.4750;u=12')).toEqual(['已收到位置 31.23200, 121.47500（10:02）。']);
    expect(await position('Dan')).toMatchObject({ lat: 31.232, lon: 121.475 });
    // The tracker's own clock says 09:45 local: an older fix than the vehicle's.
    expect(await say(dan, 'lat:31.2100 long:121.4500 speed:35.0 T:26/11/23 09:45')).toEqual([
      '位置 31.21000, 121.45000（09:45）早于上一条（10:02），已存入轨迹。',
    ]);
    expect(await position('Dan')).toMatchObject({ lat: 31.232, lon: 121.475, reported_at: new Date('2026-11-23T02:02:00Z') });
    expect(await pings('Dan')).toBe(4);
  });

  test('refused with the form to use, nothing stored; a non-driver may not ping', async () => {
    expect(await say(dan, 'LOC 95.1 10.2')).toEqual(['位置超出范围（先纬度后经度）。请发送 位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置。']);
    expect(await say(dan, 'LOC somewhere near the depot')).toEqual(['无法识别位置。请发送 位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置。']);
    expect(await pings('Dan')).toBe(4);
    expect(await say(ann, 'LOC 31.2304 121.4737')).toEqual(['LOC is not available to you. Send HELP for your commands.']);
    // A promoter's bare numbers are no ping: they get their HELP.
    expect((await say(ann, '31.2,121.4'))[0]).toMatch(/^Commands: /);
    expect(await pings('Ann')).toBe(0);
  });

  test('a Telegram live location: its start is answered, each move is a silent ping, its end is noticed', async () => {
    const chat = { id: tgDriver, type: 'private', first_name: 'Tess' };
    const from = { id: tgDriver, is_bot: false, first_name: 'Tess', language_code: 'en' };
    const date = Math.floor(Date.parse('2026-11-23T02:00:00Z') / 1000);
    const post = (body: unknown) =>
      fetch(`${gateway.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret },
        body: JSON.stringify(body),
      });
    await post({ update_id: 9001, message: { message_id: 77, date, chat, from, location: { latitude: 31.2304, longitude: 121.4737, live_period: 3600 } } });
    const [started] = await telegram.waitFor(1);
    expect(started!.body).toMatchObject({ chat_id: tgDriver, text: 'Live location received at 31.23040, 121.47370: following until 11:00.' });
    await post({
      update_id: 9002,
      edited_message: {
        message_id: 77,
        date,
        edit_date: date + 60,
        chat,
        from,
        location: { latitude: 31.235, longitude: 121.48, live_period: 3600, horizontal_accuracy: 8 },
      },
    });
    await post({
      update_id: 9003,
      edited_message: { message_id: 77, date, edit_date: date + 120, chat, from, location: { latitude: 31.24, longitude: 121.485 } },
    });
    const calls = await telegram.waitFor(2);
    expect(calls.map((c) => c.body.text)).toEqual([
      'Live location received at 31.23040, 121.47370: following until 11:00.',
      'Live location ended at 31.24000, 121.48500.',
    ]);
    expect(await pings('Tess')).toBe(3);
    expect(await position('Tess')).toMatchObject({ lat: 31.24, lon: 121.485, live_until: null });
  });

  test('a Telegram venue is its location (the Bot API sets location beside venue)', async () => {
    const chat = { id: tgDriver, type: 'private', first_name: 'Tess' };
    const from = { id: tgDriver, is_bot: false, first_name: 'Tess', language_code: 'en' };
    const venue = { location: { latitude: 31.2253, longitude: 121.4447 }, title: 'Jing’an Temple', address: '1686 Nanjing W Rd' };
    const sent = telegram.sent('sendMessage').length;
    const response = await fetch(`${gateway.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret },
      body: JSON.stringify({
        update_id: 9010,
        message: { message_id: 90, date: Math.floor(Date.parse('2026-11-23T02:30:00Z') / 1000), chat, from, location: venue.location, venue },
      }),
    });
    expect(response.status).toBe(200);
    const calls = await telegram.waitFor(sent + 1);
    expect(calls.at(-1)!.body).toMatchObject({ chat_id: tgDriver, text: expect.stringContaining('31.22530, 121.44470') });
    expect(await position('Tess')).toMatchObject({ lat: 31.2253, lon: 121.4447 });
  });

  test('a China map link is GCJ-02 and stored as WGS-84; a short link, an address or a short Plus Code with nothing near is refused and stores nothing', async () => {
    clock.set('2026-11-23T03:00:00Z');
    const before = await pings('Dan');
    // People's Square in Amap's GCJ-02 (hujiulong/gcoord's conversion of 31.2304, 121.4737): stored where GPS would put it.
    const [lon, lat] = gcoord.transform([121.4737, 31.2304], gcoord.WGS84, gcoord.GCJ02) as [number, number];
    expect(await say(dan, `https://uri.amap.com/marker?position=${lon},${lat}&name=人民广场`)).toEqual(['已收到位置 31.23040, 121.47370（11:00）。']);
    expect(await say(dan, 'https://surl.amap.com/2xYz1AbC')).toEqual([
      '短链接无法打开，请打开后直接发送位置。请发送 位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置。',
    ]);
    expect(await say(dan, 'https://www.google.com/maps?daddr=Bahnhofplatz+3,+7000+Chur')).toEqual([
      '只有地名，没有坐标。请发送 位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置。',
    ]);
    expect(await pings('Dan')).toBe(before + 1);
    // A short Plus Code is completed near the vehicle's last position: 8Q336FJF+5F holds 31.2304, 121.4737 (a 14 m cell).
    expect(await say(dan, 'LOC 6FJF+5F 上海')).toEqual([expect.stringMatching(/^已收到位置 31\.230\d\d, 121\.473\d\d（11:00）。$/)]);
    expect(await pings('Dan')).toBe(before + 2);
    // Tess's last position is more than a day old by 26 November and she has no stop: nothing to complete it near.
    clock.set('2026-11-26T03:00:00Z');
    const tess = await pings('Tess');
    const { json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from: `tg:${tgDriver}`, text: 'LOC 6FJF+5F', channel: 'telegram' });
    expect(json.replies.map((r: { text: string }) => r.text)).toEqual([
      'That Plus Code is short: send the full code. Send LOC lat lon, e.g. LOC 31.2304 121.4737, or share your location.',
    ]);
    expect(await pings('Tess')).toBe(tess);
  });
});
