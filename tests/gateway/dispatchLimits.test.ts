import type { OutboundMessage } from '../../domain/messages';
import { startScheduler } from '../../gateway/jobs';
import { FakeTelegram } from '../support/telegramFake';
import { FakeTwilio, twilioError } from '../support/twilioFake';
import { ManualClock, adminApi, eventually, startTestGateway, type TestGateway } from '../support/gateway';
import { network, settle } from '../support/proactive';

/** Provider rate limits seen where they matter, at the provider; the dead letters; what SMS cost; the schedulers. */
describe('dispatch under provider limits', () => {
  const twilio = new FakeTwilio();
  const telegram = new FakeTelegram();
  const clock = new ManualClock(new Date('2026-11-23T04:00:00Z'));
  let gateway: TestGateway;

  beforeAll(async () => {
    gateway = await startTestGateway({
      seed: false,
      twilioBaseUrl: await twilio.start(),
      telegramApiRoot: await telegram.start(),
      clock,
      env: {
        RATE_TWILIO_PER_SECOND: '2',
        RATE_TELEGRAM_PER_SECOND: '30',
        RATE_TELEGRAM_CHAT_PER_SECOND: '1',
        DAILY_MESSAGE_CAP: '0',
        SMS_PRICE_PER_SEGMENT: '0.05',
        SMS_PRICE_CURRENCY: 'CNY',
      },
    });
    await adminApi(gateway, 'POST', '/api/v1/import', {
      ...network,
      people: [
        ...network.people,
        { id: 'TgA', name: 'Chat A', role: 'customer', telegramId: '700000001', language: 'en' },
        { id: 'TgB', name: 'Chat B', role: 'customer', telegramId: '700000002', language: 'en' },
      ],
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await Promise.all([twilio.stop(), telegram.stop()]);
  });

  const message = (to: string, text: string, extra: Partial<OutboundMessage> = {}): OutboundMessage => ({
    channel: to.startsWith('tg:') ? 'telegram' : 'sms',
    transport: to.startsWith('tg:') ? 'telegram' : 'twilio',
    to,
    text,
    personId: null,
    inReplyTo: null,
    kind: 'dunning',
    notBefore: clock.now(),
    ...extra,
  });
  const gaps = (times: number[]) => times.slice(1).map((t, i) => t - times[i]!);

  test('Twilio at 2 messages/s: five messages arrive at least 500 ms apart, none lost', async () => {
    await gateway.runtime.store.outbox.add([1, 2, 3, 4, 5].map((i) => message('+8613900000001', `paced ${i}`)));
    await settle(gateway, clock);
    const arrived = await twilio.waitForMessages(5);
    expect(arrived.map((m) => m.form.Body).sort()).toEqual(['paced 1', 'paced 2', 'paced 3', 'paced 4', 'paced 5']);
    // Sends start exactly 500 ms apart; arrivals jitter by the time one request takes under load.
    for (const gap of gaps(arrived.map((m) => m.at))) expect(gap).toBeGreaterThanOrEqual(250);
    const span = arrived.at(-1)!.at - arrived[0]!.at;
    expect(span).toBeGreaterThanOrEqual(1800);
    expect(span).toBeLessThan(4000);
  });

  test('Telegram at 1 message/s per chat: each chat’s messages are a second apart, another chat is not held up', async () => {
    await gateway.runtime.store.outbox.add(['a1', 'a2', 'a3', 'b1'].map((text) => message(text.startsWith('a') ? 'tg:700000001' : 'tg:700000002', text)));
    await settle(gateway, clock);
    const calls = await telegram.waitFor(4);
    const toA = calls.filter((c) => c.body.chat_id === '700000001' || c.body.chat_id === 700000001);
    expect(toA).toHaveLength(3);
    for (const gap of gaps(toA.map((c) => c.at))) expect(gap).toBeGreaterThanOrEqual(800);
    const b1 = calls.find((c) => c.body.text === 'b1')!;
    expect(b1.at - toA[0]!.at).toBeLessThan(500);
  });

  test('a permanent failure is recorded with the provider’s code and shown among the dead letters; no retry', async () => {
    twilio.reset();
    twilio.respondWith((request) =>
      request.form.To === '+12125550101' ? twilioError(400, 21211, "The 'To' number +12125550101 is not a valid phone number.") : null,
    );
    await gateway.runtime.store.outbox.add([message('+12125550101', 'undeliverable')]);
    await settle(gateway, clock);
    const { status, json } = await adminApi(gateway, 'GET', '/api/v1/messages?status=failed');
    expect(status).toBe(200);
    expect(json.messages).toEqual([
      expect.objectContaining({ direction: 'out', peer: '+12125550101', text: 'undeliverable', kind: 'dunning', status: 'failed', errorCode: '21211' }),
    ]);
    expect(twilio.messages).toHaveLength(1);
    expect((await adminApi(gateway, 'GET', '/api/v1/messages?status=lost')).status).toBe(400);
  });

  test('the SMS cost report: segments and cost by kind and channel for a month', async () => {
    clock.set('2026-12-02T04:00:00Z');
    await gateway.runtime.store.outbox.add([
      message('+8613900000001', 'Your invoice is due.'),
      message('+8613900000001', '您的发票即将到期。'.repeat(5), { kind: 'alert' }), // 45 UCS-2 characters: one segment
      message('+8613900000001', '您的发票即将到期，请尽快安排付款，谢谢您的合作与支持。'.repeat(3), { kind: 'alert' }), // 81: two
      message('tg:700000002', 'On Telegram: no segments to pay for', { kind: 'alert' }),
    ]);
    await settle(gateway, clock);
    await eventually(async () => ((await adminApi(gateway, 'GET', '/api/v1/messages?status=pending')).json.messages.length === 0 ? true : undefined));
    const { json } = await adminApi(gateway, 'GET', '/api/v1/reports/sms-cost?month=2026-12');
    expect(json).toEqual({
      month: '2026-12',
      timezone: 'Asia/Shanghai',
      currency: 'CNY',
      pricePerSegment: 0.05,
      rows: [
        { kind: 'alert', channel: 'sms', messages: 2, segments: 1 + 2, cost: 0.15 },
        { kind: 'alert', channel: 'telegram', messages: 1, segments: 0, cost: 0 },
        { kind: 'dunning', channel: 'sms', messages: 1, segments: 1, cost: 0.05 },
      ],
      total: { messages: 4, segments: 4, cost: 0.2 },
    });
    expect((await adminApi(gateway, 'GET', '/api/v1/reports/sms-cost?month=2026-13')).status).toBe(400);
  });

  test('jobs: an unknown name or a malformed instant is refused; every job is scheduled once in its time zone', async () => {
    expect(await adminApi(gateway, 'POST', '/api/v1/jobs/lottery/run', {})).toMatchObject({ status: 404, json: { error: { code: 'UNKNOWN_JOB' } } });
    expect((await adminApi(gateway, 'POST', '/api/v1/jobs/dunning/run', { at: 'yesterday' })).status).toBe(400);
    const first = await startScheduler(gateway.runtime);
    const second = await startScheduler(gateway.runtime); // a restart, or a second worker process
    const schedulers = await gateway.runtime.queues.scheduled.getJobSchedulers();
    expect(schedulers.map((s) => [s.key, s.pattern, s.tz]).sort()).toEqual([
      ['alert-escalation', '*/5 * * * *', 'Asia/Shanghai'],
      ['birthdays', '0 * * * *', 'Asia/Shanghai'],
      ['checkin-reminders', '*/15 * * * *', 'Asia/Shanghai'],
      ['dunning', '0 9 * * *', 'Asia/Shanghai'],
      ['rebates', '40 * * * *', 'Asia/Shanghai'],
      ['sales-reminders', '*/15 * * * *', 'Asia/Shanghai'],
      ['stale-vehicles', '*/5 * * * *', 'Asia/Shanghai'],
      ['statements', '20 * * * *', 'Asia/Shanghai'],
    ]);
    await Promise.all([first.close(), second.close()]);
  });
});
