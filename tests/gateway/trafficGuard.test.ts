import { tellSlowedDown } from '../../commands/steps/guarded';
import { eventually, gatewayWithFakeTwilio, postTwilio, signedInOperator, smsForm } from '../support/gateway';

/**
 * The traffic guard (issue 17, part 6): a sender over their pace is slowed with one notice and
 * loses nothing; the same text bouncing from another robot stops being answered; replies to
 * unregistered numbers are capped per number and per number prefix (SMS pumping).
 */
describe('the traffic guard', () => {
  const setup = gatewayWithFakeTwilio({
    env: { SENDER_MESSAGES_PER_MINUTE: '8', REPEATED_TEXT_LIMIT: '3', UNREGISTERED_REPLIES_PER_HOUR: '2', UNREGISTERED_REPLIES_PER_PREFIX_PER_HOUR: '3' },
  });
  const { twilio } = setup;
  const sql = () => setup.gateway.runtime.sql;
  const to = (number: string) => twilio.messages.filter((m) => m.form.To === number).map((m) => m.form.Body!);
  const inbox = (number: string) =>
    sql().query<{ status: string; reading: { outcome: string; command: string } | null }>(`select status, reading from inbox where sender = $1 order by id`, [
      number,
    ]);
  const processed = (number: string, count: number) =>
    eventually(async () => ((await inbox(number)).filter((r) => r.status === 'processed').length >= count ? true : undefined), 15_000);
  let sid = 0;
  const send = (from: string, text: string) => postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(from, text, `SMguard${sid++}`));

  test('a number sending 14 messages at once: 8 answered now, one notice, the rest held and answered in their turn', async () => {
    const diana = '+8613800000002';
    const texts = Array.from({ length: 14 }, (_, i) => `PRICE A100 ${i + 1}`);
    for (const response of await Promise.all(texts.map((text) => send(diana, text)))) expect(response.status).toBe(200);
    await processed(diana, 8);
    await eventually(async () => (to(diana).length >= 9 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(to(diana).filter((b) => b.includes('faster than we answer'))).toHaveLength(1);
    expect((await inbox(diana)).filter((r) => r.status === 'received')).toHaveLength(6);
    // The minute passes (its counter expires); the held messages come back and are answered, each once, with no second notice.
    const { queues } = setup.gateway.runtime;
    for (let round = 0; round < 5 && (await inbox(diana)).some((r) => r.status === 'received'); round++) {
      await queues.connection.del(`${queues.prefix}:pace:${diana}`);
      for (const job of await queues.inbound.getDelayed()) await job.promote();
      await new Promise((resolve) => setTimeout(resolve, 300));
    }
    await processed(diana, 14);
    await eventually(async () => (to(diana).length >= 15 ? true : undefined));
    const quantities = to(diana).flatMap((b) => /^A100 x(\d+):/.exec(b)?.[1] ?? []);
    expect(quantities.map(Number).sort((a, b) => a - b)).toEqual(texts.map((_, i) => i + 1));
    expect(to(diana).filter((b) => b.includes('faster than we answer'))).toHaveLength(1);
  });

  test('the notice is kept by the outbox too: told again within its spell (Redis forgot, a worker died between), nothing more is queued', async () => {
    const message = {
      inboxId: '0',
      channel: 'sms' as const,
      transport: 'twilio' as const,
      externalId: 'SMspell',
      from: '+8613800000004',
      to: null,
      text: 'LOC 31.2 121.4',
      receivedAt: new Date(),
    };
    const { store } = setup.gateway.runtime;
    await tellSlowedDown(store, message as never);
    await tellSlowedDown(store, { ...message, externalId: 'SMspell2' } as never);
    const rows = await sql().query(`select 1 from outbox where recipient = $1 and dedupe_key like 'slowed:%'`, [message.from]);
    expect(rows).toHaveLength(1);
  });

  test('an auto-reply bouncing the same text: answered three times, then not; another text, and a command repeated, still are', async () => {
    const dave = '+8613800000001';
    for (let i = 0; i < 5; i++) {
      expect((await send(dave, 'Auto-reply: I am out of the office until Monday')).status).toBe(200);
      await processed(dave, i + 1);
    }
    const readings = (await inbox(dave)).map((r) => r.reading?.outcome === 'unanswered' && r.reading.command);
    expect(readings).toEqual([false, false, false, 'echo', 'echo']);
    await eventually(async () => (to(dave).length >= 3 ? true : undefined));
    await send(dave, 'STOCK A100');
    await processed(dave, 6);
    await eventually(async () => (to(dave).some((b) => b.includes('A100')) ? true : undefined));
    expect(to(dave)).toHaveLength(4);
    // A command repeated for good reasons (YES after YES, with nothing waiting here) is answered every time.
    const sam = '+8613800000008';
    for (let i = 0; i < 5; i++) {
      await send(sam, 'YES');
      await processed(sam, i + 1);
    }
    await eventually(async () => (to(sam).length === 5 ? true : undefined));
    expect((await inbox(sam)).map((r) => r.reading?.outcome ?? null)).not.toContain('unanswered');
    // The console's thread says why those were not answered.
    const operator = await signedInOperator(setup.gateway, { email: 'guard@example.com', role: 'viewer' });
    const page = await fetch(`${setup.gateway.url}/console/conversations/${encodeURIComponent(dave)}`, {
      headers: { cookie: operator.cookie, 'accept-language': 'en' },
    });
    const html = await page.text();
    expect(html.match(/not answered: the same text again and again/g)).toHaveLength(2);
  });

  test('unregistered numbers: two replies per number an hour, three per prefix; another prefix and a registered person are answered', async () => {
    const first = '+8613912340001';
    for (let i = 0; i < 4; i++) await send(first, `hello ${i}`);
    await processed(first, 4);
    expect(to(first)).toHaveLength(2);
    expect((await inbox(first)).map((r) => r.reading?.command ?? null)).toEqual([null, null, 'capped', 'capped']);
    // Pumping through other numbers of the same prefix (+86139): one reply is left for all of them.
    const others = ['+8613912340002', '+8613912340003', '+8613912340004'];
    for (const number of others) {
      await send(number, 'hello');
      await processed(number, 1);
    }
    expect(others.map((n) => to(n).length)).toEqual([1, 0, 0]);
    // Needs attention lists the unregistered senders once answered, not every pumped message.
    const items = await setup.gateway.runtime.attention.items(1, 500);
    const listed = (number: string) => items.filter((i) => i.reason === 'unregistered' && i.peer === number).length;
    expect([first, ...others].map(listed)).toEqual([2, 1, 0, 0]);
    const elsewhere = '+8613712340001';
    await send(elsewhere, 'hello');
    await processed(elsewhere, 1);
    await eventually(async () => (to(elsewhere).length === 1 ? true : undefined));
    expect(to(elsewhere)[0]).toContain('not registered');
  });
});
