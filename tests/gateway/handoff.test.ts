import { handBackIdle, operatorReply, takeOver } from '../../commands/handoff';
import { desk } from '../../commands/deskActions';
import { adminApi, countRows, eventually, gatewayWithFakeTwilio, ManualClock, postTwilio, smsForm } from '../support/gateway';

const dan = '+8613800000004';

/** A conversation taken over from the console, below the browser: what the bot still answers, idle hand-backs, one holder, one reply per key. */
describe('a conversation an operator holds', () => {
  const clock = new ManualClock(new Date('2026-12-02T02:00:00Z'));
  const env = gatewayWithFakeTwilio({ clock, env: { HANDOFF_IDLE_MINUTES: '30' } });
  const operators: string[] = [];
  beforeAll(async () => {
    for (const email of ['first@example.com', 'second@example.com']) {
      expect((await adminApi(env.gateway, 'POST', '/api/v1/operators', { email, password: 'correct horse battery staple', role: 'operator' })).status).toBe(
        201,
      );
      const [row] = await env.gateway.runtime.sql.query<{ id: string }>('select id::text from operators where email = $1', [email]);
      operators.push(row!.id);
    }
  });
  afterEach(async () => {
    await env.gateway.runtime.sql.query('delete from handoffs');
    clock.set('2026-12-02T02:00:00Z');
  });

  const store = () => env.gateway.runtime.store;
  const person = async () => (await store().people.byId('Dan'))!;
  const take = async (operator: string) =>
    desk(store(), async (tx) => takeOver(tx, (await tx.people.byId('Dan'))!, operator, { peer: dan, channel: 'sms', transport: 'twilio' }, clock.now()));
  const sms = async (body: string) => expect((await postTwilio(env.gateway, '/webhooks/twilio/sms', smsForm(dan, body))).status).toBe(200);
  const processed = (body: string) =>
    eventually(async () =>
      (await countRows(env.gateway.runtime, `select 1 from inbox where body = $1 and status = 'processed'`, [body])) > 0 ? true : undefined,
    );
  const bodies = () => env.twilio.messages.map((m) => m.form.Body);

  test('the bot answers nothing but STOP, START and HELP; the person was told once that a person answers', async () => {
    expect((await take(operators[0]!)).ok).toBe(true);
    expect((await take(operators[0]!)).ok).toBe(true); // taking it again tells no one again
    await env.twilio.waitForMessages(1);
    for (const text of ['STOCK A100', '我的货到哪了', 'LOC 31.23 121.47']) {
      await sms(text);
      await processed(text);
    }
    await sms('HELP');
    await env.twilio.waitForMessages(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bodies()[0]).toBe('现在由我们的工作人员为您解答。');
    expect(bodies()[1]).toMatch(/位置/);
    expect(bodies()).toHaveLength(2);
    expect(await countRows(env.gateway.runtime, `select 1 from pings where driver = 'Dan'`)).toBe(0);
  });

  test('two operators taking it at once: one holds it, the other is refused with who does; one notice', async () => {
    const [a, b] = await Promise.all([take(operators[0]!), take(operators[1]!)]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const refused = a.ok ? b : a;
    expect(!refused.ok && refused.error).toEqual({ code: 'HANDOFF.HELD', operator: a.ok ? operators[0] : operators[1] });
    await env.twilio.waitForMessages(1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bodies()).toEqual(['现在由我们的工作人员为您解答。']);
  });

  test('a reply is queued once per key; only the holder may reply', async () => {
    await take(operators[0]!);
    const reply = (operator: string, key: string) =>
      desk(store(), async (tx) => operatorReply(tx, (await tx.people.byId('Dan'))!, operator, { text: 'Go to gate 3.', key }, clock.now()));
    expect(await reply(operators[0]!, 'key-0000001')).toEqual({ ok: true, value: { queued: true } });
    expect(await reply(operators[0]!, 'key-0000001')).toEqual({ ok: true, value: { queued: false } });
    expect(await reply(operators[1]!, 'key-0000002')).toEqual({ ok: false, error: { code: 'HANDOFF.NOT_HELD' } });
    await env.twilio.waitForMessages(2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bodies().filter((b) => b === 'Go to gate 3.')).toHaveLength(1);
  });

  test('after HANDOFF_IDLE_MINUTES without a reply, the next message goes back to the bot, and the person is told; the system’s hand-back is audited', async () => {
    await take(operators[0]!);
    clock.set('2026-12-02T02:31:00Z');
    await sms('LOC 31.2304 121.4737');
    await env.twilio.waitForMessages(3);
    // Both leave at once (the notice's transaction commits first; the sends are concurrent).
    expect(bodies()).toHaveLength(3);
    expect(bodies()).toEqual(expect.arrayContaining(['现在由我们的工作人员为您解答。', '您已回到 fieldline 自动回复，发送 帮助 查看可用指令。']));
    expect(await countRows(env.gateway.runtime, `select 1 from pings where driver = 'Dan'`)).toBe(1);
    expect(await countRows(env.gateway.runtime, 'select 1 from handoffs')).toBe(0);
    expect(
      await countRows(env.gateway.runtime, `select 1 from audit_log where actor_kind = 'system' and subject = 'person Dan' and action like 'hand back%'`),
    ).toBeGreaterThan(0);
  });

  test('the sweep hands back idle conversations only: a reply restarts the idle clock', async () => {
    await take(operators[0]!);
    clock.set('2026-12-02T02:20:00Z');
    await desk(store(), async (tx) => operatorReply(tx, await person(), operators[0]!, { text: 'One moment.', key: 'key-sweep-01' }, clock.now()));
    clock.set('2026-12-02T02:40:00Z');
    expect(await handBackIdle(store(), clock.now(), 30)).toEqual([]);
    clock.set('2026-12-02T02:51:00Z');
    expect((await handBackIdle(store(), clock.now(), 30)).map((h) => h.personId)).toEqual(['Dan']);
    await env.twilio.waitForMessages(3);
    expect(bodies()[2]).toBe('您已回到 fieldline 自动回复，发送 帮助 查看可用指令。');
  });
});
