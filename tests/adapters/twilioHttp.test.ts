import twilio from 'twilio';
import { twilioRequestClient } from '../../adapters/sms/twilioHttp';
import { twilioSender } from '../../adapters/sms/twilio';
import { SendError } from '../../domain/ports';
import { FakeTwilio } from '../support/twilioFake';

/** The twilio SDK over node's http (adapters/sms/twilioHttp.ts): the requests Twilio receives, exactly, and what a slow or throttling Twilio becomes. */
describe('the twilio SDK over node http', () => {
  const fake = new FakeTwilio();
  const accountSid = `AC${'c'.repeat(32)}`;
  let base: string;
  beforeAll(async () => {
    base = await fake.start();
  });
  afterEach(() => fake.reset());
  afterAll(() => fake.stop());

  test('a message is the SDK’s form at the base URL’s origin and path, with Basic auth', async () => {
    const client = twilio(accountSid, 'token-1', { httpClient: twilioRequestClient(new URL(`${base}/relay/`)) as unknown as twilio.RequestClient });
    const sent = await client.messages.create({
      to: '+8613800000001',
      from: '+15005550006',
      body: '库存 A100：上海 40 & more',
      statusCallback: 'https://gw.example.com/webhooks/twilio/status?outbox=7',
      mediaUrl: ['https://a.example.com/1.jpg', 'https://a.example.com/2.jpg'],
    });
    const [request] = fake.messages;
    expect(request!.path).toBe(`/relay/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${accountSid}:token-1`).toString('base64')}`);
    expect(request!.form).toEqual({
      To: '+8613800000001',
      From: '+15005550006',
      Body: '库存 A100：上海 40 & more',
      StatusCallback: 'https://gw.example.com/webhooks/twilio/status?outbox=7',
      MediaUrl: 'https://a.example.com/2.jpg',
    });
    // a list is its key repeated, as the SDK's own client (qs, arrayFormat repeat) sends it
    expect(new URLSearchParams(request!.raw).getAll('MediaUrl')).toEqual(['https://a.example.com/1.jpg', 'https://a.example.com/2.jpg']);
    expect(sent.sid).toBe(fake.accepted[0]!.sid);
  });

  test('a listing sends its filters as the query (the settling look-up)', async () => {
    const sender = twilioSender({ accountSid, authToken: 't', from: '+15005550006', apiBaseUrl: base });
    await sender.send(
      { id: '1', channel: 'sms', transport: 'twilio', to: '+8613800000002', text: 'Order 1001 approved.', keyboard: null, attempts: 1, kind: 'reply' },
      null,
    );
    const found = await sender.lookup!(
      { id: '1', channel: 'sms', transport: 'twilio', to: '+8613800000002', text: 'Order 1001 approved.', keyboard: null, attempts: 1, kind: 'reply' },
      new Date(Date.now() - 60_000),
    );
    expect(found).toEqual([{ providerId: fake.accepted[0]!.sid, status: 'queued' }]);
    const listing = new URL(fake.requests.find((r) => r.method === 'GET')!.path, 'http://fake');
    expect(listing.searchParams.get('To')).toBe('+8613800000002');
    expect(listing.searchParams.get('DateSent>')).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  test('a 429 with Retry-After is a retry after exactly that wait', async () => {
    fake.respondWith(() => ({ status: 429, body: { code: 20429, message: 'Too Many Requests' }, headers: { 'Retry-After': '7' } }));
    const sender = twilioSender({ accountSid, authToken: 't', from: '+15005550006', apiBaseUrl: base });
    const refused = await sender
      .send({ id: '2', channel: 'sms', transport: 'twilio', to: '+8613800000003', text: 'hi', keyboard: null, attempts: 1, kind: 'reply' }, null)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SendError);
    expect(refused).toMatchObject({ kind: 'retry', code: '20429', details: { retryAfterMs: 7000 } });
  });

  test('no answer within the timeout: the request is given up with ETIMEDOUT (the send’s outcome is then unknown)', async () => {
    fake.delayMs = 1000;
    const client = twilioRequestClient(new URL(base), 200);
    const started = Date.now();
    const failed = await client
      .request({ method: 'post', uri: `https://api.twilio.com/2010-04-01/Accounts/${accountSid}/Messages.json`, data: { To: '+1', Body: 'x' }, headers: {} })
      .catch((error: { code?: string }) => error);
    expect(failed).toMatchObject({ code: 'ETIMEDOUT' });
    expect(Date.now() - started).toBeLessThan(900);
    expect(fake.messages).toHaveLength(1); // it had left: Twilio may have it
  });

  test('behind an HTTP_PROXY the SDK’s own client carries the requests', () => {
    process.env.HTTP_PROXY = 'http://proxy.example.com:3128';
    try {
      expect(twilioRequestClient(new URL(base))).toBeInstanceOf(twilio.RequestClient);
    } finally {
      delete process.env.HTTP_PROXY;
    }
    expect(twilioRequestClient(new URL(base))).not.toBeInstanceOf(twilio.RequestClient);
  });
});
