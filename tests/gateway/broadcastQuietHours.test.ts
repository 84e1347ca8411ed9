import { adminApi } from '../support/gateway';
import { proactiveGateway, settle } from '../support/proactive';

/**
 * A broadcast in each recipient's own quiet hours (issue 19), end to end on a manual clock: sent at
 * 20:30 in Shanghai (07:30 in New York), the New York dealer gets it at 10:00 her time, the Shanghai
 * dealer at 10:00 his next morning — the preview's finish time — and neither a minute before.
 */
describe('a broadcast across time zones', () => {
  const ctx = proactiveGateway('2026-11-23T12:30:00Z', { SEND_WINDOWS: '09:00-20:00' });
  const { twilio, clock } = ctx;

  test('each gets it when their own window opens, and the preview said when the last would', async () => {
    const preview = await adminApi(ctx.gateway, 'POST', '/api/v1/broadcasts', {
      texts: { en: 'Warehouse SH is closed on Friday.', zh: '上海仓周五停止发货。' },
      audience: { roles: ['dealer'] },
    });
    expect(preview.status).toBe(201);
    expect([preview.json.recipients, preview.json.finishedBy]).toEqual([2, '2026-11-24T02:00:00.000Z']);
    expect((await adminApi(ctx.gateway, 'POST', `/api/v1/broadcasts/${preview.json.id}/confirm`, {})).json.planned).toBe(2);
    await settle(ctx.gateway, clock);
    expect(twilio.messages).toHaveLength(0);
    clock.set('2026-11-23T14:59:00Z'); // 09:59 in New York
    await settle(ctx.gateway, clock);
    expect(twilio.messages).toHaveLength(0);
    clock.set('2026-11-23T15:00:00Z'); // 10:00 in New York
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => [m.form.To, m.form.Body])).toEqual([['+12125550101', 'Warehouse SH is closed on Friday.']]);
    clock.set('2026-11-24T02:00:00Z'); // 10:00 in Shanghai
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.To)).toEqual(['+12125550101', '+8613900000001']);
    expect(twilio.messages[1]!.form.Body).toBe('上海仓周五停止发货。');
  });

  test('cancelled mid-way: what left stays sent, what waits for its window never leaves', async () => {
    twilio.reset();
    clock.set('2026-11-24T12:30:00Z'); // 20:30 in Shanghai, 07:30 in New York: both wait again
    const preview = await adminApi(ctx.gateway, 'POST', '/api/v1/broadcasts', {
      texts: { en: 'Stock count on Saturday.', zh: '周六盘点。' },
      audience: { roles: ['dealer'] },
    });
    const id = preview.json.id as string;
    expect((await adminApi(ctx.gateway, 'POST', `/api/v1/broadcasts/${id}/confirm`, {})).json.planned).toBe(2);
    clock.set('2026-11-24T15:00:00Z'); // 10:00 in New York: hers leaves
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.To)).toEqual(['+12125550101']);
    expect((await adminApi(ctx.gateway, 'POST', `/api/v1/broadcasts/${id}/cancel`, {})).json).toEqual({ id, status: 'cancelled', cancelled: 1 });
    clock.set('2026-11-25T02:00:00Z'); // 10:00 in Shanghai: his would have left now
    await settle(ctx.gateway, clock);
    expect(twilio.messages.map((m) => m.form.To)).toEqual(['+12125550101']);
    const after = await adminApi(ctx.gateway, 'GET', `/api/v1/broadcasts/${id}`);
    expect([after.json.status, after.json.progress]).toEqual(['cancelled', { planned: 2, sent: 1, delivered: 0, failed: 0, cancelled: 1 }]);
  });
});
