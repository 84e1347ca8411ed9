import { releaseDue } from '../../gateway/pipeline';
import { adminApi, countRows, eventually, signedInOperator, startTestGateway, type TestGateway } from '../support/gateway';
import { fromUser, postWechat, wechatAesKey, wechatXml } from '../support/wechat';
import { FakeWechat, type WechatCall } from '../support/wechatFake';

/**
 * The WeChat Official Account channel (issue 22) through its webhook, the worker and the sender,
 * against a fake WeChat API on 127.0.0.1 that keeps WeChat's rules (the 48-hour window, tokens that
 * invalidate each other, unfollowed users).
 */
describe('WeChat channel', () => {
  const wechat = new FakeWechat();
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({
      wechatApiRoot: await wechat.start(),
      env: { WECHAT_ENCODING_AES_KEY: wechatAesKey, WECHAT_TEMPLATES: 'dunning=TPL-DUNNING, alert=TPL-ALERT' },
    });
  });
  afterAll(async () => {
    await gateway.stop();
    await wechat.stop();
  });
  beforeEach(() => wechat.reset());

  const dave = 'oDave0000000000000000000001';
  const chen = 'oChen0000000000000000000002';
  const stranger = 'oStranger000000000000000003';

  /** A user's message, as WeChat posts it: answered `success`; the user's window opens on WeChat's side too. */
  async function say(openId: string, fields: Record<string, string | number>, options: { encrypted?: boolean } = {}) {
    wechat.heard(openId);
    const xml = wechatXml(fromUser(openId, fields));
    const response = await postWechat(gateway, xml, options);
    expect(response).toEqual({ status: 200, text: 'success' });
    return xml;
  }
  /** Says something and answers what WeChat was asked to send because of it. */
  async function converse(openId: string, fields: Record<string, string | number> | string, replies = 1, options: { encrypted?: boolean } = {}) {
    const before = wechat.sent.length;
    await say(openId, typeof fields === 'string' ? { Content: fields } : fields, options);
    return (await wechat.waitFor(before + replies)).slice(before);
  }
  const textOf = (call: WechatCall) =>
    call.body.msgtype === 'msgmenu' ? (call.body.msgmenu as { head_content: string }).head_content : call.body.text!.content;
  async function link(personId: string, openId: string) {
    if (await countRows(gateway.runtime, 'select 1 from people where id = $1 and wechat_id = $2', [personId, openId])) return [];
    const { code } = (await adminApi(gateway, 'POST', `/api/v1/people/${personId}/link-code`)).json as { code: string };
    return converse(openId, code);
  }
  const windowKey = (openId: string) => `${gateway.runtime.queues.prefix}wechat:heard:${openId}`;

  test('an unlinked user is told how to link, in one line; the code typed as a message links them', async () => {
    const [told] = await converse(stranger, 'STOCK A100');
    expect(told!.body).toEqual({
      touser: stranger,
      msgtype: 'text',
      text: { content: 'This WeChat is not linked to fieldline yet. Send the link code your manager gave you (8 letters and digits), or scan their QR code.' },
    });
    const [linked] = await link('Dave', dave);
    expect(textOf(linked!)).toBe('绑定成功：此聊天属于 Wang Wei。发送 帮助 查看可用指令。');
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Dave' and wechat_id = $1`, [dave])).toBe(1);
    const [stock] = await converse(dave, '库存 B200');
    expect(stock!.body).toEqual({ touser: dave, msgtype: 'text', text: { content: 'B200 电热水壶 可用 380（GZ 80，SH 300）' } });
  });

  test('inbound cases: signatures, encryption, each message type, a retried MsgId, a malformed body', async () => {
    await link('Dave', dave);
    const stored = (key: string) => countRows(gateway.runtime, `select 1 from inbox where transport = 'wechat' and external_id = $1`, [key]);

    // A wrong token's signature, or a ciphertext whose msg_signature is not WeChat's: 403, nothing stored.
    const forged = fromUser(dave, { Content: 'STOCK A100' });
    expect((await postWechat(gateway, wechatXml(forged), { token: 'not-the-token' })).status).toBe(403);
    expect(await stored(String(forged.MsgId))).toBe(0);
    const otherKey = 'ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut';
    expect((await postWechat(gateway, wechatXml(forged), { encrypted: true, aesKey: otherKey })).status).toBe(400);
    expect(await stored(String(forged.MsgId))).toBe(0);

    // Malformed: not XML, no MsgType, a location off the globe.
    for (const body of [
      '<xml><ToUserName>',
      wechatXml({ ToUserName: 'gh', FromUserName: dave, CreateTime: 1 }),
      wechatXml(fromUser(dave, { MsgType: 'location', Location_X: 123, Location_Y: 500 })),
    ]) {
      const response = await postWechat(gateway, body);
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text).error.code).toBe('MALFORMED_BODY');
    }

    // Encrypted (safe mode): opened, answered like plain text.
    const [encrypted] = await converse(dave, { Content: 'PRICE A100' }, 1, { encrypted: true });
    expect(textOf(encrypted!)).toMatch(/^A100 电饭煲 3升 您的价格 ¥329\.00$/);

    // A retried MsgId (WeChat retries three times when the answer is slow): one row, one reply.
    const retried = wechatXml(fromUser(dave, { Content: 'STOCK E500' }));
    const msgId = /<MsgId><!\[CDATA\[(\d+)/.exec(retried)![1]!;
    const before = wechat.sent.length;
    const answers = await Promise.all([1, 2, 3, 4].map(() => postWechat(gateway, retried)));
    expect(answers.map((a) => a.text)).toEqual(['success', 'success', 'success', 'success']);
    await wechat.waitFor(before + 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(wechat.sent).toHaveLength(before + 1);
    expect(await stored(msgId)).toBe(1);

    // (An image, kept for a service request with its MediaId: the ticket photo test below.)
    // A menu click is the command its key names; following the account again is greeted with HELP.
    const [clicked] = await converse(dave, { MsgType: 'event', Event: 'CLICK', EventKey: 'BALANCE' });
    expect(textOf(clicked!)).toMatch(/^Huadong Appliances：余额¥45000.00/);
    const [greeted] = await converse(dave, { MsgType: 'event', Event: 'subscribe' });
    expect(textOf(greeted!)).toMatch(/帮助|HELP|指令/);

    // Kinds fieldline does not take (a voice without recognition, a link) are answered success and not stored.
    const ignored = await countRows(gateway.runtime, `select 1 from inbox where transport = 'wechat'`);
    await say(dave, { MsgType: 'voice', MediaId: 'V1', Format: 'amr' });
    await say(dave, { MsgType: 'event', Event: 'VIEW', EventKey: 'https://example.com' });
    expect(await countRows(gateway.runtime, `select 1 from inbox where transport = 'wechat'`)).toBe(ignored);
    // A voice message with WeChat's speech recognition is its text.
    const [spoken] = await converse(dave, { MsgType: 'voice', MediaId: 'V2', Format: 'amr', Recognition: '库存 E500' });
    expect(textOf(spoken!)).toMatch(/^E500 /);
  });

  test('a location (GCJ-02) from a driver becomes a vehicle ping at its WGS-84 point', async () => {
    const driver = 'oDan00000000000000000000004';
    await link('Dan', driver);
    // Shanghai People's Square as WeChat gives it (GCJ-02); in WGS-84 it lies about 500 m west-south-west.
    const [reply] = await converse(driver, { MsgType: 'location', Location_X: 31.23136, Location_Y: 121.475543, Scale: 15, Label: '人民广场' });
    expect(textOf(reply!)).toMatch(/31\.2\d+, 121\.4\d+/);
    const [ping] = await gateway.runtime.sql.query<{ lat: number; lon: number }>(`select lat, lon from pings where driver = 'Dan' order by id desc limit 1`);
    // gcoord's GCJ-02 → WGS-84: about (+0.00195, −0.00447) here.
    expect(ping!.lat).toBeCloseTo(31.23136 + 0.00195, 3);
    expect(ping!.lon).toBeCloseTo(121.475543 - 0.00447, 3);
  });

  test('the ORDER dialog over WeChat: every question a message menu, each tapped option read back as its reply', async () => {
    await link('Dave', dave);
    const tap = async (menu: WechatCall, label: string) => {
      const { list } = menu.body.msgmenu as { list: { id: string; content: string }[] };
      const option = list.find((o) => o.content === label)!;
      expect(option).toBeDefined();
      return converse(dave, { Content: option.content, bizmsgmenuid: option.id });
    };
    const [product] = await converse(dave, '下单');
    expect(product!.body.msgtype).toBe('msgmenu');
    expect(textOf(product!)).toMatch(/哪个产品|产品/);
    const [qty] = await tap(product!, 'B200');
    expect(textOf(qty!)).toMatch(/B200/);
    const [draft] = await tap(qty!, '5');
    expect(textOf(draft!)).toMatch(/^订单：\nB200 ×5 @/);
    const submit = (draft!.body.msgmenu as { list: { content: string }[] }).list[0]!.content;
    const [done] = await tap(draft!, submit);
    expect(textOf(done!)).toMatch(/^订单 \d+ /);
    const [order] = await gateway.runtime.sql.query<{ qty: number }>(
      `select l.qty from orders o join order_lines l on l.order_number = o.number where o.dealer = 'D1' and l.sku = 'B200' order by o.created_at desc limit 1`,
    );
    expect(order!.qty).toBe(5);
  });

  test('a dunning reminder: a template message outside the 48-hour window, a customer-service message inside it', async () => {
    await link('Dave', dave);
    await link('Chen', chen);
    // Dave last wrote more than 48 hours ago; Chen just wrote.
    await gateway.runtime.queues.connection.del(windowKey(dave));
    wechat.closeWindow(dave);
    const before = wechat.sent.length;
    const run = await adminApi(gateway, 'POST', '/api/v1/jobs/dunning/run', {});
    expect(run.status).toBe(200);
    const sent = (await wechat.waitFor(before + 2)).slice(before);
    const toDave = sent.find((s) => s.body.touser === dave)!;
    const toChen = sent.find((s) => s.body.touser === chen)!;
    expect(toDave.path).toBe('/cgi-bin/message/template/send');
    expect(toDave.body).toMatchObject({ template_id: 'TPL-DUNNING', data: { thing1: { value: '付款提醒' } } });
    expect([...(toDave.body.data as { thing2: { value: string } }).thing2.value].length).toBeLessThanOrEqual(20);
    expect(toChen.path).toBe('/cgi-bin/message/custom/send');
    expect(toChen.body.text!.content).toMatch(/INV-3/);
    // Each one once; the template's delivery report (TEMPLATESENDJOBFINISH) marks it delivered.
    // (WeChat has it before the gateway records its answer: the row is waited for.)
    const row = await eventually(async () => {
      const rows = await gateway.runtime.sql.query<{ provider_id: string | null; status: string }>(
        `select provider_id, status from outbox where recipient = $1 and kind = 'dunning'`,
        [`wx:${dave}`],
      );
      return rows.length === 1 && rows[0]!.status === 'sent' ? rows[0] : undefined;
    });
    expect(row.provider_id).toMatch(/^template:\d+$/);
    await postWechat(
      gateway,
      wechatXml({
        ToUserName: 'gh',
        FromUserName: dave,
        CreateTime: 1764000999,
        MsgType: 'event',
        Event: 'TEMPLATESENDJOBFINISH',
        MsgID: row.provider_id!.replace('template:', ''),
        Status: 'success',
      }),
    );
    expect(await countRows(gateway.runtime, `select 1 from outbox where recipient = $1 and kind = 'dunning' and status = 'delivered'`, [`wx:${dave}`])).toBe(1);
  });

  test('the access token expiring mid-run: the send that meets 40001 fetches a new one and goes once', async () => {
    await link('Dave', dave);
    wechat.revoke();
    const tokens = wechat.tokenCalls;
    const [reply] = await converse(dave, 'STOCK A100');
    expect(reply!.token).toBe(`tok-${tokens + 1}`);
    // One call refused with 40001, then the one that went.
    expect(wechat.calls.filter((c) => c.path === '/cgi-bin/message/custom/send').map((c) => c.errcode)).toEqual([40001, 0]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(wechat.sent.filter((s) => s.body.touser === dave)).toHaveLength(1);
  });

  test('45015 with no template for the kind fails the message with its code; 43004 makes the person unreachable on WeChat', async () => {
    await link('Dave', dave);
    const approvalTo = async () => {
      await gateway.runtime.store.outbox.add([
        {
          channel: 'wechat',
          transport: 'wechat',
          to: `wx:${dave}`,
          text: 'Order 10001 needs your approval',
          personId: null,
          inReplyTo: null,
          kind: 'approval',
          notBefore: new Date(),
        },
      ]);
      await releaseDue(gateway.runtime);
      return eventually(async () => {
        const [row] = await gateway.runtime.sql.query<{ status: string; error_code: string | null }>(
          `select status, error_code from outbox where recipient = $1 and kind = 'approval' order by id desc limit 1`,
          [`wx:${dave}`],
        );
        return row && row.status !== 'pending' && row.status !== 'sending' ? row : undefined;
      });
    };
    await gateway.runtime.queues.connection.del(windowKey(dave));
    wechat.closeWindow(dave);
    expect(await approvalTo()).toEqual({ status: 'failed', error_code: '45015' });
    wechat.unfollow(dave);
    expect(await approvalTo()).toEqual({ status: 'failed', error_code: '43004' });
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Dave' and wechat_blocked_at is not null`)).toBe(1);
    // Writing again follows the account again: reachable once more.
    await converse(dave, 'STOCK A100');
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Dave' and wechat_blocked_at is null`)).toBe(1);
  });

  test('an unfollowing is applied at once: nothing stored, the person unreachable there', async () => {
    await link('Chen', chen);
    await say(chen, { MsgType: 'event', Event: 'unsubscribe' });
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Chen' and wechat_blocked_at is not null`)).toBe(1);
    // A QR code made with a link code as its scene links whoever scans it to follow.
    const { code } = (await adminApi(gateway, 'POST', '/api/v1/people/Chen/link-code')).json as { code: string };
    const [linked] = await converse(chen, { MsgType: 'event', Event: 'subscribe', EventKey: `qrscene_${code}` });
    expect(textOf(linked!)).toMatch(/^绑定成功/);
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Chen' and wechat_blocked_at is null and wechat_id = $1`, [chen])).toBe(1);
    // A scene that is no link code (a campaign's QR code) links no one: following is greeted with HELP.
    const [greeted] = await converse(chen, { MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_123123' });
    expect(textOf(greeted!)).toMatch(/^可用指令/);
  });

  test('STOP on WeChat opts the WeChat address out: a proactive message there is cancelled, a reply still goes', async () => {
    await link('Chen', chen);
    const [stopped] = await converse(chen, '退订');
    expect(textOf(stopped!)).toBe('已退订，不再发送通知。回复 订阅 可恢复。');
    expect(await countRows(gateway.runtime, `select 1 from contact_opt_outs where channel = 'wechat' and address = $1`, [`wx:${chen}`])).toBe(1);
    const [id] = await gateway.runtime.store.outbox.add([
      {
        channel: 'wechat',
        transport: 'wechat',
        to: `wx:${chen}`,
        text: 'Invoice INV-3 is due',
        personId: null,
        inReplyTo: null,
        kind: 'dunning',
        notBefore: new Date(),
      },
    ]);
    await releaseDue(gateway.runtime);
    expect(
      await eventually(async () => {
        const [row] = await gateway.runtime.sql.query<{ status: string; error_code: string }>('select status, error_code from outbox where id = $1', [id]);
        return row?.status === 'cancelled' ? row : undefined;
      }),
    ).toEqual({ status: 'cancelled', error_code: 'OPTED_OUT' });
    const [resumed] = await converse(chen, '订阅');
    expect(textOf(resumed!)).toBe('已恢复订阅。回复 退订 可取消。');
  });

  test('a ticket photo sent on WeChat is shown on the service board, fetched from the temporary media API', async () => {
    await link('Dave', dave);
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 0xff, 0xd9]);
    wechat.files.set('MEDIA-FIX', { body: jpeg, type: 'image/jpeg' });
    // A WeChat image has no caption: it starts a service request, as a Telegram photo captioned FIX does.
    const [which] = await converse(dave, { MsgType: 'image', PicUrl: 'http://mmbiz.qpic.cn/y', MediaId: 'MEDIA-FIX' });
    expect(textOf(which!)).toBe('请问是哪个产品？请发送产品编号，如 A100。');
    const [asked] = await converse(dave, 'A100');
    expect(textOf(asked!)).toMatch(/A100/);
    const [filed] = await converse(dave, '盖子裂了');
    expect(textOf(filed!)).toMatch(/^已报修 A100，工单号 \d+/);
    const [{ number }] = (await gateway.runtime.sql.query<{ number: string }>(`select number from tickets where photo_file_id = 'wechat:MEDIA-FIX'`)) as [
      { number: string },
    ];
    const desk = await signedInOperator(gateway, { email: 'wxdesk@example.com', role: 'viewer' });
    const shown = await fetch(`${gateway.url}/console/tickets/${number}/photo`, { headers: { cookie: desk.cookie } });
    expect([shown.status, shown.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await shown.arrayBuffer())).toEqual(jpeg);
  });
});
