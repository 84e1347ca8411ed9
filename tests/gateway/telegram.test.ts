import { FakeTelegram, telegramError } from '../support/telegramFake';
import { adminApi, countRows, eventually, signedInOperator, startTestGateway, telegramSecret, telegramToken, type TestGateway } from '../support/gateway';
import { describeWithTestdata, readTestdata } from '../support/testdata';
import { startTelegramPolling } from '../../gateway/channels/telegram';
import { createIntake } from '../../gateway/intake';

/** The Telegram channel through its webhook, the worker and grammY against a fake Bot API. */
describe('Telegram channel', () => {
  const telegram = new FakeTelegram();
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ telegramApiRoot: await telegram.start() });
  });
  afterAll(async () => {
    await gateway.stop();
    await telegram.stop();
  });
  beforeEach(() => telegram.reset());

  let updateId = 700_000;
  const diana = 500000002;
  const update = (userId: number, message: Record<string, unknown>, id = updateId++) => ({
    update_id: id,
    message: {
      message_id: id,
      date: 1700000000,
      chat: { id: userId, type: 'private', first_name: 'T' },
      from: { id: userId, is_bot: false, first_name: 'T', language_code: 'en' },
      ...message,
    },
  });
  const post = async (body: unknown, secret: string | null = telegramSecret) => {
    const response = await fetch(`${gateway.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    return { status: response.status, json: (await response.json().catch(() => null)) as Record<string, unknown> | null };
  };
  /** Posts one update and answers the sendMessage calls it caused. */
  async function converse(body: { update_id: number }, replies = 1) {
    const before = telegram.sent().length;
    expect((await post(body)).status).toBe(200);
    return (await telegram.waitFor(before + replies)).slice(before);
  }

  test.each([
    ['no secret header', null],
    ['a wrong secret', 'not-the-secret'],
  ])('%s is refused with 401 and nothing is stored', async (_label, secret) => {
    const body = update(diana, { text: '/stock A100' });
    expect((await post(body, secret)).status).toBe(401);
    expect(await countRows(gateway.runtime, `select 1 from inbox where transport = 'telegram' and external_id = $1`, [String(body.update_id)])).toBe(0);
  });

  test.each([
    ['malformed JSON', '{"update_id": '],
    ['an object without update_id', { message: { text: 'hi' } }],
  ])('%s is a 400', async (_label, body) => {
    const { status, json } = await post(body);
    expect(status).toBe(400);
    expect((json!.error as { code: string }).code).toBe('MALFORMED_BODY');
  });

  test('a command from a linked chat: the exact sendMessage request', async () => {
    const [call] = await converse(update(diana, { text: '/stock@FieldlineBot A100', entities: [{ type: 'bot_command', offset: 0, length: 19 }] }));
    expect(call!.token).toBe(telegramToken);
    expect(call!.body).toEqual({ chat_id: diana, text: 'A100 Rice cooker 3L: 165 pcs available (GZ 45, SH 120)' });
    const [chinese] = await converse(update(diana, { text: '库存 B200' }));
    expect(chinese!.body.text).toBe('B200 Electric kettle: 380 pcs available (GZ 80, SH 300)');
  });

  test('a retried update_id is one inbox row and one reply', async () => {
    const body = update(diana, { text: 'PRICE A100' });
    const statuses = await Promise.all(Array.from({ length: 5 }, () => post(body).then((r) => r.status)));
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    await telegram.waitFor(1);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(telegram.sent()).toHaveLength(1);
    expect(await countRows(gateway.runtime, `select 1 from inbox where transport = 'telegram' and external_id = $1`, [String(body.update_id)])).toBe(1);
  });

  test('an unlinked chat is asked to share its phone number, with the button', async () => {
    const [call] = await converse(update(4242, { text: 'STOCK A100' }));
    expect(call!.body.text).toMatch(/not linked/);
    expect(call!.body.reply_markup).toEqual({
      keyboard: [[{ text: 'Share my phone number', request_contact: true }]],
      one_time_keyboard: true,
      resize_keyboard: true,
    });
  });

  test("sharing one's own contact links the chat; a forwarded contact does not", async () => {
    const forwarded = await converse(update(4343, { contact: { phone_number: '8613800000003', first_name: 'Zhang', user_id: 777 } }));
    expect(forwarded[0]!.body.text).toMatch(/own contact/);
    expect(await countRows(gateway.runtime, `select 1 from people where telegram_id = '4343'`)).toBe(0);
    const cardWithoutUser = await converse(update(4343, { contact: { phone_number: '+8613800000003', first_name: 'Zhang' } }));
    expect(cardWithoutUser[0]!.body.text).toMatch(/own contact/);

    const [linked] = await converse(update(4343, { contact: { phone_number: '8613800000003', first_name: 'Zhang', user_id: 4343 } }));
    expect(linked!.body.text).toBe('Linked: this chat now belongs to Zhang An. Send HELP for your commands.');
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Ann' and telegram_id = '4343'`)).toBe(1);
    const [asAnn] = await converse(update(4343, { text: '/price A100' }));
    expect(asAnn!.body.text).toBe('PRICE is not available to you. Send HELP for your commands.'); // Ann is a promoter

    const [stranger] = await converse(update(4444, { contact: { phone_number: '+8613999999999', first_name: 'X', user_id: 4444 } }));
    expect(stranger!.body.text).toBe('+8613999999999 is not registered with fieldline. Please ask your sales manager to add you.');
  });

  test('a link code links once, then is refused; an expired code is refused', async () => {
    const issued = await adminApi(gateway, 'POST', '/api/v1/people/Tom/link-code');
    expect(issued.status).toBe(201);
    expect(issued.json.code).toMatch(/^[A-Z2-9]{8}$/);
    const [linked] = await converse(update(5151, { text: `/start ${issued.json.code}` }));
    expect(linked!.body.text).toBe('绑定成功：此聊天属于 Tom Xu。发送 帮助 查看可用指令。'); // Tom's profile language
    const [again] = await converse(update(5252, { text: `/start ${issued.json.code}` }));
    expect(again!.body.text).toBe('That link code was used already. Ask your manager for a new one.');
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Tom' and telegram_id = '5151'`)).toBe(1);

    await gateway.runtime.store.linkCodes.issue('Tom', 'OLDCODE2', new Date(Date.now() - 1000));
    const [expired] = await converse(update(5353, { text: '/start OLDCODE2' }));
    expect(expired!.body.text).toBe('That link code has expired. Ask your manager for a new one.');
    expect((await adminApi(gateway, 'POST', '/api/v1/people/Nobody/link-code')).status).toBe(404);
  });

  test('429 waits as long as retry_after says, then the message goes out once', async () => {
    let calls = 0;
    telegram.respondWith((call) =>
      call.method === 'sendMessage' && ++calls === 1 ? telegramError(429, 'Too Many Requests: retry after 2', { retry_after: 2 }) : null,
    );
    await post(update(diana, { text: 'STOCK C300' }));
    const sent = await telegram.waitFor(2, 'sendMessage', 15_000);
    expect(sent[1]!.at - sent[0]!.at).toBeGreaterThanOrEqual(1900);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(telegram.sent()).toHaveLength(2);
  });

  test('403 (the user blocked the bot) marks the person unreachable on Telegram until they write again', async () => {
    telegram.respondWith((call) => (call.method === 'sendMessage' ? telegramError(403, 'Forbidden: bot was blocked by the user') : null));
    await post(update(diana, { text: 'STATUS 2001' }));
    await eventually(async () =>
      (await countRows(gateway.runtime, `select 1 from people where id = 'Diana' and telegram_blocked_at is not null`)) === 1 ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(telegram.sent()).toHaveLength(1);
    telegram.respondWith(() => null);
    await converse(update(diana, { text: 'HELP' }));
    expect(await countRows(gateway.runtime, `select 1 from people where id = 'Diana' and telegram_blocked_at is null`)).toBe(1);
  });

  test('an order on Telegram gets buttons; a tap answers the dialog and stops the spinner', async () => {
    const [draft] = await converse(update(diana, { text: '/order B200 1' }));
    expect(draft!.body.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '✅ Submit', callback_data: 'YES' },
          { text: '➕ Add product', callback_data: '+' },
          { text: '❌ Cancel', callback_data: 'NO' },
        ],
      ],
    });
    const tap = {
      update_id: updateId++,
      callback_query: {
        id: 'cbq-1',
        from: { id: diana, is_bot: false, first_name: 'D' },
        chat_instance: '1',
        data: 'NO',
        message: { message_id: 9, date: 1700000000, chat: { id: diana, type: 'private' } },
      },
    };
    const [answer] = await converse(tap);
    expect(answer!.body).toEqual({ chat_id: diana, text: 'Order cancelled.' });
    expect((await telegram.waitFor(1, 'answerCallbackQuery'))[0]!.body).toEqual({ callback_query_id: 'cbq-1' });
  });

  test('a manager’s notice on Telegram asks with Send/Cancel buttons; a tap sends it, and Diana’s goes to her chat', async () => {
    const mei = 500000009;
    await gateway.runtime.sql.query(`update people set telegram_id = $1 where id = 'Mei'`, [String(mei)]);
    const [question] = await converse(update(mei, { text: '/notice 周五仓库停业' }));
    // Only Telegram is configured here: the people under Mei without a linked chat cannot be reached, and the preview says so.
    expect(question!.body.text).toMatch(/^将通知 (\d) 人：Telegram \1 人；(\d) 人收不到（无渠道 \2）；/);
    expect(question!.body.reply_markup).toEqual({
      inline_keyboard: [
        [
          { text: '✅ 发送', callback_data: 'YES' },
          { text: '❌ 取消', callback_data: 'NO' },
        ],
      ],
    });
    const tap = {
      update_id: updateId++,
      callback_query: {
        id: 'cbq-notice',
        from: { id: mei, is_bot: false, first_name: 'M' },
        chat_instance: '1',
        data: 'YES',
        message: { message_id: 10, date: 1700000000, chat: { id: mei, type: 'private' } },
      },
    };
    const [sent] = await converse(tap);
    expect(sent!.body.text).toMatch(/^通知已发出，共 \d 人/);
    // In her broadcast window (10:00–19:00 by default), it leaves for her chat.
    const planned = await countRows(
      gateway.runtime,
      `select 1 from outbox where kind = 'broadcast' and channel = 'telegram' and recipient = $1 and body = $2`,
      [`tg:${diana}`, 'Li Mei：周五仓库停业'],
    );
    expect(planned).toBe(1);
    // What is due leaves before the next test (inside the window, by the time of day this runs): none of it lands in another test's calls.
    await eventually(async () =>
      (await countRows(
        gateway.runtime,
        `select 1 from outbox where kind = 'broadcast' and status in ('pending', 'queued', 'sending') and coalesce(not_before, created_at) <= now()`,
      )) === 0
        ? true
        : undefined,
    );
  });

  test('free text that would order is proposed with Yes/No buttons; tapping Yes runs ORDER, whose draft asks again', async () => {
    const [proposal] = await converse(update(diana, { text: 'can I get 2 B200 please' }));
    expect(proposal!.body).toEqual({
      chat_id: diana,
      text: 'Did you mean: ORDER B200 2? Reply YES to do it, NO to drop it.',
      reply_markup: {
        inline_keyboard: [
          [
            { text: '✅ Yes', callback_data: 'YES' },
            { text: '❌ No', callback_data: 'NO' },
          ],
        ],
      },
    });
    const tap = (data: string) => ({
      update_id: updateId++,
      callback_query: {
        id: `cbq-${updateId}`,
        from: { id: diana, is_bot: false, first_name: 'D' },
        chat_instance: '1',
        data,
        message: { message_id: 10, date: 1700000000, chat: { id: diana, type: 'private' } },
      },
    });
    const [draft] = await converse(tap('YES'));
    expect(draft!.body.text).toMatch(/^Order:\nB200 ×2 @/);
    expect(await countRows(gateway.runtime, `select 1 from dialogs where person = 'Diana' and kind = 'order'`)).toBe(1);
    const [cancelled] = await converse(tap('NO'));
    expect(cancelled!.body.text).toBe('Order cancelled.');
  });

  test('polling mode: updates fetched with getUpdates go through the same intake, once', async () => {
    const poller = await startTelegramPolling(gateway.runtime, createIntake(gateway.runtime));
    try {
      const polled = update(diana, { text: 'STOCK E500' });
      telegram.queueUpdate(polled);
      const [call] = await telegram.waitFor(1);
      expect(call!.body).toEqual({ chat_id: diana, text: 'E500 Induction cooker: 60 pcs available' });
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(telegram.sent()).toHaveLength(1);
      expect(await countRows(gateway.runtime, `select 1 from inbox where transport = 'telegram' and external_id = $1`, [String(polled.update_id)])).toBe(1);
    } finally {
      await poller.stop();
    }
  });

  test('a photo with FIX in its caption files a ticket and keeps the photo (its largest size)', async () => {
    const photo = [
      { file_id: 'small-id', file_unique_id: 'u1', width: 90, height: 90 },
      { file_id: 'large-id', file_unique_id: 'u2', width: 1280, height: 960 },
    ];
    const [reply] = await converse(update(diana, { photo, caption: 'FIX A100 SN777 cracked lid' }));
    expect(reply!.body.text).toMatch(/^Ticket \d+ filed for A100 \(SN777\), assigned to Guangzhou service centre\./);
    const [ticket] = await gateway.runtime.sql.query('select sku, serial, description, photo_file_id from tickets order by created_at desc limit 1');
    expect(ticket).toEqual({ sku: 'A100', serial: 'SN777', description: 'cracked lid', photo_file_id: 'large-id' });
    // The service board opens it: the console fetches the photo from the Bot API (getFile, then the file).
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 0xff, 0xd9]);
    telegram.files.set('large-id', { body: jpeg, type: 'image/jpeg' });
    const desk = await signedInOperator(gateway, { email: 'desk@example.com', role: 'viewer' });
    const [{ number }] = (await gateway.runtime.sql.query<{ number: string }>(`select number from tickets where photo_file_id = 'large-id'`)) as [
      { number: string },
    ];
    const shown = await fetch(`${gateway.url}/console/tickets/${number}/photo`, { headers: { cookie: desk.cookie } });
    expect([shown.status, shown.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    expect(Buffer.from(await shown.arrayBuffer())).toEqual(jpeg);
    telegram.files.clear();
    expect((await fetch(`${gateway.url}/console/tickets/${number}/photo`, { headers: { cookie: desk.cookie } })).status).toBe(404);
  });

  test('a photo captioned FIX alone: the dialog asks for the product, then the description, then files it with the photo', async () => {
    const photo = [{ file_id: 'photo-2', file_unique_id: 'u3', width: 1280, height: 960 }];
    const [askProduct] = await converse(update(diana, { photo, caption: 'FIX' }));
    expect(askProduct!.body.text).toBe('Which product is it? Send its code, e.g. A100.');
    const [unknown] = await converse(update(diana, { text: 'A1O0' }));
    expect(unknown!.body.text).toBe('Unknown product A1O0. Did you mean A100? Which product is it? Send its code, e.g. A100.');
    const [askWhat] = await converse(update(diana, { text: 'c300' }));
    expect(askWhat!.body.text).toBe('What is wrong with the C300? Describe it in a few words.');
    const [filed] = await converse(update(diana, { text: 'basket handle snapped' }));
    expect(filed!.body.text).toMatch(/^Ticket \d+ filed for C300, assigned to Guangzhou service centre\./);
    const [ticket] = await gateway.runtime.sql.query('select sku, description, photo_file_id from tickets order by created_at desc, number desc limit 1');
    expect(ticket).toEqual({ sku: 'C300', description: 'basket handle snapped', photo_file_id: 'photo-2' });
  });

  describeWithTestdata('real Bot API updates (shared/testdata/telegram_updates.json)', () => {
    const fixtures = readTestdata<{ updates: { kind: string; update?: { update_id: number } }[] }>('telegram_updates.json').updates.filter((u) => u.update);

    // Text, and since issue 6 a person's location, is stored; the rest (bots' messages, groups, …) is not.
    const stored = /^text_message|^reply$|^forwarded$|^entities$|^location_message$/;
    test.each(fixtures.filter((f) => !stored.test(f.kind)).map((f) => [f.kind, f.update!] as const))(
      '%s is acknowledged with 200 and a reason, and stores nothing',
      async (_kind, body) => {
        const id = updateId++;
        const { status, json } = await post({ ...body, update_id: id });
        expect(status).toBe(200);
        expect(typeof json!.ignored).toBe('string');
        expect(await countRows(gateway.runtime, `select 1 from inbox where transport = 'telegram' and external_id = $1`, [String(id)])).toBe(0);
      },
    );

    test.each(fixtures.filter((f) => stored.test(f.kind)).map((f) => [f.kind, f.update!] as const))(
      '%s from an unlinked user is stored and answered with the link request',
      async (_kind, body) => {
        const [call] = await converse({ ...body, update_id: updateId++ });
        expect(call!.body.reply_markup).toMatchObject({ keyboard: [[{ request_contact: true }]] });
      },
    );
  });
});
