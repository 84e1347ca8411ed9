import { adminApi, authToken, countRows, eventually, gatewayWithFakeTwilio, postTwilio, publicUrl, smsForm } from '../support/gateway';
import { signTwilio } from '../support/twilioFake';

/** Intake cases run by one harness (courier handlertest): status, what was stored, what was sent. */
describe('POST /webhooks/twilio/sms', () => {
  const setup = gatewayWithFakeTwilio();
  const { twilio } = setup;

  const dealer = '+8613800000001';
  const stranger = '+8613911112222';
  const cases: {
    label: string;
    form: Record<string, string>;
    signature?: string | null;
    contentType?: string;
    expectStatus: number;
    expectStored: number;
    expectReply: RegExp | null;
  }[] = [
    { label: 'valid signature', form: smsForm(dealer, 'STOCK A100', 'SMvalid1'), expectStatus: 200, expectStored: 1, expectReply: /A100 .* 165/ },
    {
      label: 'wrong signature',
      form: smsForm(dealer, 'STOCK A100', 'SMwrong1'),
      signature: 'bm90IGEgc2lnbmF0dXJl',
      expectStatus: 403,
      expectStored: 0,
      expectReply: null,
    },
    {
      label: 'missing signature header',
      form: smsForm(dealer, 'STOCK A100', 'SMnohdr1'),
      signature: null,
      expectStatus: 403,
      expectStored: 0,
      expectReply: null,
    },
    { label: 'unknown number', form: smsForm(stranger, 'STOCK A100', 'SMstranger1'), expectStatus: 200, expectStored: 1, expectReply: /not registered|未在/ },
    { label: 'missing From', form: { MessageSid: 'SMnofrom1', Body: 'STOCK A100' }, expectStatus: 400, expectStored: 0, expectReply: null },
  ];

  test.each(cases)('$label', async ({ form, signature, expectStatus, expectStored, expectReply }) => {
    const response = await postTwilio(setup.gateway, '/webhooks/twilio/sms', form, { signature });
    expect(response.status).toBe(expectStatus);
    if (expectStatus === 200) expect(response.text).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await countRows(setup.gateway.runtime, 'select 1 from inbox where external_id = $1', [form.MessageSid])).toBe(expectStored);
    if (expectReply) {
      const [sent] = await twilio.waitForMessages(1);
      expect(sent!.form.To).toBe(form.From);
      expect(sent!.form.Body).toMatch(expectReply);
    } else {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(twilio.messages).toHaveLength(0);
    }
  });

  test('a body that is not form-encoded is refused and nothing is stored', async () => {
    const before = await countRows(setup.gateway.runtime, 'select 1 from inbox');
    const response = await fetch(`${setup.gateway.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-twilio-signature': 'x' },
      body: JSON.stringify(smsForm(dealer, 'STOCK A100')),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('MALFORMED_BODY');
    expect(await countRows(setup.gateway.runtime, 'select 1 from inbox')).toBe(before);
  });

  test('a repeated form key and the URL’s query are signed as Twilio signs them (sorted values, the full URL): accepted and stored once', async () => {
    const form = { ...smsForm(dealer, 'STOCK A100', 'SMrepeat1'), MediaUrl0: ['https://b.example.com/2', 'https://a.example.com/1'] };
    const response = await postTwilio(setup.gateway, '/webhooks/twilio/sms?source=sim&n=2', form);
    expect(response.status).toBe(200);
    expect(await countRows(setup.gateway.runtime, 'select 1 from inbox where external_id = $1', ['SMrepeat1'])).toBe(1);
    const [reply] = await twilio.waitForMessages(1);
    expect(reply!.form.Body).toMatch(/A100 .* 165/);
    // the same body signed without its query is somebody else's request
    const unsigned = await postTwilio(setup.gateway, '/webhooks/twilio/sms?source=sim&n=3', form, {
      signature: signTwilio(authToken, `${publicUrl}/webhooks/twilio/sms?source=sim&n=2`, form),
    });
    expect(unsigned.status).toBe(403);
  });

  test('a retried MessageSid is one inbox row and one reply', async () => {
    const form = smsForm(dealer, 'PRICE A100', 'SMretry1');
    const responses = await Promise.all(Array.from({ length: 8 }, () => postTwilio(setup.gateway, '/webhooks/twilio/sms', form)));
    expect(responses.map((r) => r.status)).toEqual(Array(8).fill(200));
    await twilio.waitForMessages(1);
    // and once more after it was processed
    expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', form)).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await countRows(setup.gateway.runtime, 'select 1 from inbox where external_id = $1', ['SMretry1'])).toBe(1);
    expect(twilio.messages).toHaveLength(1);
    expect(await countRows(setup.gateway.runtime, 'select 1 from outbox o join inbox i on i.id = o.in_reply_to where i.external_id = $1', ['SMretry1'])).toBe(
      1,
    );
  });

  test('webhooks arriving together are stored in one statement and queued as one job: each answered once', async () => {
    const forms = Array.from({ length: 30 }, (_, i) => smsForm(dealer, i % 3 ? 'STOCK A100' : 'PRICE B200', `SMtogether${i}`));
    const responses = await Promise.all(forms.map((form) => postTwilio(setup.gateway, '/webhooks/twilio/sms', form)));
    expect(responses.map((r) => r.status)).toEqual(Array(30).fill(200));
    await twilio.waitForMessages(30);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(twilio.messages).toHaveLength(30);
    const answered = await countRows(
      setup.gateway.runtime,
      `select distinct i.id from outbox o join inbox i on i.id = o.in_reply_to where i.external_id like 'SMtogether%' and i.status = 'processed'`,
    );
    expect(answered).toBe(30);
    const jobs = await setup.gateway.runtime.queues.inbound.getJobs(['completed']);
    const batches = jobs.filter((job) => job.name === 'process-batch');
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.length).toBeLessThan(30);
  });

  test('a lone webhook is queued as one job of its id, on a Redis connection of the queues’ own', async () => {
    const response = await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(dealer, 'STOCK A100', 'SMlone1'));
    expect(response.status).toBe(200);
    await twilio.waitForMessages(1);
    const [stored] = await setup.gateway.runtime.sql.query<{ id: string }>(`select id::text from inbox where external_id = 'SMlone1'`);
    const job = await setup.gateway.runtime.queues.inbound.getJob(`in-${stored!.id}`);
    expect(job?.data).toMatchObject({ inboxId: stored!.id, text: 'STOCK A100' });
    // The connection live events, rate limits and pacing share carries none of BullMQ's 64 scripts, whose
    // methods every pipeline there would copy (adapters/queue/queues.ts addJobs); the rate limiter's one is there.
    const scripts = Object.keys(setup.gateway.runtime.queues.connection.scriptsSet);
    expect(scripts).not.toContain('addStandardJob');
    expect(scripts.length).toBeLessThan(5);
  });

  test('a delivery report updates the outbound message, only forwards', async () => {
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(dealer, 'STOCK B200', 'SMstatus1'));
    const [sent] = await twilio.waitForMessages(1);
    const callback = new URL(sent!.form.StatusCallback!);
    const outboxId = callback.searchParams.get('outbox')!;
    const providerId = await eventually(async () => {
      const [row] = await setup.gateway.runtime.sql.query<{ provider_id: string | null }>('select provider_id from outbox where id = $1', [outboxId]);
      return row?.provider_id ?? undefined;
    });
    const report = (status: string, extra: Record<string, string> = {}) =>
      postTwilio(setup.gateway, callback.pathname + callback.search, { MessageSid: providerId, MessageStatus: status, AccountSid: 'AC', ...extra });
    expect((await report('delivered')).status).toBe(204);
    expect((await report('sent')).status).toBe(204); // arrives late: must not move the status back
    const [row] = await setup.gateway.runtime.sql.query<{ status: string; segments: number; encoding: string }>(
      'select status, segments, encoding from outbox where id = $1',
      [outboxId],
    );
    expect(row).toEqual({ status: 'delivered', segments: 1, encoding: 'UCS-2' });
    expect(
      (await postTwilio(setup.gateway, callback.pathname + callback.search, { MessageSid: providerId, MessageStatus: 'failed' }, { signature: 'bad' })).status,
    ).toBe(403);
  });

  test('error 21610 in a delivery report opts the number out', async () => {
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000003', 'HELP', 'SMoptout1'));
    const [sent] = await twilio.waitForMessages(1);
    const callback = new URL(sent!.form.StatusCallback!);
    const response = await postTwilio(setup.gateway, callback.pathname + callback.search, {
      MessageSid: 'SMunknown',
      MessageStatus: 'undelivered',
      ErrorCode: '21610',
    });
    expect(response.status).toBe(204);
    expect(await countRows(setup.gateway.runtime, `select 1 from contact_opt_outs where channel = 'sms' and address = '+8613800000003'`)).toBe(1);
  });

  test('the message log lists both directions, newest first', async () => {
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STATUS 2001', 'SMlog1'));
    await twilio.waitForMessages(1);
    const log = await eventually(async () => {
      const { json } = await adminApi(setup.gateway, 'GET', '/api/v1/messages?peer=%2B8613800000002&limit=2');
      return json.messages.length === 2 ? json.messages : undefined;
    });
    expect(log.map((m: { direction: string }) => m.direction)).toEqual(['out', 'in']);
    expect(log[1].text).toBe('STATUS 2001');
    expect(log[0].text).toMatch(/^Order 2001: waiting for approval/);
  });
});
