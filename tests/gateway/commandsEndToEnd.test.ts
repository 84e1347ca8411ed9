import { type ReceivedRequest } from '../support/twilioFake';
import { accountSid, authToken, countRows, gatewayWithFakeTwilio, postTwilio, publicUrl, smsForm, twilioFrom } from '../support/gateway';

/** Each command through the signed webhook, the worker and the real Twilio SDK: the exact request Twilio would receive. */
describe('commands end to end over SMS', () => {
  const setup = gatewayWithFakeTwilio();
  const { twilio } = setup;

  /** Sends one SMS and answers the requests the fake Twilio received for it. */
  async function converse(from: string, body: string, expectedReplies = 1): Promise<ReceivedRequest[]> {
    const before = twilio.messages.length;
    expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(from, body))).status).toBe(200);
    const all = await twilio.waitForMessages(before + expectedReplies);
    await new Promise((resolve) => setTimeout(resolve, expectedReplies === 0 ? 400 : 0));
    return all.slice(before);
  }

  const basicAuth = `Basic ${Buffer.from(`${accountSid}:${authToken}`).toString('base64')}`;
  const outboxIdOf = (request: ReceivedRequest) => new URL(request.form.StatusCallback!).searchParams.get('outbox');

  test('STOCK: the exact Messages.create request', async () => {
    const [request] = await converse('+8613800000001', 'STOCK A100');
    expect(request!.method).toBe('POST');
    expect(request!.path).toBe(`/2010-04-01/Accounts/${accountSid}/Messages.json`);
    expect(request!.authorization).toBe(basicAuth);
    expect(request!.form).toEqual({
      To: '+8613800000001',
      From: twilioFrom,
      Body: 'A100 电饭煲 3升 可用 165（GZ 45，SH 120）',
      StatusCallback: `${publicUrl}/webhooks/twilio/status?outbox=${outboxIdOf(request!)}`,
    });
  });

  test('STOCK in the lexer forms a phone sends', async () => {
    for (const text of ['ＳＴＯＣＫ　Ａ１００', '查库存 A100', '库存，A100', 'kc a100']) {
      const [request] = await converse('+8613800000001', text);
      expect(request!.form.Body).toBe('A100 电饭煲 3升 可用 165（GZ 45，SH 120）');
    }
    const [oneWarehouse] = await converse('+8613800000002', 'STOCK a100 gz');
    expect(oneWarehouse!.form.Body).toBe('A100 Rice cooker 3L: 45 pcs available');
    // A warehouse that holds none of the product is still a warehouse; one that does not exist is named as unknown.
    const [noneThere] = await converse('+8613800000002', 'STOCK C300 gz');
    expect(noneThere!.form.Body).toBe('C300 Air fryer 5L: 0 pcs available; your allocation: 0 of 10 left');
    const [nowhere] = await converse('+8613800000002', 'STOCK A100 BJ');
    expect(nowhere!.form.Body).toBe('Unknown warehouse BJ. Known: GZ, SH.');
  });

  test("PRICE: each dealer gets their own tier price, never another dealer's", async () => {
    const [gold] = await converse('+8613800000001', 'PRICE A100 5');
    const [silver] = await converse('+8613800000002', 'PRICE A100x5');
    expect(gold!.form.Body).toBe('A100 ×5 您的价格 ¥329.00，合计 ¥1645.00');
    expect(silver!.form.Body).toBe('A100 x5: ¥359.00 each (your price), total ¥1795.00');
    expect(silver!.form.Body).not.toContain('329');
    const [noContract] = await converse('+8613800000002', 'PRICE E500');
    expect(noContract!.form.Body).toBe('E500 Induction cooker: list price ¥299.00');
    // A dealer's price is looked up with its product: a code in lower case is the product, an unknown one gets suggestions.
    const [lower] = await converse('+8613800000002', 'PRICE a100');
    expect(lower!.form.Body).toBe('A100 Rice cooker 3L: your price ¥359.00');
    const [typo] = await converse('+8613800000002', 'PRICE A10O');
    expect(typo!.form.Body).toBe('Unknown product A10O. Did you mean A100?');
  });

  test('PRICE is refused to a promoter, naming the command and giving no data', async () => {
    const [request] = await converse('+8613800000003', 'PRICE A100');
    expect(request!.form.Body).toBe('PRICE is not available to you. Send HELP for your commands.');
  });

  test("STATUS: a dealer sees their own order and not another dealer's", async () => {
    const [own] = await converse('+8613800000002', 'STATUS 2001');
    expect(own!.form.Body).toBe('Order 2001: waiting for approval. 2 line(s), ¥12870.00');
    const [other] = await converse('+8613800000002', 'STATUS 1001');
    const [missing] = await converse('+8613800000002', 'STATUS 9999');
    expect(other!.form.Body).toBe('No order 1001 found for you.');
    expect(missing!.form.Body).toBe('No order 9999 found for you.'); // the same words: existence is not revealed
    const [driver] = await converse('+8613800000004', '订单 1001');
    expect(driver!.form.Body).toBe('订单 1001：配送中，预计 11-24 15:00 送达。共 2 行，¥5270.00');
  });

  test('LANG switches the reply language and is remembered', async () => {
    const [switched] = await converse('+8613800000001', 'LANG EN');
    expect(switched!.form.Body).toBe('Replies will be in English. Send LANG ZH for Chinese.');
    const [after] = await converse('+8613800000001', '库存 B200');
    expect(after!.form.Body).toBe('B200 Electric kettle: 380 pcs available (GZ 80, SH 300)');
    const [back] = await converse('+8613800000001', '语言 中文');
    expect(back!.form.Body).toBe('以后用中文回复。发送 LANG EN 改用英文。');
    expect(await countRows(setup.gateway.runtime, `select 1 from people where id = 'Dave' and language = 'zh'`)).toBe(1);
    const [chinese] = await converse('+8613800000002', 'LANG chinese');
    expect(chinese!.form.Body).toBe('以后用中文回复。发送 LANG EN 改用英文。');
    await converse('+8613800000002', 'LANG english');
  });

  test('STOP confirms once, then silence; START opts back in', async () => {
    const [stopped] = await converse('+8613800000006', 'STOP');
    expect(stopped!.form.Body).toBe('已退订，不再发送通知。回复 订阅 可恢复。');
    expect(await countRows(setup.gateway.runtime, `select 1 from contact_opt_outs where channel = 'sms' and address = '+8613800000006'`)).toBe(1);
    expect(await converse('+8613800000006', '退订', 0)).toEqual([]);
    const [started] = await converse('+8613800000006', 'START');
    expect(started!.form.Body).toBe('已恢复订阅。回复 退订 可取消。');
    expect(await countRows(setup.gateway.runtime, `select 1 from contact_opt_outs where address = '+8613800000006'`)).toBe(0);
  });

  test('an unknown sender gets one short reply and no data; bad input gets a clear reply', async () => {
    const [stranger] = await converse('+8613911110000', 'STOCK A100');
    expect(stranger!.form.Body).toBe('This number is not registered with fieldline. Please ask your sales manager to add you.');
    const [typo] = await converse('+8613800000002', 'STOCK A10O');
    expect(typo!.form.Body).toBe('Unknown product A10O. Did you mean A100?');
    const [usage] = await converse('+8613800000002', 'STOCK');
    expect(usage!.form.Body).toBe('Usage: STOCK sku [warehouse], e.g. STOCK A100');
    const [qty] = await converse('+8613800000002', 'PRICE A100 0');
    expect(qty!.form.Body).toBe('0 is not a quantity: use a whole number above 0.');
    // A greeting is no command: a friendly answer (tests/gateway/understanding.test.ts has the rest of free text).
    const [chatter] = await converse('+8613800000002', 'Hi, are you there?');
    expect(chatter!.form.Body).toBe('Hello Diana Huang! Ask me about stock, prices or your orders, or send HELP.');
  });
});
