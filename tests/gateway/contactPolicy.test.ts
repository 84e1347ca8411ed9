import { startWorkers } from '../../gateway/pipeline';
import type { OutboundMessage, ProactiveKind } from '../../domain/messages';
import { adminApi, postTwilio, smsForm } from '../support/gateway';
import { network, proactiveGateway, settle } from '../support/proactive';

/** The contact policy end to end: opt-out, the daily cap's priority, birthdays, and runs that race. */
describe('contact policy', () => {
  const ctx = proactiveGateway(
    '2026-11-23T02:00:00Z',
    { SEND_WINDOWS: '09:00-20:00', DAILY_MESSAGE_CAP: '3' },
    {
      ...network,
      people: [
        ...network.people,
        { id: 'Leap', name: 'Leap Day', role: 'customer', phone: '+85291230000', language: 'en', timezone: 'Asia/Hong_Kong', birthday: '2000-02-29' },
        { id: 'Ny', name: 'Ny Customer', role: 'customer', phone: '+12125550199', language: 'en', timezone: 'America/New_York', birthday: '11-24' },
      ],
    },
  );
  const { twilio, clock } = ctx;

  const statusOf = async (dedupeKey: string) =>
    (
      await ctx.gateway.runtime.sql.query<{ status: string; error_code: string | null; not_before: Date | null; held_for: string | null }>(
        'select status, error_code, not_before, held_for from outbox where dedupe_key = $1',
        [dedupeKey],
      )
    )[0];

  /** Proactive messages to Wu, all due at the clock's now. */
  const planForWu = (kinds: ProactiveKind[], tag: string): OutboundMessage[] =>
    kinds.map((kind) => ({
      channel: 'sms',
      transport: 'twilio',
      to: '+8613900000001',
      text: `${kind} ${tag}`,
      personId: 'Wu',
      inReplyTo: null,
      kind,
      notBefore: clock.now(),
      dedupeKey: `${tag}:${kind}`,
      expiresAt: kind === 'birthday' ? new Date('2026-11-23T16:00:00Z') : null,
    }));

  test('the daily cap keeps the most urgent: approval, alert and dunning go, the birthday greeting is dropped, not delayed', async () => {
    clock.set('2026-11-23T02:00:00Z'); // 10:00 in Shanghai
    await ctx.gateway.runtime.store.outbox.add(planForWu(['birthday', 'dunning', 'alert', 'approval'], 'cap'));
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.Body).sort()).toEqual(['alert cap', 'approval cap', 'dunning cap']);
    expect(await statusOf('cap:birthday')).toMatchObject({ status: 'cancelled', error_code: 'CAPPED' });
    const metrics = await (await fetch(`${ctx.gateway.url}/metrics`)).text();
    expect(metrics).toContain('fieldline_contact_policy_total{kind="birthday",decision="CAPPED"} 1');
    expect(metrics).toContain('fieldline_contact_policy_total{kind="approval",decision="sent"} 1');

    // Later that day the cap is full: another dunning step waits for tomorrow's 09:00, an approval request does not wait.
    twilio.reset();
    clock.set('2026-11-23T05:00:00Z');
    await ctx.gateway.runtime.store.outbox.add(planForWu(['dunning', 'approval'], 'later'));
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.Body)).toEqual(['approval later']);
    expect(await statusOf('later:dunning')).toMatchObject({ status: 'pending', not_before: new Date('2026-11-24T01:00:00Z'), held_for: 'daily-cap' });
    // The outbox says why it waits.
    const [held] = await ctx.gateway.runtime.reads.outbox({ view: 'scheduled', kind: 'dunning', channel: null, code: null, from: null, to: null, limit: 10 });
    expect(held!.heldFor).toBe('daily-cap');
    clock.set('2026-11-24T01:00:00Z');
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.Body)).toEqual(['approval later', 'dunning later']);
  });

  test('after STOP nothing proactive reaches the number on SMS; replies still do; START resumes', async () => {
    clock.set('2026-11-25T02:00:00Z');
    await postTwilio(ctx.gateway, '/webhooks/twilio/sms', smsForm('+8613900000001', '退订'));
    await twilio.waitForMessages(1);
    expect(twilio.messages[0]!.form.Body).toBe('已退订，不再发送通知。回复 订阅 可恢复。');
    await ctx.gateway.runtime.store.outbox.add(planForWu(['dunning', 'alert'], 'stopped'));
    await settle(ctx.gateway, clock);
    expect(await statusOf('stopped:dunning')).toMatchObject({ status: 'cancelled', error_code: 'OPTED_OUT' });
    expect(await statusOf('stopped:alert')).toMatchObject({ status: 'cancelled', error_code: 'OPTED_OUT' });
    expect(twilio.messages).toHaveLength(1);

    await postTwilio(ctx.gateway, '/webhooks/twilio/sms', smsForm('+8613900000001', '订阅'));
    await twilio.waitForMessages(2);
    await ctx.gateway.runtime.store.outbox.add(planForWu(['dunning'], 'resumed'));
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.Body)).toEqual(['已退订，不再发送通知。回复 订阅 可恢复。', '已恢复订阅。回复 退订 可取消。', 'dunning resumed']);
  });

  test('birthdays: 09:00 local on the day, once a year; 29 February greeted on 28 February in other years', async () => {
    // 08:30 in New York on 24 November: the greeting is planned for 09:00 there.
    clock.set('2026-11-24T13:30:00Z');
    expect((await adminApi(ctx.gateway, 'POST', '/api/v1/jobs/birthdays/run', {})).json).toMatchObject({ job: 'birthdays', planned: 1 });
    await settle(ctx.gateway, clock);
    expect(twilio.messages).toHaveLength(0);
    for (const at of ['2026-11-24T14:00:00Z', '2026-11-24T15:00:00Z']) {
      clock.set(at);
      expect((await adminApi(ctx.gateway, 'POST', '/api/v1/jobs/birthdays/run', {})).json.planned).toBe(0);
      await settle(ctx.gateway, clock);
    }
    expect(twilio.messages.map((m) => `${m.form.To} ${m.form.Body}`)).toEqual(['+12125550199 Happy birthday, Ny Customer! Warm wishes from all of us.']);

    twilio.reset();
    const runAt = async (at: string) => {
      clock.set(at);
      await adminApi(ctx.gateway, 'POST', '/api/v1/jobs/birthdays/run', { at });
      await settle(ctx.gateway, clock);
    };
    await runAt('2027-02-27T02:00:00Z'); // planned ahead for 28 February 09:00 Hong Kong
    await runAt('2027-02-28T01:00:00Z');
    await runAt('2027-03-01T01:00:00Z');
    await runAt('2028-02-28T01:00:00Z'); // a leap year: not yet
    await runAt('2028-02-29T01:00:00Z');
    const greetings = await ctx.gateway.runtime.sql.query<{ sent_at: Date }>(
      `select sent_at from outbox where person = 'Leap' and status = 'queued' order by sent_at`,
    );
    expect(greetings.map((g) => g.sent_at.toISOString())).toEqual(['2027-02-28T01:00:00.000Z', '2028-02-29T01:00:00.000Z']);
  });

  test('two workers and two runs racing over the same instant plan and send each reminder once', async () => {
    const second = startWorkers(ctx.gateway.runtime);
    try {
      const dealers = Array.from({ length: 20 }, (_, i) => `RD${i}`);
      await adminApi(ctx.gateway, 'POST', '/api/v1/import', {
        dealers: dealers.map((code) => ({ code, name: code, creditLimit: 1000 })),
        people: dealers.map((code, i) => ({
          id: `R${i}`,
          name: `Racer ${i}`,
          role: 'dealer',
          dealer: code,
          phone: `+86139000101${String(i).padStart(2, '0')}`,
          language: 'en',
        })),
        invoices: dealers.map((code, i) => ({ number: `R-${i}`, dealer: code, amount: 100 + i, dueDate: '2026-12-10' })),
      });
      clock.set('2026-12-07T02:00:00Z'); // 10:00 in Shanghai: the −3 step
      const runs = await Promise.all([1, 2, 3].map(() => adminApi(ctx.gateway, 'POST', '/api/v1/jobs/dunning/run', {})));
      expect(runs.map((r) => r.json.planned).reduce((a, b) => a + b, 0)).toBe(20);
      await Promise.all([settle(ctx.gateway, clock), settle(ctx.gateway, clock)]);
      const bodies = twilio.messages.map((m) => m.form.Body ?? '').filter((b) => / R-\d+/.test(b));
      expect(bodies).toHaveLength(20);
      expect(new Set(bodies).size).toBe(20);
    } finally {
      await second.close();
    }
  });
});
