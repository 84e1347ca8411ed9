import { ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/** Service requests followed from FIX to closed over SMS (the simulator), every notification asserted. */
describe('service tickets', () => {
  const clock = new ManualClock(new Date('2026-11-23T02:00:00Z')); // 10:00 in Shanghai
  let gateway: TestGateway;
  const cora = '+8613800000071';
  const tom = '+8613800000006';
  const tia = '+8613800000072';
  const dave = '+8613800000001';
  const diana = '+8613800000002';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      dealers: [
        { code: 'D1', name: 'Huadong Appliances', creditLimit: 200_000, balance: 45_000, lat: 31.2304, lon: 121.4737 },
        { code: 'D2', name: 'Nanfang Trading', creditLimit: 80_000, balance: 72_000, region: 'south' },
      ],
      people: [
        { id: 'Cora', name: 'Cora Yu', role: 'customer', phone: cora, language: 'en', stores: ['S1'] },
        { id: 'Tia', name: 'Tia Ho', role: 'technician', phone: tia, language: 'en', manager: 'Mei' },
      ],
      servicePoints: [
        { code: 'SP1', name: 'Shanghai Service', lat: 31.2, lon: 121.45, stores: ['S1'], technicians: ['Tom'] },
        { code: 'SP2', name: 'South Service', regions: ['south'], technicians: ['Tia'] },
        { code: 'SP3', name: 'Beijing Service', lat: 39.9042, lon: 116.4074 },
      ],
    });
    expect(json.errors).toEqual([]);
  });
  afterAll(() => gateway.stop());

  const say = async (from: string, text: string, at?: string) => {
    if (at) clock.set(at);
    return (await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text })).json.replies.map((r: { text: string }) => r.text);
  };
  const notices = async () =>
    (await gateway.runtime.sql.query<{ person: string; body: string }>(`select person, body from outbox where kind = 'ticket' order by id`)).map(
      (r) => `${r.person}: ${r.body}`,
    );

  test('FIX to closed: assignment by store, technician told, privacy, only the assigned point works it, the filer told of the resolution', async () => {
    expect(await say(cora, 'FIX A100 SN12345 screen cracked')).toEqual([
      'Ticket 88 filed for A100 (SN12345), assigned to Shanghai Service. Send TICKET 88 for its status.',
    ]);
    expect(await notices()).toEqual(['Tom: 工单 88：A100 SN12345：screen cracked。报修人 Cora Yu +8613800000071。开始处理请回复 工单 88 开始。']);
    expect(await say(cora, 'TICKET 88')).toEqual(['Ticket 88 (A100): assigned at Shanghai Service; updated 11-23 10:00']);
    expect(await say(diana, 'TICKET 88')).toEqual(['No ticket 88 of yours.']); // another dealer's: it reads as unknown
    expect(await say('+8613800000003', 'TICKET 88')).toEqual(['TICKET is not available to you. Send HELP for your commands.']);
    expect(await say(tia, 'TICKET 88 START')).toEqual(['No ticket 88 of yours.']);
    expect(await say(tom, '工单 999')).toEqual(['未找到您的工单 999。']); // refusals in the reader's language

    expect(await say(tom, '工单 88 开始', '2026-11-23T03:00:00Z')).toEqual(['工单 88：处理中。']);
    expect(await say(tom, '工单 88 完成 更换屏幕', '2026-11-23T05:00:00Z')).toEqual(['工单 88：已解决。']);
    expect((await notices()).at(-1)).toBe('Cora: Ticket 88 (A100) resolved: 更换屏幕. Reply TICKET 88 to see it.');
    // With Chinese in it the reply is UCS-2, 70 characters a segment: it goes as two SMS.
    expect(await say(cora, 'TICKET 88')).toEqual(['Ticket 88 (A100): resolved at Shanghai Service; updated 11-23 13:00:', '更换屏幕']);

    expect((await adminApi(gateway, 'POST', '/api/v1/tickets/88/status', { status: 'closed' })).json).toEqual({
      number: '88',
      from: 'resolved',
      status: 'closed',
    });
    expect((await adminApi(gateway, 'POST', '/api/v1/tickets/88/status', { status: 'cancelled' })).status).toBe(409);
    expect((await say(cora, 'TICKET 88'))[0]).toMatch(/^Ticket 88 \(A100\): closed at Shanghai Service/);
    expect(await notices()).toHaveLength(2);
  });

  test('assignment: nearest for a located dealer, by region, none for a filer with no place; an unknown product files nothing', async () => {
    expect(await say(dave, '报修 A100 屏幕碎了', '2026-11-23T02:05:00Z')).toEqual(['已报修 A100，工单号 89，由 Shanghai Service 处理。查询请发 工单 89。']);
    expect(await say(diana, 'FIX B200 leaking')).toEqual(['Ticket 90 filed for B200, assigned to South Service. Send TICKET 90 for its status.']);
    expect((await notices()).at(-1)).toBe('Tia: Ticket 90: B200: leaking. From Diana Huang +8613800000002. Reply TICKET 90 START when you begin.');
    expect(await say('+8613800000005', '报修 C300 不加热')).toEqual(['已报修 C300，工单号 91，稍后分配服务网点。查询请发 工单 91。']);
    expect(await say(cora, 'FIX A1O0 broken')).toEqual(['Unknown product A1O0. Did you mean A100?']);
    expect(await say(cora, 'FIX A100')).toEqual(['What is wrong with the A100? Describe it in a few words.']); // a dialog asks (see the Telegram test)
    const { json } = await adminApi(gateway, 'GET', '/api/v1/tickets?status=assigned');
    expect(json.tickets.map((t: { number: string; servicePoint: string }) => [t.number, t.servicePoint])).toEqual([
      ['89', 'SP1'],
      ['90', 'SP2'],
    ]);
  });

  test('KPIs by service point: median and 90th percentile of response and resolution, in hours', async () => {
    await say(tom, 'TICKET 89 START', '2026-11-23T02:35:00Z'); // 0.5 h after filing at 10:05
    await say(tom, 'TICKET 89 DONE glued', '2026-11-23T06:05:00Z'); // 4 h
    const { json } = await adminApi(gateway, 'GET', '/api/v1/reports/service-kpi?month=2026-11');
    // SP1: responses 1 h (88) and 0.5 h (89): median 0.75, p90 0.5 + 0.9 × 0.5 = 0.95; resolutions 3 h and 4 h: 3.5 and 3.9.
    expect(json.servicePoints).toEqual([
      { servicePoint: 'SP1', tickets: 2, responseHours: { median: 0.75, p90: 0.95 }, resolutionHours: { median: 3.5, p90: 3.9 } },
      { servicePoint: 'SP2', tickets: 1, responseHours: { median: null, p90: null }, resolutionHours: { median: null, p90: null } },
    ]);
  });

  test('a ticket past its response target raises an alert that escalates; an operator assigns a ticket and both sides are told', async () => {
    await adminApi(gateway, 'POST', '/api/v1/import', {
      people: [{ id: 'Tia', name: 'Tia Ho', role: 'technician', phone: tia, language: 'en', manager: 'Sam' }],
    });
    const late = async () =>
      await gateway.runtime.sql.query<{ subject: string; holder: string; level: number }>(
        `select subject, holder, level from alerts where kind = 'ticket-late' and resolved_at is null order by subject`,
      );
    const run = async (at: string) => {
      clock.set(at);
      return (await adminApi(gateway, 'POST', '/api/v1/jobs/alert-escalation/run', {})).json;
    };
    // Filed at 10:05 on the 23rd, normal priority: 24 hours to be started.
    await run('2026-11-24T02:04:00Z');
    expect(await late()).toEqual([]);
    await run('2026-11-24T02:05:00Z');
    // 90 (South Service, not started): Tia's manager Sam; 91 (unassigned): the top manager, Mei.
    expect(await late()).toEqual([
      { subject: '90', holder: 'Sam', level: 0 },
      { subject: '91', holder: 'Mei', level: 0 },
    ]);
    const alertsTo = async (person: string) =>
      (await gateway.runtime.sql.query<{ body: string }>(`select body from outbox where kind = 'alert' and person = $1 order by id`, [person])).map(
        (r) => r.body,
      );
    expect((await alertsTo('Sam')).at(-1)).toMatch(/^Alert \d+: ticket 90 \(B200, normal\) not started past its 24 h target\. Reply ACK \d+$/);
    await run('2026-11-24T04:05:00Z'); // two hours unacknowledged: up to Sam's manager
    expect(await late()).toEqual([
      { subject: '90', holder: 'Mei', level: 1 },
      { subject: '91', holder: 'Mei', level: 0 },
    ]);
    expect((await alertsTo('Mei')).at(-1)).toMatch(/^预警 \d+（Sam Zhou 未确认，已上报）：工单 90（B200，普通）未开始，已超 24 小时。回复 确认 \d+$/);

    // An operator assigns 91; Chen and Tom hear of it. Tia starts 90: its alert resolves.
    const before = (await notices()).length;
    expect((await adminApi(gateway, 'POST', '/api/v1/tickets/91/status', { status: 'assigned', servicePoint: 'SP1' })).json).toEqual({
      number: '91',
      from: 'open',
      status: 'assigned',
    });
    expect((await notices()).slice(before)).toEqual([
      'Chen: 工单 91（C300）已分配给 Shanghai Service。',
      'Tom: 工单 91：C300：不加热。报修人 Chen Jie +8613800000005。开始处理请回复 工单 91 开始。',
    ]);
    await say(tia, 'TICKET 90 START', '2026-11-24T04:10:00Z');
    expect((await run('2026-11-24T04:11:00Z')).resolved).toBeGreaterThanOrEqual(1);
    expect((await late()).map((a) => a.subject)).toEqual(['91']);
  });
});
