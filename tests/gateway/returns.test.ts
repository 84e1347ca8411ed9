import { adminApi, countRows, eventually, gatewayWithFakeTwilio, postTwilio, smsForm } from '../support/gateway';

const dave = '+8613800000001';
const mei = '+8613800000009';

/**
 * Returns (issue 20) end to end on the demo data, by SMS: Wang Wei (D1) asks to return part of order
 * 1001 once it is delivered; Li Mei, his manager, approves; the warehouse records the goods received
 * through the API; stock on hand rises and a credit note lowers D1's balance by the lines at the
 * order's price. Refusals (another dealer's order, one not delivered, more than is left, too late)
 * say why and store nothing.
 */
describe('returns', () => {
  const setup = gatewayWithFakeTwilio({ env: { SEND_WINDOWS: '00:00-24:00' } });
  const to = (phone: string) => setup.twilio.messages.filter((m) => m.form.To === phone).map((m) => m.form.Body ?? '');
  const ask = async (from: string, text: string) => {
    const before = to(from).length;
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(from, text));
    return (await eventually(async () => (to(from).length > before ? to(from).at(-1) : undefined)))!;
  };
  const value = async (query: string, params: unknown[] = []) =>
    Number(Object.values((await setup.gateway.runtime.sql.query<Record<string, string>>(query, params))[0]!)[0]);

  test('asked, approved, received: stock back on hand, a credit note, the dealer told; the limits hold', async () => {
    // 1001 (A100 ×10, B200 ×20) is out for delivery: not yet returnable.
    expect(await ask(dave, '退货 1001 A100 3 外壳破损')).toBe('订单 1001 尚未送达（shipped）：只能退已送达的货。');
    expect((await adminApi(setup.gateway, 'POST', '/api/v1/orders/1001/status', { status: 'delivered' })).status).toBe(200);
    await eventually(async () => (to(dave).includes('订单 1001：已送达。') ? true : undefined));
    const price = await value(`select price::text from order_lines where order_number = '1001' and sku = 'A100'`);
    const [stockBefore, balanceBefore] = [
      await value(`select sum(on_hand)::text from stock where sku = 'A100'`),
      await value(`select balance::text from dealers where code = 'D1'`),
    ];

    // Another dealer's order is no order of his; a product not on it, or more than was delivered, is refused with the figures.
    expect(await ask(dave, 'RETURN 2001 A100 1 damaged')).toBe('未找到您的订单 2001。');
    expect(await ask(dave, '退货 1001 C300 1 破损')).toBe('订单 1001 中没有 C300（有 A100、B200）。');
    expect(await ask(dave, '退货 1001 A100 11 破损')).toBe('订单 1001：A100 送达 10，已退或已申请 0：最多还可退 10。');
    expect(await countRows(setup.gateway.runtime, 'select 1 from returns')).toBe(0);

    const asked = await ask(dave, '退货 1001 A100 3 外壳破损');
    expect(asked).toMatch(/^退货申请 (R\d+)：订单 1001 的 A100 ×3（¥\d+\.\d\d），原因：外壳破损。待 Li Mei 审批。$/);
    const number = /^退货申请 (R\d+)/.exec(asked)![1]!;
    // Li Mei is asked, in Chinese, with the return's number to approve.
    await eventually(async () => (to(mei).some((t) => t.startsWith(`待审批退货：${number}`)) ? true : undefined));
    // What is asked counts against what is left: 7 more at most.
    expect(await ask(dave, '退货 1001 A100 8 破损')).toBe('订单 1001：A100 送达 10，已退或已申请 3：最多还可退 7。');
    // Not received before it is approved.
    expect((await adminApi(setup.gateway, 'POST', `/api/v1/returns/${number}/received`)).status).toBe(409);

    // STATUS shows the return beside the orders.
    expect(await ask(dave, '订单')).toMatch(new RegExp(`^未完成订单：.*。退货：${number}（订单 1001）待审批。$`));
    expect(await ask(mei, `批准 ${number}`)).toBe(`退货 ${number} 已批准。已通知 Wang Wei。`);
    await eventually(async () => (to(dave).some((t) => t.startsWith(`退货 ${number}`) && t.includes('已由 Li Mei 批准')) ? true : undefined));
    expect(await ask(mei, `批准 ${number}`)).toBe(`退货 ${number} 不在待审批状态。`);

    const received = await adminApi(setup.gateway, 'POST', `/api/v1/returns/${number}/received`);
    const credit = Math.round(price * 3 * 100) / 100;
    expect(received.json).toEqual({ number, status: 'received', credited: credit, balance: balanceBefore - credit });
    expect((await adminApi(setup.gateway, 'POST', `/api/v1/returns/${number}/received`)).status).toBe(409);
    expect(await value(`select sum(on_hand)::text from stock where sku = 'A100'`)).toBe(stockBefore + 3);
    expect(await value(`select amount::text from dealer_ledger where kind = 'credit-note' and reference = $1`, [number])).toBe(-credit);
    expect(await value(`select balance::text from dealers where code = 'D1'`)).toBe(balanceBefore - credit);
    await eventually(async () => (to(dave).some((t) => t.startsWith(`退货 ${number} 已收货`)) ? true : undefined));

    // A rejected return gives its quantity back; past the window nothing is taken.
    const second = /^退货申请 (R\d+)/.exec(await ask(dave, '退货 1001 A100 7 包装破损'))![1]!;
    expect(await ask(mei, `驳回 ${second} 照片不清楚`)).toBe(`退货 ${second} 已驳回。已通知 Wang Wei。`);
    await setup.gateway.runtime.sql.query(`update orders set updated_at = now() - interval '31 days' where number = '1001'`);
    expect(await ask(dave, '退货 1001 A100 1 破损')).toMatch(/^订单 1001 于 \d{4}-\d\d-\d\d 送达：退货须在 30 天内申请。$/);
    expect(await countRows(setup.gateway.runtime, 'select 1 from returns')).toBe(2);
  });

  test('the import records goods received: once, with the credit note and the notice; a return not approved is a row error', async () => {
    // 1003 (A100 ×6, C300 ×2) was delivered in the demo data.
    const asked = /^退货申请 (R\d+)/.exec(await ask(dave, '退货 1003 C300 1 屏幕划痕'))![1]!;
    const pending = /^退货申请 (R\d+)/.exec(await ask(dave, '退货 1003 A100 1 缺配件'))![1]!;
    expect(await ask(mei, `批准 ${asked}`)).toBe(`退货 ${asked} 已批准。已通知 Wang Wei。`);
    const price = await value(`select price::text from order_lines where order_number = '1003' and sku = 'C300'`);
    const [balanceBefore, stockBefore] = [
      await value(`select balance::text from dealers where code = 'D1'`),
      await value(`select sum(on_hand)::text from stock where sku = 'C300'`),
    ];
    const document = {
      returns: [
        { number: asked, received: true },
        { number: pending, received: true },
        { number: 'R999', received: true },
      ],
    };
    const first = await adminApi(setup.gateway, 'POST', '/api/v1/import', document);
    expect(first.json.counts).toEqual({ returns: 1 });
    expect(first.json.errors.map((e: { index: number; message: string }) => [e.index, e.message])).toEqual([
      [1, `return ${pending} is pending_approval: only an approved return is received`],
      [2, 'no return R999'],
    ]);
    const balance = balanceBefore - price;
    expect(await value(`select balance::text from dealers where code = 'D1'`)).toBe(balance);
    expect(await value(`select sum(on_hand)::text from stock where sku = 'C300'`)).toBe(stockBefore + 1);
    // Dave is told (today's notices to him are used up by the first test: it waits for tomorrow's).
    const told = await setup.gateway.runtime.sql.query<{ body: string }>(`select body from outbox where person = 'Dave' and body like $1`, [
      `退货 ${asked} 已收货%`,
    ]);
    expect(told.map((row) => row.body)).toEqual([`退货 ${asked} 已收货：¥${price.toFixed(2)} 已冲减您的应付款，当前余额 ¥${balance.toFixed(2)}。`]);
    // The same document again receives nothing twice.
    const again = await adminApi(setup.gateway, 'POST', '/api/v1/import', document);
    expect(again.json.counts).toEqual({ returns: 0 });
    expect(await value(`select balance::text from dealers where code = 'D1'`)).toBe(balance);
    expect(await countRows(setup.gateway.runtime, `select 1 from dealer_ledger where kind = 'credit-note' and reference = $1`, [asked])).toBe(1);
  });
});
