import { adminApi, countRows, startTestGateway, type TestGateway } from '../support/gateway';

/** Orders by chat through the simulator channel: the whole pipeline, real PostgreSQL and Redis. */
describe('orders: dialogs, credit, approval and stock allocation', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      people: [
        { id: 'Dora', name: 'Dora Qian', role: 'dealer', phone: '+8613800000012', language: 'en', dealer: 'D1', manager: 'Mei' },
        { id: 'Xu', name: 'Xu Lei', role: 'dealer', phone: '+8613800000011', language: 'en', dealer: 'D3', manager: 'Mei' },
        { id: 'Yan', name: 'Yan Bo', role: 'dealer', phone: '+8613800000014', language: 'en', dealer: 'D3', manager: 'Mei' },
        { id: 'Max', name: 'Max Fang', role: 'manager', phone: '+8613800000013', language: 'en' },
      ],
    });
    expect(json.errors).toEqual([]);
  });
  afterAll(() => gateway.stop());

  /** The replies to one message; a reply longer than one SMS segment arrives in parts, joined here by line. */
  const say = async (from: string, text: string): Promise<string[]> => {
    const { status, json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text });
    expect(status).toBe(200);
    return [(json.replies as { text: string }[]).map((r) => r.text).join('\n')];
  };
  const notificationsTo = (person: string) =>
    gateway.runtime.sql
      .query<{ body: string }>(`select body from outbox where person = $1 and kind <> 'reply' order by id`, [person])
      .then((rows) => rows.map((r) => r.body));
  const order = (number: string) =>
    gateway.runtime.sql.query<{ status: string }>('select status from orders where number = $1', [number]).then((rows) => rows[0]?.status);

  const dave = '+8613800000001';
  const diana = '+8613800000002';

  test('within headroom: the draft, then YES approves and reserves at once', async () => {
    expect(await say(dave, '下单 A100 5 B200 2')).toEqual([
      '订单：\nA100 ×5 @¥329.00 = ¥1645.00\nB200 ×2 @¥99.00 = ¥198.00\n合计 ¥1843.00。信用额度充足（可用 ¥147734.00）。库存充足。\n回复 是 提交，否 取消。',
    ]);
    const [answer] = await say(dave, '是');
    const number = /订单 (\d+) 已批准/.exec(answer!)![1]!;
    expect(answer).toBe(`订单 ${number} 已批准，库存已预留，合计 ¥1843.00。`);
    expect(await order(number)).toBe('approved');
    expect(await gateway.runtime.sql.query('select warehouse, sku, qty from order_reservations where order_number = $1 order by sku', [number])).toEqual([
      { warehouse: 'SH', sku: 'A100', qty: 5 },
      { warehouse: 'SH', sku: 'B200', qty: 2 },
    ]);
    expect(await say(dave, 'STOCK A100')).toEqual(['A100 电饭煲 3升 可用 160（GZ 45，SH 115）']);
    expect(await say(dave, 'YES')).toEqual(['没有待确认的事项。']);
  });

  test('over headroom: the manager is asked, approves, and the dealer is told', async () => {
    const [draft] = await say(diana, 'ORDER A100 2');
    expect(draft).toContain('Needs approval: over the credit headroom, ¥-4870.00 left');
    const [sent] = await say(diana, 'YES');
    const number = /Order (\d+) sent to Li Mei for approval/.exec(sent!)![1]!;
    expect(await order(number)).toBe('pending_approval');
    expect(await notificationsTo('Mei')).toContainEqual(
      `待审批：订单 ${number}，来自 Diana Huang（D2）：A100 ×2，合计 ¥718.00；超出信用额度（可用 ¥-4870.00）。回复 批准 ${number} 或 驳回 ${number} 原因。`,
    );
    expect(await countRows(gateway.runtime, 'select 1 from order_reservations where order_number = $1', [number])).toBe(0);

    expect(await say('+8613800000013', `APPROVE ${number}`)).toEqual([`Order ${number} is not yours to approve.`]);
    expect(await say('+8613800000008', `APPROVE ${number}`)).toEqual(['APPROVE is not available to you. Send HELP for your commands.']);
    expect(await order(number)).toBe('pending_approval');

    expect(await say('+8613800000009', `批准 ${number}`)).toEqual([`订单 ${number} 已批准。已通知 Diana Huang。`]);
    expect(await order(number)).toBe('approved');
    expect(await countRows(gateway.runtime, 'select 1 from order_reservations where order_number = $1', [number])).toBe(1);
    expect(await notificationsTo('Diana')).toContainEqual(`Order ${number} (¥718.00) approved by Li Mei; stock reserved.`);
    expect(await say('+8613800000009', `APPROVE ${number}`)).toEqual([`订单 ${number} 不在待审批状态。`]);
  });

  test('REJECT sends the reason to the dealer', async () => {
    await say(diana, 'ORDER B200 3');
    const number = /Order (\d+) sent/.exec((await say(diana, 'Y'))[0]!)![1]!;
    expect(await say('+8613800000009', `REJECT ${number} 超出额度 请先回款`)).toEqual([`订单 ${number} 已驳回。已通知 Diana Huang。`]);
    expect(await order(number)).toBe('rejected');
    expect(await notificationsTo('Diana')).toContainEqual(`Order ${number} (¥327.00) rejected by Li Mei: 超出额度 请先回款`);
  });

  test('bad input is refused with the reason and creates nothing', async () => {
    const before = await countRows(gateway.runtime, 'select 1 from orders');
    expect(await say('+8613800000012', 'ORDER A10O 5')).toEqual(['Unknown product A10O. Did you mean A100?']);
    expect(await say('+8613800000012', 'ORDER A100 0')).toEqual(['0 is not a quantity: use a whole number above 0.']);
    expect(await say('+8613800000012', 'ORDER A100')).toEqual(['How many A100? Put the quantity after it, e.g. A100 5.']);
    expect(await say('+8613800000012', 'ORDER A100 20000')).toEqual(['20000 of A100 is more than one order may ask (10000). Please check the quantity.']);
    expect(await say('+8613800000012', 'ORDER C300 50')).toEqual(['Only 12 of C300 available. Nothing was ordered.']);
    expect(await say('+8613800000003', 'ORDER A100 1')).toEqual(['ORDER is not available to you. Send HELP for your commands.']);
    expect(await countRows(gateway.runtime, `select 1 from dialogs where person = 'Dora'`)).toBe(0);
    expect(await countRows(gateway.runtime, 'select 1 from orders')).toBe(before);
  });

  test('a second ORDER asks whether to replace the first; NO keeps it, NO then cancels', async () => {
    await say('+8613800000012', 'ORDER A100 1');
    const [ask] = await say('+8613800000012', 'ORDER B200 4');
    expect(ask).toMatch(/^You have an order waiting\. Replace it with this one\? Reply YES to replace, NO to keep it\.\nOrder:\nB200 ×4/);
    const [kept] = await say('+8613800000012', 'NO');
    expect(kept).toMatch(/^Kept your earlier order\.\nOrder:\nA100 ×1 @¥329\.00/);
    expect(await say('+8613800000012', 'N')).toEqual(['Order cancelled.']);
    expect(await countRows(gateway.runtime, `select 1 from dialogs where person = 'Dora'`)).toBe(0);
  });

  test('a dialog that waited more than 30 minutes expires and says so when the dealer writes next', async () => {
    await say('+8613800000012', 'ORDER A100 1');
    await gateway.runtime.sql.query(`update dialogs set expires_at = now() - interval '1 minute' where person = 'Dora'`);
    const replies = (await say('+8613800000012', 'YES'))[0]!.split('\n');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatch(/^Your order waiting since \d\d-\d\d \d\d:\d\d expired and was not submitted\.$/);
    expect(replies[1]).toBe('There is nothing to confirm.');
    expect(await countRows(gateway.runtime, `select 1 from dialogs where person = 'Dora'`)).toBe(0);
  });

  test('two dealers confirming the last units at the same moment: exactly one gets them, stock never negative', async () => {
    await adminApi(gateway, 'POST', '/api/v1/import', { stock: [{ warehouse: 'SH', sku: 'E500', onHand: 3 }] });
    expect((await say('+8613800000012', 'ORDER E500 3'))[0]).toContain('E500 ×3');
    expect((await say('+8613800000011', 'ORDER E500 3'))[0]).toContain('E500 ×3');
    const answers = (await Promise.all([say('+8613800000012', 'YES'), say('+8613800000011', 'YES')])).flat();
    expect(answers.filter((a) => /approved and stock reserved/.test(a))).toHaveLength(1);
    expect(answers.filter((a) => a === 'Only 0 of E500 available. Nothing was ordered.')).toHaveLength(1);
    const [stock] = await gateway.runtime.sql.query<{ on_hand: number; reserved: number }>(
      `select on_hand, reserved from stock where warehouse = 'SH' and sku = 'E500'`,
    );
    expect(stock).toEqual({ on_hand: 3, reserved: 3 });
    expect(await countRows(gateway.runtime, `select 1 from orders o join order_lines l on l.order_number = o.number where l.sku = 'E500'`)).toBe(1);
    expect(await countRows(gateway.runtime, `select 1 from dialogs where person in ('Dora', 'Xu')`)).toBe(0); // the loser's dialog is over too
  });

  test('two orders racing for the last credit headroom: one is approved, the other waits for approval', async () => {
    // D3: credit limit ¥30,000, at most ¥897 open (if Xu won the E500 race); each order ¥15,960 fits alone, not both.
    await say('+8613800000011', 'ORDER A100 40');
    await say('+8613800000014', 'ORDER A100 40');
    const answers = (await Promise.all([say('+8613800000011', 'YES'), say('+8613800000014', 'YES')])).flat();
    expect(answers.filter((a) => /approved and stock reserved; total ¥15960\.00/.test(a))).toHaveLength(1);
    expect(answers.filter((a) => /sent to Li Mei for approval \(over the credit headroom/.test(a))).toHaveLength(1);
    const statuses = await gateway.runtime.sql.query<{ status: string }>(
      `select o.status from orders o join order_lines l on l.order_number = o.number where o.dealer = 'D3' and l.sku = 'A100' and l.qty = 40 order by o.status`,
    );
    expect(statuses.map((s) => s.status)).toEqual(['approved', 'pending_approval']);
  });

  test('shipping, delivery and cancellation: the dealer is told, reserved stock follows, a wrong move is refused', async () => {
    const b200 = () =>
      gateway.runtime.sql
        .query<{ on_hand: number; reserved: number }>(`select sum(on_hand)::int as on_hand, sum(reserved)::int as reserved from stock where sku = 'B200'`)
        .then((r) => r[0]!);
    const before = await b200();
    await say(dave, 'ORDER B200 10');
    const shipped = /订单 (\d+) 已批准/.exec((await say(dave, '是'))[0]!)![1]!;
    expect(await b200()).toEqual({ on_hand: before.on_hand, reserved: before.reserved + 10 });

    const move = (number: string, body: unknown) => adminApi(gateway, 'POST', `/api/v1/orders/${number}/status`, body);
    expect((await move(shipped, { status: 'shipped', eta: '2026-11-25T10:30:00+08:00' })).json).toEqual({
      number: shipped,
      from: 'approved',
      status: 'shipped',
      notified: 1,
    });
    expect(await b200()).toEqual({ on_hand: before.on_hand - 10, reserved: before.reserved });
    expect(await notificationsTo('Dave')).toContainEqual(`订单 ${shipped}：配送中，预计 11-25 10:30 送达。`);
    expect((await move(shipped, { status: 'delivered' })).status).toBe(200);
    expect(await notificationsTo('Dave')).toContainEqual(`订单 ${shipped}：已送达。`);
    const wrong = await move(shipped, { status: 'cancelled' });
    expect(wrong.status).toBe(409);
    // The refusal's code and words are the domain's, in both languages (gateway/errors.ts).
    expect(wrong.json.error).toEqual({
      code: 'ORDER.CANNOT_MOVE',
      message: `Order ${shipped} cannot move from delivered to cancelled.`,
      details: { messages: { en: `Order ${shipped} cannot move from delivered to cancelled.`, zh: `订单 ${shipped} 不能从 delivered 变为 cancelled。` } },
    });
    expect((await move('99999', { status: 'shipped' })).status).toBe(404);
    expect((await move(shipped, { status: 'lost' })).status).toBe(400);

    await say(dave, 'ORDER B200 7');
    const cancelled = /订单 (\d+) 已批准/.exec((await say(dave, '是'))[0]!)![1]!;
    expect((await move(cancelled, { status: 'cancelled' })).status).toBe(200);
    expect(await b200()).toEqual({ on_hand: before.on_hand - 10, reserved: before.reserved });
    expect(await notificationsTo('Dave')).toContainEqual(`订单 ${cancelled}：已取消。`);
  });

  test("a status changed by the ERP import tells the dealer's contacts", async () => {
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      orders: [{ number: '1002', dealer: 'D1', status: 'shipped', eta: '2026-11-26T09:00:00+08:00', lines: [{ sku: 'C300', qty: 4 }] }],
    });
    expect(json).toEqual({ counts: { orders: 1 }, errors: [], balances: [] });
    expect(await notificationsTo('Dave')).toContainEqual('订单 1002：配送中，预计 11-26 09:00 送达。');
    expect(await notificationsTo('Dora')).toContainEqual('Order 1002: out for delivery, ETA 11-26 09:00.');
    await adminApi(gateway, 'POST', '/api/v1/import', { orders: [{ number: '1002', dealer: 'D1', status: 'shipped', lines: [{ sku: 'C300', qty: 4 }] }] });
    expect((await notificationsTo('Dave')).filter((n) => n.startsWith('订单 1002'))).toHaveLength(1); // unchanged status: no second notice
  });

  test('an allocation caps what a dealer may order of a SKU, and STOCK shows what is left of it', async () => {
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      allocations: [
        { dealer: 'D1', sku: 'B200', quota: 40, since: '2026-11-01' },
        { dealer: 'D9', sku: 'B200', quota: 1 },
      ],
    });
    expect(json.errors).toEqual([{ kind: 'allocations', index: 1, field: 'dealer', message: 'unknown dealer: D9' }]);
    // D1's orders of B200 since November: imported 1001 (20), Dave's 2 and 10 (the 7 cancelled do not count): 32 of 40.
    expect(await say('+8613800000012', 'STOCK B200')).toEqual([
      expect.stringMatching(/^B200 Electric kettle: \d+ pcs available \(GZ \d+, SH \d+\); your allocation: 8 of 40 left$/),
    ]);
    expect(await say('+8613800000012', 'ORDER B200 9')).toEqual(['Your allocation of B200 is 40; 8 left to order. Nothing was ordered.']);
    expect((await say('+8613800000012', 'ORDER B200 8'))[0]).toContain('B200 ×8');
    expect((await say('+8613800000012', 'YES'))[0]).toMatch(/approved and stock reserved/);
    expect(await say('+8613800000012', 'ORDER B200 1')).toEqual(['Your allocation of B200 is 40; 0 left to order. Nothing was ordered.']);
    expect(await say(diana, 'STOCK B200')).toEqual([expect.not.stringContaining('allocation')]);
  });

  test("a region's allocation is shared by its dealers", async () => {
    const { json } = await adminApi(gateway, 'POST', '/api/v1/import', {
      dealers: [{ code: 'D3', name: 'Xibei Retail', tier: 'standard', region: 'west', creditLimit: 30000 }],
      allocations: [
        { region: 'west', sku: 'C300', quota: 4 },
        { dealer: 'D3', region: 'west', sku: 'C300', quota: 1 },
      ],
    });
    expect(json.errors).toEqual([{ kind: 'allocations', index: 1, field: 'dealer', message: 'give a dealer or a region, not both' }]);
    expect((await say('+8613800000011', 'ORDER C300 3'))[0]).toContain('C300 ×3');
    expect((await say('+8613800000011', 'YES'))[0]).toMatch(/^Order \d+ (approved|sent to Li Mei)/);
    expect(await say('+8613800000014', 'ORDER C300 2')).toEqual(['Your allocation of C300 is 4; 1 left to order. Nothing was ordered.']);
    expect((await say('+8613800000014', 'STOCK C300'))[0]).toMatch(/; your allocation: 1 of 4 left$/);
  });
});
