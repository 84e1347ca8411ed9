import { adminApi, postTwilio, signedInOperator, smsForm } from '../support/gateway';
import { network, proactiveGateway, runJobAt } from '../support/proactive';

/**
 * Alerts that escalate: Sup owns alerts about Wu's dealer; the chain above is Mgr, Boss, Chair.
 * Each level is told once, an ACK stops the climb, the top of the chain is the end of it.
 */
describe('alerts with escalation', () => {
  const ctx = proactiveGateway(
    '2026-11-23T02:00:00Z',
    { SEND_WINDOWS: '09:00-20:00,alert=07:00-23:00', ALERT_ESCALATE_AFTER_MINUTES: '60', STOCK_ALERT_OWNER: 'Sup' },
    {
      ...network,
      products: [{ sku: 'K1', name: 'Kettle', listPrice: 100, safetyStock: 10 }],
      warehouses: [{ code: 'W1', name: 'Main' }],
      stock: [{ warehouse: 'W1', sku: 'K1', onHand: 50 }],
      people: [...network.people, { id: 'Other', name: 'Other Manager', role: 'manager', phone: '+8613900000095', language: 'en' }],
    },
  );
  const { twilio } = ctx;

  const run = (at: string) => runJobAt(ctx, 'alert-escalation', at);
  const received = () => twilio.messages.map((m) => `${m.form.To} ${m.form.Body}`);
  const reply = async (from: string, text: string) => {
    const before = twilio.messages.length;
    await postTwilio(ctx.gateway, '/webhooks/twilio/sms', smsForm(from, text));
    return (await twilio.waitForMessages(before + 1)).slice(before).map((m) => m.form.Body);
  };

  test('credit over the limit: Sup, then Mgr, then Boss are told once each; Boss acknowledges; Chair is never told', async () => {
    // An invoice of ¥120,000 raises the balance past the ¥100,000 limit (a balance is the ledger's: an import's own figure only reports a difference).
    await adminApi(ctx.gateway, 'POST', '/api/v1/import', { invoices: [{ number: 'INV-DS-1', dealer: 'DS', amount: 120_000, dueDate: '2026-12-20' }] });
    expect(await run('2026-11-23T02:00:00Z')).toMatchObject({ raised: 1, escalated: 0 });
    expect(received()).toEqual(['+8613900000096 Alert 1: dealer DS over credit limit: ¥120000.00 of ¥100000.00. Reply ACK 1']);
    expect(await run('2026-11-23T02:59:00Z')).toMatchObject({ raised: 0, escalated: 0, planned: 0 });

    expect(await run('2026-11-23T03:00:00Z')).toMatchObject({ escalated: 1 });
    expect(await run('2026-11-23T03:30:00Z')).toMatchObject({ escalated: 0 }); // the same level is not told twice
    expect(received().at(-1)).toBe('+8613900000097 预警 1（Sup Li 未确认，已上报）：经销商 DS 超出信用额度：¥120000.00/¥100000.00。回复 确认 1');

    expect(await run('2026-11-23T04:00:00Z')).toMatchObject({ escalated: 1 });
    expect(received().at(-1)).toBe(
      '+8613900000098 Alert 1 (escalated: Mgr Sun did not acknowledge): dealer DS over credit limit: ¥120000.00 of ¥100000.00. Reply ACK 1',
    );

    // Someone outside the chain may not acknowledge; a dealer may not use ACK at all; Boss may.
    expect(await reply('+8613900000095', 'ACK 1')).toEqual(['Alert 1 is not yours to acknowledge.']);
    expect(await reply('+8613900000001', '确认 1')).toEqual(['您无权使用 ACK。发送 帮助 查看可用指令。']);
    // Over HTTP, an operator carries the linked person's authority and meets the same checks.
    const other = await signedInOperator(ctx.gateway, { email: 'other@example.com', role: 'operator', person: 'Other' });
    expect(await other.call('POST', '/api/v1/alerts/1/ack')).toMatchObject({
      status: 403,
      json: { error: { code: 'ALERT.NOT_YOURS', message: 'Alert 1 is not yours to acknowledge.' } },
    });
    expect(await reply('+8613900000098', 'ack 1')).toEqual(['Alert 1 acknowledged; it will not escalate further.']);
    expect(await reply('+8613900000098', 'ACK 1')).toEqual(['Alert 1 was acknowledged or resolved already.']);
    const boss = await signedInOperator(ctx.gateway, { email: 'boss@example.com', role: 'operator', person: 'Boss' });
    expect(await boss.call('POST', '/api/v1/alerts/1/ack')).toMatchObject({
      status: 409,
      json: { error: { code: 'ALERT.CLOSED', message: 'Alert 1 was acknowledged or resolved already.' } },
    });

    const told = received().length;
    expect(await run('2026-11-23T06:00:00Z')).toMatchObject({ raised: 0, escalated: 0 });
    expect(received()).toHaveLength(told);
    const [alert] = await ctx.gateway.runtime.sql.query<{ level: number; holder: string; acknowledged_by: string }>(
      'select level, holder, acknowledged_by from alerts where id = 1',
    );
    expect(alert).toEqual({ level: 2, holder: 'Boss', acknowledged_by: 'Boss' });
  });

  test('stock below safety stock climbs to the top and stops; 确认 in the middle of the night waits for the window; resolved when restocked', async () => {
    await adminApi(ctx.gateway, 'POST', '/api/v1/import', { stock: [{ warehouse: 'W1', sku: 'K1', onHand: 4 }] });
    const start = twilio.messages.length;
    await run('2026-11-23T05:00:00Z');
    for (const at of ['2026-11-23T06:00:00Z', '2026-11-23T07:00:00Z', '2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z', '2026-11-23T10:00:00Z']) await run(at);
    expect(twilio.messages.slice(start).map((m) => m.form.To)).toEqual(['+8613900000096', '+8613900000097', '+8613900000098', '+8613900000099']);
    const [top] = await ctx.gateway.runtime.sql.query<{ level: number; deadline: Date | null }>(
      `select level, deadline from alerts where kind = 'safety-stock'`,
    );
    expect(top).toEqual({ level: 3, deadline: null });

    // Restocked: the alert resolves, and a new shortage later raises a new one.
    await adminApi(ctx.gateway, 'POST', '/api/v1/import', { stock: [{ warehouse: 'W1', sku: 'K1', onHand: 40 }] });
    expect(await run('2026-11-23T11:00:00Z')).toMatchObject({ resolved: 1 });
    await adminApi(ctx.gateway, 'POST', '/api/v1/import', { stock: [{ warehouse: 'W1', sku: 'K1', onHand: 3 }] });
    // 23:30 in Shanghai: outside the alert window (07:00–23:00), so Sup is told at 07:00.
    const night = twilio.messages.length;
    expect(await run('2026-11-23T15:30:00Z')).toMatchObject({ raised: 1 });
    expect(twilio.messages).toHaveLength(night);
    const [fresh] = await ctx.gateway.runtime.sql.query<{ id: string; deadline: Date }>(
      `select id::text, deadline from alerts where kind = 'safety-stock' and resolved_at is null`,
    );
    expect(fresh!.deadline.toISOString()).toBe('2026-11-24T00:00:00.000Z'); // told at 07:00 local, one hour to act
    await run('2026-11-23T23:00:00Z');
    expect(twilio.messages.slice(night).map((m) => m.form.To)).toEqual(['+8613900000096']);
    expect(await reply('+8613900000097', `确认 ${fresh!.id}`)).toEqual([`预警 ${fresh!.id} 已确认，不再上报。`]);
    expect(await run('2026-11-24T01:00:00Z')).toMatchObject({ escalated: 0 });
  });
});
