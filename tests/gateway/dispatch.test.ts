import { recoverUnfinished } from '../../gateway/pipeline';
import { twilioError } from '../support/twilioFake';
import { eventually, gatewayWithFakeTwilio, postTwilio, smsForm, startTestGateway, type TestGateway } from '../support/gateway';

/** The dispatcher: retryable failures are retried with backoff, permanent ones recorded, uncertain ones never sent twice. */
describe('outbound dispatch through Twilio', () => {
  // Unknown outcomes are settled with the provider a second after the attempt (its listing delay, 30 s by default).
  const setup = gatewayWithFakeTwilio({ env: { SETTLE_AFTER_SECONDS: '1' } });
  const { twilio } = setup;

  async function replyRow(messageSid: string, final: (status: string) => boolean) {
    return eventually(async () => {
      const [row] = await setup.gateway.runtime.sql.query<{ status: string; attempts: number; error_code: string | null; provider_id: string | null }>(
        `select o.status, o.attempts, o.error_code, o.provider_id from outbox o join inbox i on i.id = o.in_reply_to where i.external_id = $1`,
        [messageSid],
      );
      return row && final(row.status) ? row : undefined;
    }, 15_000);
  }

  test('429 from Twilio is retried with backoff and the message goes out once', async () => {
    let calls = 0;
    twilio.respondWith(() => (++calls <= 2 ? twilioError(429, 20429, 'Too Many Requests') : null));
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STOCK A100', 'SMthrottled'));
    const row = await replyRow('SMthrottled', (s) => s === 'queued');
    expect(row).toMatchObject({ status: 'queued', attempts: 3, error_code: null });
    expect(twilio.messages).toHaveLength(3);
    const gaps = [twilio.messages[1]!.at - twilio.messages[0]!.at, twilio.messages[2]!.at - twilio.messages[1]!.at];
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1800);
  });

  test("a 429's Retry-After is waited out exactly, without spending an attempt's backoff", async () => {
    let calls = 0;
    twilio.respondWith(() => (++calls === 1 ? { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'Retry-After': '3' } } : null));
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'PRICE A100', 'SMretryAfter'));
    const row = await replyRow('SMretryAfter', (s) => s === 'queued');
    expect(row).toMatchObject({ status: 'queued', attempts: 2, error_code: null });
    expect(twilio.messages).toHaveLength(2);
    const gap = twilio.messages[1]!.at - twilio.messages[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(2900); // the backoff alone would have been 1 s
    expect(gap).toBeLessThan(4500);
  });

  test('a permanent error is recorded and not retried', async () => {
    twilio.respondWith(() => twilioError(400, 21211, "The 'To' number is not a valid phone number."));
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STOCK B200', 'SMinvalid'));
    const row = await replyRow('SMinvalid', (s) => s === 'failed');
    expect(row).toMatchObject({ status: 'failed', attempts: 1, error_code: '21211' });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(twilio.messages).toHaveLength(1);
  });

  test('21610 (recipient unsubscribed) fails the message and opts the number out', async () => {
    twilio.respondWith(() => twilioError(400, 21610, 'Attempt to send to unsubscribed recipient'));
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000008', 'HELP', 'SMunsub'));
    await replyRow('SMunsub', (s) => s === 'failed');
    expect(await setup.gateway.runtime.store.contacts.isOptedOut('sms', '+8613800000008')).toBe(true);
  });

  test('Twilio took it but its answer was lost: the send is settled as sent, with the sid Twilio has, and not sent again', async () => {
    twilio.respondWith(() => 'reset');
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STATUS', 'SMreset'));
    await replyRow('SMreset', (s) => s === 'unknown');
    twilio.respondWith(() => null);
    const row = await replyRow('SMreset', (s) => s === 'queued');
    expect(row.provider_id).toBe(twilio.accepted[0]!.sid);
    expect(row.error_code).toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(twilio.messages).toHaveLength(1);
    expect(twilio.requests.filter((r) => r.method === 'GET' && r.path.includes('/Messages.json?'))).toHaveLength(1);
  });

  test('the request died before Twilio stored it: not found after the listing delay, it is sent once more', async () => {
    let calls = 0;
    twilio.respondWith(() => (++calls === 1 ? 'drop' : null));
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STATUS', 'SMdrop'));
    const row = await replyRow('SMdrop', (s) => s === 'queued');
    expect(row.attempts).toBe(2);
    expect(twilio.messages).toHaveLength(2);
    expect(twilio.accepted).toHaveLength(1);
    expect(row.provider_id).toBe(twilio.accepted[0]!.sid);
  });

  test('a send the process died in is settled by the recovery sweep: looked up, then sent once', async () => {
    const { sql } = setup.gateway.runtime;
    // A reply claimed for sending three minutes ago by a process that died.
    const [row] = await sql.query<{ id: string }>(
      `insert into outbox (channel, transport, recipient, body, kind, status, attempts, sending_since, updated_at)
       values ('sms', 'twilio', '+8613800000009', 'Order 10009 approved.', 'reply', 'sending', 1, now() - interval '3 minutes', now() - interval '3 minutes')
       returning id::text`,
    );
    await recoverUnfinished(setup.gateway.runtime);
    const settled = await eventually(async () => {
      const [now] = await sql.query<{ status: string; attempts: number; error_message: string | null }>(
        'select status, attempts, error_message from outbox where id = $1',
        [row!.id],
      );
      return now && now.status === 'queued' ? now : undefined;
    }, 15_000);
    expect(settled.attempts).toBe(2);
    expect(twilio.messages.map((m) => m.form.Body)).toEqual(['Order 10009 approved.']);
  });

  test('work a crash left between commit and enqueue is recovered, once', async () => {
    const { sql } = setup.gateway.runtime;
    // A message stored but never enqueued, and a reply committed but never enqueued, both a minute old.
    await sql.query(
      `insert into inbox (channel, transport, external_id, sender, body, received_at) values ('sms', 'twilio', 'SMorphan', '+8613800000002', 'PRICE B200', now() - interval '1 minute')`,
    );
    await sql.query(
      `insert into outbox (channel, transport, recipient, body, created_at) values ('sms', 'twilio', '+8613800000004', 'orphaned reply', now() - interval '1 minute')`,
    );
    expect(await recoverUnfinished(setup.gateway.runtime)).toMatchObject({ inbound: 1, outbound: 1 });
    const sent = await twilio.waitForMessages(2);
    expect(sent.map((m) => m.form.Body).sort()).toEqual(['B200 Electric kettle: your price ¥109.00', 'orphaned reply']);
    await recoverUnfinished(setup.gateway.runtime);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(twilio.messages).toHaveLength(2);
  });
});

