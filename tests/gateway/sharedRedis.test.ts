import { adminApi, startTestGateway, type TestGateway } from '../support/gateway';

/**
 * Two databases on one Redis with the same QUEUE_PREFIX (a reset embedded database, a second
 * installation): each must process its own messages against its own data, and only those.
 */
describe('two installations sharing a Redis and a queue prefix', () => {
  let first: TestGateway;
  let second: TestGateway;
  const env = { QUEUE_PREFIX: `shared_${process.pid}` };
  beforeAll(async () => {
    [first, second] = await Promise.all([startTestGateway({ env }), startTestGateway({ env, database: 'pglite' })]);
    await adminApi(second, 'POST', '/api/v1/import', {
      stock: [
        { warehouse: 'SH', sku: 'A100', onHand: 7 },
        { warehouse: 'GZ', sku: 'A100', onHand: 0 },
      ],
    });
  });
  afterAll(() => Promise.all([first.stop(), second.stop()]));

  test('each answers from its own database', async () => {
    for (let round = 0; round < 5; round++) {
      const [a, b] = await Promise.all([
        adminApi(first, 'POST', '/api/v1/simulate', { from: '+8613800000002', text: 'STOCK A100' }),
        adminApi(second, 'POST', '/api/v1/simulate', { from: '+8613800000002', text: 'STOCK A100' }),
      ]);
      expect(a.json.replies.map((r: { text: string }) => r.text)).toEqual(['A100 Rice cooker 3L: 165 pcs available (GZ 45, SH 120)']);
      expect(b.json.replies.map((r: { text: string }) => r.text)).toEqual(['A100 Rice cooker 3L: 7 pcs available (GZ 0, SH 7)']);
    }
    expect(first.runtime.queues.prefix).not.toBe(second.runtime.queues.prefix);
  });
});
