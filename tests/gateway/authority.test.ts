import { adminApi, signedInOperator, startTestGateway, type TestGateway } from '../support/gateway';

/** An operator linked to a person acts with that person's authority: the same command, checks and notices as their SMS. */
describe('the same decision by SMS and by HTTP', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  const say = async (from: string, text: string) =>
    ((await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text })).json.replies as { text: string }[]).map((r) => r.text);
  const diana = '+8613800000002';
  /** Diana orders over her credit headroom: the order waits for Mei's approval. */
  const pendingOrder = async () => {
    await say(diana, 'ORDER A100 2');
    const [sent] = await say(diana, 'YES');
    return /Order (\d+) sent to Li Mei for approval/.exec(sent!)![1]!;
  };
  /** What an approval leaves: the order's status, its reservations, and the notices, with the order number written as N. */
  const effects = async (number: string) => ({
    status: (await gateway.runtime.sql.query<{ status: string }>('select status from orders where number = $1', [number]))[0]!.status,
    reservations: await gateway.runtime.sql.query('select warehouse, sku, qty from order_reservations where order_number = $1 order by sku', [number]),
    notices: (
      await gateway.runtime.sql.query<{ person: string; kind: string; body: string }>(
        `select person, kind, body from outbox where kind <> 'reply' and body like '%' || $1 || '%' and body not like '待审批%' order by id`,
        [number],
      )
    ).map((row) => ({ ...row, body: row.body.replaceAll(number, 'N') })),
  });

  test('approve: Mei by SMS, and an operator linked to Mei over HTTP, leave the same rows and notices', async () => {
    const bySms = await pendingOrder();
    expect(await say('+8613800000009', `APPROVE ${bySms}`)).toEqual([`订单 ${bySms} 已批准。已通知 Diana Huang。`]);
    const byHttp = await pendingOrder();
    const mei = await signedInOperator(gateway, { email: 'mei@example.com', role: 'operator', person: 'Mei' });
    expect(await mei.call('POST', `/api/v1/orders/${byHttp}/approve`)).toMatchObject({ status: 200, json: { number: byHttp, status: 'approved' } });

    const sms = await effects(bySms);
    expect(sms).toEqual({
      status: 'approved',
      reservations: [{ warehouse: 'SH', sku: 'A100', qty: 2 }],
      notices: [{ person: 'Diana', kind: 'order-status', body: 'Order N (¥718.00) approved by Li Mei; stock reserved.' }],
    });
    expect(await effects(byHttp)).toEqual(sms);
    // A second approval is refused with the SMS reply's code and words.
    expect(await mei.call('POST', `/api/v1/orders/${byHttp}/approve`)).toMatchObject({ status: 409, json: { error: { code: 'ORDER.NOT_PENDING' } } });
  });

  test('an operator acts only within the linked person’s authority, and not at all unlinked', async () => {
    const number = await pendingOrder();
    const sam = await signedInOperator(gateway, { email: 'sam@example.com', role: 'operator', person: 'Sam' }); // a supervisor: APPROVE is a manager's
    expect(await sam.call('POST', `/api/v1/orders/${number}/approve`)).toMatchObject({ status: 403, json: { error: { code: 'ACTOR.NO_AUTHORITY' } } });
    const nobody = await signedInOperator(gateway, { email: 'desk@example.com', role: 'operator' });
    expect(await nobody.call('POST', `/api/v1/orders/${number}/reject`, { reason: 'no' })).toMatchObject({
      status: 403,
      json: { error: { code: 'ACTOR.NOT_LINKED' } },
    });
    const viewer = await signedInOperator(gateway, { email: 'viewer-mei@example.com', role: 'viewer', person: 'Mei' });
    expect((await viewer.call('POST', `/api/v1/orders/${number}/approve`)).status).toBe(403);
    expect((await effects(number)).status).toBe('pending_approval');
    // Rejected with Mei's authority: Diana is told, as by SMS.
    const mei = await signedInOperator(gateway, { email: 'mei2@example.com', role: 'operator', person: 'Mei' });
    expect((await mei.call('POST', `/api/v1/orders/${number}/reject`, { reason: 'over credit' })).status).toBe(200);
    expect(await effects(number)).toMatchObject({
      status: 'rejected',
      notices: [{ person: 'Diana', body: 'Order N (¥718.00) rejected by Li Mei: over credit' }],
    });
  });
});
