import { adminApi, countRows, eventually, gatewayWithFakeTwilio, signedInOperator, smsProcessed } from '../support/gateway';

const texts = { en: 'New promotion: A100 at ¥299 until Sunday.', zh: '新促销：A100 周日前特价 299 元。' };

/**
 * Broadcasts by the API (issue 19): the preview's counts and cost; a confirmation plans each
 * recipient once (a second plans nothing) and the fake Twilio gets each in their language; cancel
 * stops what has not left; an operator linked to a person reaches only the people under them.
 */
describe('broadcasts', () => {
  const setup = gatewayWithFakeTwilio({ env: { SEND_WINDOWS: '00:00-24:00,broadcast=00:00-24:00', SMS_PRICE_PER_SEGMENT: '0.05' } });
  const post = (path: string, body?: unknown) => adminApi(setup.gateway, 'POST', `/api/v1${path}`, body ?? {});

  test('previewed, confirmed twice, sent once each in the recipient’s language', async () => {
    const preview = await post('/broadcasts', { texts, audience: { people: ['Ann', 'Dave', 'Diana'] } });
    expect(preview.status).toBe(201);
    expect(preview.json).toMatchObject({
      recipients: 3,
      excluded: [],
      // ¥ is in GSM-7's basic set: the English text is one GSM-7 segment.
      texts: { en: { parts: 1, segments: 1, encoding: 'GSM-7' }, zh: { parts: 1, segments: 1, encoding: 'UCS-2' } },
      byChannel: { sms: { recipients: 3, segments: 3, cost: 0.15 } },
      cost: 0.15,
    });
    const id = preview.json.id as string;
    expect(await countRows(setup.gateway.runtime, `select 1 from outbox where reason = $1`, [`broadcast:${id}`])).toBe(0);
    const [first, second] = await Promise.all([post(`/broadcasts/${id}/confirm`), post(`/broadcasts/${id}/confirm`)]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    expect([first.json.planned ?? second.json.planned]).toEqual([3]);
    await eventually(async () => (setup.twilio.messages.length >= 3 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const sent = Object.fromEntries(setup.twilio.messages.map((m) => [m.form.To, m.form.Body]));
    expect(sent).toEqual({ '+8613800000003': texts.en, '+8613800000001': texts.zh, '+8613800000002': texts.en });
    const progress = await adminApi(setup.gateway, 'GET', `/api/v1/broadcasts/${id}`);
    expect(progress.json).toMatchObject({ status: 'confirmed', progress: { planned: 3, sent: 3, failed: 0, cancelled: 0 } });
    // Wang Wei answers in his words, Diana stops: the results count both; his answer waits for someone in Needs attention.
    await smsProcessed(setup.gateway, '+8613800000001', '收到，下周一到店看看');
    await smsProcessed(setup.gateway, '+8613800000002', 'STOP');
    const results = (await adminApi(setup.gateway, 'GET', `/api/v1/broadcasts/${id}`)).json.results;
    expect(results).toMatchObject({ sent: 3, replied: 2, optedOut: 1, segments: 3, cost: 0.15 });
    const attention = await setup.gateway.runtime.attention.items(1, 50);
    expect(attention.filter((item) => item.reason === 'reply-to-proactive').map((item) => [item.peer, item.answered, item.broadcast, item.text])).toEqual([
      ['+8613800000001', 'broadcast', id, '收到，下周一到店看看'],
    ]);
  });

  test('cancelled before its time, nothing leaves', async () => {
    setup.twilio.reset();
    const sendAt = new Date(Date.now() + 3600_000).toISOString();
    const preview = await post('/broadcasts', { texts, audience: { roles: ['dealer'] }, sendAt });
    // Diana stopped after the first broadcast: the dealers are Wang Wei alone now, and the preview says why not her.
    expect([preview.json.recipients, preview.json.excluded]).toEqual([1, [{ person: 'Diana', name: 'Diana Huang', why: 'opted-out' }]]);
    const id = preview.json.id as string;
    expect((await post(`/broadcasts/${id}/confirm`)).json.planned).toBe(1);
    expect((await post(`/broadcasts/${id}/cancel`)).json).toEqual({ id, status: 'cancelled', cancelled: 1 });
    expect((await post(`/broadcasts/${id}/cancel`)).status).toBe(409);
    expect(
      await countRows(setup.gateway.runtime, `select 1 from outbox where reason = $1 and status = 'cancelled' and error_code = 'REASON_GONE'`, [
        `broadcast:${id}`,
      ]),
    ).toBe(1);
    expect(setup.twilio.messages).toHaveLength(0);
  });

  test.each([
    ['a region: its dealers’ people, and whoever works at its dealers’ stores', { regions: ['east'] }, ['Ann', 'Dave', 'Sam']],
    ['a role within a region', { roles: ['promoter'], regions: ['east'] }, ['Ann']],
    ['a tier', { tiers: ['silver'] }, ['Diana']],
    ['a store', { stores: ['S1'] }, ['Ann', 'Sam']],
    ['a role, and a named person besides', { roles: ['driver'], people: ['Tom'] }, ['Dan', 'Tom']],
  ] as const)('the audience: %s', async (_, audience, people) => {
    const candidates = await setup.gateway.runtime.broadcasts.candidates(audience as never, null, new Date(), {
      defaultTimezone: 'UTC',
      reachable: ['sms'],
      simulated: false,
    });
    expect(candidates.map((c) => c.id).sort()).toEqual(people);
  });

  test('bad requests are refused with the reason and keep nothing', async () => {
    const before = await countRows(setup.gateway.runtime, 'select 1 from broadcasts');
    const refused = [
      await post('/broadcasts', { texts, audience: {} }),
      await post('/broadcasts', { texts: { en: texts.en }, audience: { people: ['Dave'] } }),
      await post('/broadcasts', { texts: { zh: '通'.repeat(202) }, audience: { people: ['Dave'] } }),
      await post('/broadcasts', { texts, audience: { people: ['Dave'] }, sendAt: new Date(Date.now() - 3600_000).toISOString() }),
      await post('/broadcasts', { texts, audience: { people: ['Dave'] }, sendAt: new Date(Date.now() + 36 * 86_400_000).toISOString() }),
    ];
    expect(refused.map((r) => [r.status, r.json.error.message])).toEqual([
      [400, 'Say who it is for: roles, regions, dealers, tiers, stores or people.'],
      [400, '1 recipient read Chinese: add the Chinese text.'],
      [400, 'The Chinese text is 4 SMS segments; at most 3.'],
      [400, 'The send time has passed.'],
      [400, 'The send time is more than 35 days ahead.'],
    ]);
    expect(await countRows(setup.gateway.runtime, 'select 1 from broadcasts')).toBe(before);
  });

  test('an operator linked to a supervisor reaches only the people under her; one linked to nobody may not send', async () => {
    const sam = await signedInOperator(setup.gateway, { email: 'sam@example.com', role: 'operator', person: 'Sam' });
    const preview = await sam.call('POST', '/api/v1/broadcasts', { texts, audience: { roles: ['promoter', 'dealer'] } });
    expect(preview.status).toBe(201);
    expect([preview.json.recipients, preview.json.sample.map((r: { person: string }) => r.person)]).toEqual([1, ['Ann']]);
    const nobody = await signedInOperator(setup.gateway, { email: 'ops@example.com', role: 'operator' });
    expect((await nobody.call('POST', '/api/v1/broadcasts', { texts, audience: { roles: ['dealer'] } })).status).toBe(403);
  });
});