/** Without workers (no settling sweep): a send left unknown is for an operator to see. */
describe('an unknown outcome nobody could settle', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(() => gateway.stop());

  test('a send still unknown after 10 minutes (the provider could not be asked) is in Needs attention', async () => {
    const { sql } = gateway.runtime;
    const [{ id }] = (await sql.query<{ id: string }>(
      `insert into outbox (channel, transport, recipient, body, kind, status, error_code, attempts, sending_since, updated_at)
       values ('sms', 'twilio', '+8613800000002', 'an unknown one', 'reply', 'unknown', 'UNKNOWN_OUTCOME', 1, now() - interval '11 minutes', now() - interval '11 minutes')
       returning id::text`,
    )) as [{ id: string }];
    const [{ id: fresh }] = (await sql.query<{ id: string }>(
      `insert into outbox (channel, transport, recipient, body, kind, status, error_code, attempts, sending_since)
       values ('sms', 'twilio', '+8613800000002', 'unknown a moment ago', 'reply', 'unknown', 'UNKNOWN_OUTCOME', 1, now()) returning id::text`,
    )) as [{ id: string }];
    const items = await gateway.runtime.attention.items(1, 500);
    expect(items.filter((i) => i.item === `out:${id}`)).toEqual([expect.objectContaining({ reason: 'failed-send', errorCode: 'UNKNOWN_OUTCOME' })]);
    expect(items.filter((i) => i.item === `out:${fresh}`)).toEqual([]); // the sweep settles it first
  });
});

/** Without workers, so that what is queued stays queued: the sweep puts back only work that cannot be waiting in the queue. */
describe('the recovery sweep behind a backlog', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ workers: false });
  });
  afterAll(() => gateway.stop());

  test('a message whose job was lost is put back; one waiting in the queue behind an older job is not (it would be processed twice)', async () => {
    const { sql, queues } = gateway.runtime;
    const stored = async (sid: string, ago: string) =>
      (
        await sql.query<{ id: string; received_at: Date }>(
          `insert into inbox (channel, transport, external_id, sender, body, received_at)
           values ('sms', 'twilio', $1, '+8613800000002', 'PRICE B200', now() - $2::interval) returning id::text, received_at`,
          [sid, ago],
        )
      )[0]!;
    // Lost: stored two minutes ago, its job never reached the queue. Waiting: stored a minute ago, its job
    // queued then and still waiting (a backlog longer than the sweep's 30 s), with a later one behind it.
    const lost = await stored('SMlostjob', '2 minutes');
    const waiting = await stored('SMwaitingjob', '1 minute');
    const behind = await stored('SMbehindjob', '40 seconds');
    for (const row of [waiting, behind])
      await queues.inbound.add(
        'process',
        {
          inboxId: row.id,
          channel: 'sms',
          transport: 'twilio',
          from: '+8613800000002',
          text: 'PRICE B200',
          payload: null,
          receivedAt: row.received_at.toISOString(),
        },
        { jobId: `in-${row.id}`, timestamp: row.received_at.getTime() },
      );
    expect(await recoverUnfinished(gateway.runtime)).toMatchObject({ inbound: 1 });
    const queued = (await queues.inbound.getWaiting()).map((job) => job.id).sort();
    expect(queued).toEqual([`in-${lost.id}`, `in-${waiting.id}`, `in-${behind.id}`].sort());
    // Once the backlog is gone (nothing queued), anything still unprocessed and older than 30 s is put back.
    await queues.inbound.drain();
    expect(await recoverUnfinished(gateway.runtime)).toMatchObject({ inbound: 3 });
  });
});
