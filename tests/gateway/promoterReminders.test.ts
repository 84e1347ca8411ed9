import { FakeTwilio } from '../support/twilioFake';
import { ManualClock, adminApi, startTestGateway, type TestGateway } from '../support/gateway';
import { settle } from '../support/proactive';

/** Reminders for promoters, run as of chosen instants: one each, and none once they did it. */
describe('checkin-reminders and sales-reminders', () => {
  const twilio = new FakeTwilio();
  const clock = new ManualClock(new Date('2026-11-23T01:10:00Z')); // 09:10 in Shanghai
  let gateway: TestGateway;
  const pat = '+8613800000041';
  const pim = '+8613800000042';

  beforeAll(async () => {
    gateway = await startTestGateway({ clock, twilioBaseUrl: await twilio.start(), env: { SEND_WINDOWS: '09:00-20:00,reminder=10:00-22:00' } });
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      people: [
        { id: 'Pat', name: 'Pat Li', role: 'promoter', phone: pat, language: 'en', stores: ['S1'] },
        { id: 'Pim', name: 'Pim Ho', role: 'promoter', phone: pim, language: 'zh', stores: ['S1'] },
      ],
    });
    expect(json.errors).toEqual([]);
  });
  afterAll(async () => {
    await gateway.stop();
    await twilio.stop();
  });

  const run = async (job: string, at: string) => {
    clock.set(at);
    const { json } = await adminApi(gateway, 'POST', `/api/v1/jobs/${job}/run`, {});
    await settle(gateway, clock);
    return json;
  };
  const reply = async (from: string, text: string) => adminApi(gateway, 'POST', '/api/v1/simulate', { from, text });
  const proactive = () =>
    gateway.runtime.sql.query<{ person: string; status: string; error_code: string | null; body: string }>(
      `select person, status, error_code, body from outbox where kind = 'reminder' order by id`,
    );

  test('a missed check-in: one reminder after the grace period, cancelled if the promoter checks in before it leaves', async () => {
    await reply(pat, 'IN S1'); // 09:10
    expect(await run('checkin-reminders', '2026-11-23T01:29:00Z')).toMatchObject({ planned: 0 }); // 09:29: within the grace
    expect(await run('checkin-reminders', '2026-11-23T01:30:00Z')).toMatchObject({ planned: 2 }); // Ann and Pim; not Pat
    clock.set('2026-11-23T01:50:00Z');
    await reply(pim, '签到 S1'); // before the reminders' window opens at 10:00
    expect(await run('checkin-reminders', '2026-11-23T02:00:00Z')).toMatchObject({ planned: 0 });
    expect(await proactive()).toEqual([
      { person: 'Ann', status: 'queued', error_code: null, body: 'You have not checked in today. Send IN and your store code, e.g. IN S1.' },
      { person: 'Pim', status: 'cancelled', error_code: 'REASON_GONE', body: '您今天尚未签到，请发送 签到 门店编号，如 签到 S1。' },
    ]);
  });

  test('no sales report by 21:00: one reminder; check-ins left open close at midnight', async () => {
    clock.set('2026-11-23T10:00:00Z');
    await reply(pat, 'SALES A100 2');
    expect(await run('sales-reminders', '2026-11-23T12:59:00Z')).toMatchObject({ planned: 0 });
    expect(await run('sales-reminders', '2026-11-23T13:00:00Z')).toMatchObject({ planned: 2 }); // Ann and Pim
    expect(await run('sales-reminders', '2026-11-23T13:15:00Z')).toMatchObject({ planned: 0 });
    expect((await proactive()).slice(2).map((m) => [m.person, m.status])).toEqual([
      ['Ann', 'queued'],
      ['Pim', 'queued'],
    ]);

    expect(await run('checkin-reminders', '2026-11-23T16:15:00Z')).toMatchObject({ closedAtMidnight: 2, planned: 0 }); // 00:15: Pat and Pim's
    const closed = await gateway.runtime.sql.query<{ person: string; closed_at: Date; close_reason: string }>(
      `select person, closed_at, close_reason from checkins order by person`,
    );
    expect(closed).toEqual([
      { person: 'Pat', closed_at: new Date('2026-11-23T16:00:00Z'), close_reason: 'midnight' },
      { person: 'Pim', closed_at: new Date('2026-11-23T16:00:00Z'), close_reason: 'midnight' },
    ]);
  });
});
