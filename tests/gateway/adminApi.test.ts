import { adminApi, countRows, eventually, startTestGateway, type TestGateway } from '../support/gateway';

describe('admin API, health and metrics (simulator channel, no Twilio configured)', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  test.each([
    ['no key', null],
    ['a wrong key', 'wrong-key-123456'],
  ])('every /api/v1 route refuses %s with 401 and changes nothing', async (_label, key) => {
    const before = await countRows(gateway.runtime, 'select 1 from inbox');
    for (const [method, path] of [
      ['POST', '/api/v1/simulate'],
      ['GET', '/api/v1/messages'],
      ['POST', '/api/v1/import'],
    ] as const) {
      const response = await adminApi(gateway, method, path, method === 'POST' ? { from: '+8613800000001', text: 'STOCK A100' } : undefined, key);
      expect(response.status).toBe(401);
      expect(response.json.error.code).toBe('UNAUTHORIZED');
    }
    expect(await countRows(gateway.runtime, 'select 1 from inbox')).toBe(before);
  });

  test('simulate runs the real pipeline and answers the replies', async () => {
    const { status, json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from: '138 0000 0001', text: '查库存 A100' });
    expect(status).toBe(200);
    expect(json).toEqual({ replies: [{ to: '+8613800000001', text: 'A100 电饭煲 3升 可用 165（GZ 45，SH 120）', channel: 'sms' }] });
    // the reply goes through the dispatcher to the simulator channel, with the segments an SMS would cost
    const row = await eventually(async () => {
      const [last] = await gateway.runtime.sql.query(
        `select status, segments, encoding from outbox where recipient = '+8613800000001' order by id desc limit 1`,
      );
      return last?.status === 'delivered' ? last : undefined;
    });
    expect(row).toEqual({ status: 'delivered', segments: 1, encoding: 'UCS-2' });
  });

  test('simulate on the telegram channel finds the person by Telegram id', async () => {
    const { json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from: 'tg:500000002', text: '/status 2001', channel: 'telegram' });
    expect(json.replies).toEqual([{ to: 'tg:500000002', text: 'Order 2001: waiting for approval. 2 line(s), ¥12870.00', channel: 'telegram' }]);
  });

  test.each([
    ['a missing text', { from: '+8613800000001' }, 'BAD_REQUEST'],
    ['a phone that is no phone', { from: 'abc', text: 'HELP' }, 'BAD_ADDRESS'],
    ['a telegram sender without tg:', { from: '123', text: 'HELP', channel: 'telegram' }, 'BAD_ADDRESS'],
    ['malformed JSON', '{"from": ', 'MALFORMED_BODY'],
  ])('simulate refuses %s with a 400 and a JSON error', async (_label, body, code) => {
    const { status, json } = await adminApi(gateway, 'POST', '/api/v1/simulate', body);
    expect(status).toBe(400);
    expect(json.error.code).toBe(code);
    expect(JSON.stringify(json)).not.toMatch(/at .*\.ts/); // never a stack trace
  });

  test('import over HTTP: counts, row errors, and nothing for a document that is not an object', async () => {
    const good = await adminApi(gateway, 'POST', '/api/v1/import', {
      warehouses: [{ code: 'BJ', name: 'Beijing' }],
      stock: [
        { warehouse: 'BJ', sku: 'A100', onHand: 5 },
        { warehouse: 'BJ', sku: 'A100', onHand: 6 },
      ],
    });
    expect(good.status).toBe(200);
    expect(good.json).toEqual({
      counts: { warehouses: 1, stock: 1 },
      errors: [{ kind: 'stock', index: 1, field: 'sku', message: "duplicate of row 0 ('BJ/A100')" }],
      balances: [],
    });
    const { json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from: '+8613800000002', text: 'STOCK A100 BJ' });
    expect(json.replies[0].text).toBe('A100 Rice cooker 3L: 5 pcs available');
    const bad = await adminApi(gateway, 'POST', '/api/v1/import', [1, 2]);
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('BAD_DOCUMENT');
  });

  test('health, readiness and metrics', async () => {
    expect(await (await fetch(`${gateway.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${gateway.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ database: 'ok', redis: 'ok' });
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/fieldline_processing_seconds_count [1-9]/);
    expect(metrics).toMatch(/fieldline_queue_depth\{queue="inbound",state="waiting"\} \d/);
    expect(metrics).toMatch(/fieldline_outbound_messages_total\{channel="sms",status="delivered"\} [1-9]/);
  });
});
