import { aliasTable } from '../../commands/index';
import { lex } from '../../commands/lexer';
import { typedCommand } from '../../commands/typed';
import { processInbound } from '../../commands/router';
import { storeInbound } from '../../adapters/db/messageLog';
import { sqlStore } from '../../adapters/db/store';
import { routerOptions } from '../../gateway/pipeline';
import { ManualClock, adminApi, countRows, startTestGateway, type TestGateway } from '../support/gateway';
import { describeWithTestdata, readTestdata } from '../support/testdata';

/**
 * Free text through the whole pipeline (simulator channel, worker, real PostgreSQL and Redis):
 * what reads is answered as the command would answer it; what would change data is only proposed,
 * changes nothing, and runs on YES through the command's normal path; the rest is HELP or a kind word.
 */
describe('free text understood', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  /** The replies to one message, joined by line (a long reply arrives in parts). */
  const say = async (from: string, text: string): Promise<string> => {
    const { status, json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text });
    expect(status).toBe(200);
    return (json.replies as { text: string }[]).map((r) => r.text).join('\n');
  };
  const rows = (query: string, params: unknown[] = []) => countRows(gateway.runtime, query, params);
  const dialogOf = async (person: string) =>
    (await gateway.runtime.sql.query<{ kind: string; state: unknown }>('select kind, state from dialogs where person = $1', [person]))[0] ?? null;

  const dave = '+8613800000001'; // dealer D1, Chinese
  const diana = '+8613800000002'; // dealer D2, English, over her credit headroom
  const ann = '+8613800000003'; // promoter at S1, no language set
  const dan = '+8613800000004'; // driver
  const tom = '+8613800000006'; // technician

  test("the issue's examples that read are answered at once, exactly as their commands answer", async () => {
    expect(await say(dave, 'A100还有货吗')).toBe(await say(dave, '库存 A100'));
    expect(await say(dave, 'A100还有货吗')).toBe('A100 电饭煲 3升 可用 165（GZ 45，SH 120）');
    expect(await say(diana, 'how much is B200 for me')).toBe(await say(diana, 'PRICE B200'));
    expect(await say(dave, '我的订单到哪了')).toBe(await say(dave, '订单'));
    expect(await say(diana, "where's order 2001")).toBe('Order 2001: waiting for approval. 2 line(s), ¥12870.00');
    expect(await say(diana, 'how much would 3 A100 cost')).toBe('A100 x3: ¥359.00 each (your price), total ¥1077.00');
    expect(await rows('select 1 from dialogs')).toBe(0);
  });

  test('a keyword is the command only when the message parses as it; a sentence that begins with one is understood', async () => {
    // As typed: the arguments parse, or only a quantity is wrong.
    expect(await say(diana, 'PRICE A100 0')).toBe('0 is not a quantity: use a whole number above 0.');
    expect(await say(diana, 'STOCK')).toBe('Usage: STOCK sku [warehouse], e.g. STOCK A100');
    // Sentences: what they ask is answered.
    expect(await say(diana, 'PRICE A100 please')).toBe(await say(diana, 'PRICE A100'));
    expect(await say(diana, 'order 2001 status?')).toBe(await say(diana, 'STATUS 2001'));
    // Nothing else made of it: the keyword's usage, not a guess.
    expect(await say(diana, 'stop the music')).toBe('Usage: STOP');
  });

  test('glued Chinese, one-character aliases in sentences, Traditional characters: read as meant, nothing written', async () => {
    const orders = await rows('select 1 from orders');
    expect(await say(dave, '订单1002审批过了吗')).toBe(await say(dave, '订单 1002'));
    expect(await say(dave, '工单88怎么样了')).toBe(await say(dave, '工单 88'));
    expect(await say(dave, '好的，谢谢')).toBe('不客气！');
    expect(await say(dave, '庫存 A100')).toBe(await say(dave, '库存 A100'));
    expect(await say(dave, 'A100還有貨嗎')).toBe(await say(dave, '库存 A100'));
    expect(await say(diana, 'can u quote me 5 C300')).toBe(await say(diana, 'PRICE C300 5'));
    expect(await say(diana, 'book a flight to los angeles')).toBe(await say(diana, 'HELP'));
    expect(await rows('select 1 from orders')).toBe(orders);
    expect(await rows('select 1 from dialogs')).toBe(0);
  });

  test("a question about an order's approval is its status, which says whom it waits for, then who decided and when", async () => {
    const boss = '+8613800000009'; // Li Mei, Diana's manager
    await say(diana, 'ORDER E500 1');
    const number = /^Order (\d+) sent to Li Mei for approval/.exec(await say(diana, 'YES'))![1]!;
    expect(await say(diana, `has ${number} been approved`)).toMatch(new RegExp(`^Order ${number}: waiting for approval \\(Li Mei\\)\\.`));
    expect(await say(boss, `APPROVE ${number}`)).toContain(number);
    expect(await say(diana, `who approved ${number}?`)).toMatch(
      new RegExp(`^Order ${number}: approved by Li Mei \\d{2}-\\d{2} \\d{2}:\\d{2}\\. 1 line\\(s\\), `),
    );
    expect(await say(diana, `has ${number} been approved`)).toBe(await say(diana, `STATUS ${number}`));
    expect(await say(dave, `订单${number}谁批的`)).toBe(`未找到您的订单 ${number}。`);
  });

  test('an order in free text is only proposed; YES runs ORDER through its dialog, whose own YES submits it', async () => {
    const typed = await draftOf('ORDER A100 2');
    const orders = await rows('select 1 from orders');
    expect(await say(diana, 'I want to order 2 A100')).toBe('Did you mean: ORDER A100 2? Reply YES to do it, NO to drop it.');
    expect(await rows('select 1 from orders')).toBe(orders);
    expect(await dialogOf('Diana')).toEqual({ kind: 'proposal', state: { command: 'ORDER A100 2' } });
    expect(await say(diana, 'YES')).toBe(typed);
    expect(await rows('select 1 from orders')).toBe(orders); // a draft only
    expect((await dialogOf('Diana'))?.kind).toBe('order');
    expect(await say(diana, 'YES')).toMatch(/^Order \d+ sent to Li Mei for approval/);
    expect(await rows('select 1 from orders')).toBe(orders + 1);
  });

  /** What typing the command gives (the dialog it opens is then dropped again). */
  async function draftOf(command: string): Promise<string> {
    const draft = await say(diana, command);
    await say(diana, 'NO');
    return draft;
  }

  test("NO drops a proposal and nothing changes; it is said in the reader's language", async () => {
    const orders = await rows('select 1 from orders');
    expect(await say(dave, '我想订五台A100')).toBe('您是想：下单 A100 5？回复 是 执行，否 取消。');
    expect(await say(dave, '否')).toBe('好的，已取消 下单 A100 5，未做任何操作。');
    expect(await dialogOf('Dave')).toBeNull();
    expect(await rows('select 1 from orders')).toBe(orders);
    expect(await say(dave, '是')).toBe('没有待确认的事项。');
  });

  test('a proposal never replaces a dialog that waits: it names the command to send once that is answered', async () => {
    const draft = await say(dave, '下单 A100 1');
    expect(draft).toContain('A100 ×1');
    expect(await say(dave, '我还要订3台B200')).toBe('您是想：下单 B200 3？请先回复待确认的事项（是/否），再发送 下单 B200 3。');
    expect(await dialogOf('Dave')).toEqual({ kind: 'order', state: { step: 'confirm', items: [{ sku: 'A100', qty: 1 }] } });
    expect(await say(dave, '否')).toBe('订单已取消。');
  });

  test("a promoter's sell-out and check-in are proposed; only YES stores the report", async () => {
    expect(await say(ann, '今天卖了3台C300')).toBe('您是想：销量 今天 C300 3？回复 是 执行，否 取消。');
    expect(await rows('select 1 from sell_out_reports')).toBe(0);
    expect(await say(ann, '是')).toContain('C300');
    expect(
      await rows(`select 1 from sell_out_reports r join sell_out_lines l on l.report = r.id where r.person = 'Ann' and l.sku = 'C300' and l.qty = 3`),
    ).toBe(1);
    expect(await say(ann, "I'm at S1 now")).toBe('Did you mean: IN S1? Reply YES to do it, NO to drop it.');
    expect(await rows('select 1 from checkins')).toBe(0);
    expect(await say(ann, 'NO')).toBe('OK, IN S1 dropped: nothing was done.');
    expect(await rows('select 1 from checkins')).toBe(0);
  });

  test('"stop texting me" is proposed: nobody is opted out until YES', async () => {
    expect(await say(tom, 'please stop texting me')).toBe('您是想：退订？回复 是 执行，否 取消。');
    expect(await rows(`select 1 from contact_opt_outs where address = $1`, [tom])).toBe(0);
    expect(await say(tom, '是')).toBe('已退订，不再发送通知。回复 订阅 可恢复。');
    expect(await rows(`select 1 from contact_opt_outs where address = $1`, [tom])).toBe(1);
    await say(tom, 'START');
  });

  test("unsure: the sender's HELP; greetings and thanks: a kind word, never an error", async () => {
    expect(await say(diana, 'the weather is lovely in Guangzhou')).toBe(
      'Commands: STOCK, PRICE, STATUS, BALANCE, REBATE, ORDER, RETURN, FIX, TICKET, LANG. HELP STOCK for details. STOP to opt out.',
    );
    expect(await say(dave, '谢谢')).toBe('不客气！');
    expect(await say(diana, 'good morning')).toBe('Hello Diana Huang! Ask me about stock, prices or your orders, or send HELP.');
    expect(await say(diana, 'sure thing')).toBe('There is nothing to confirm. Send HELP for your commands.');
  });

  test('a read the sender may not use is refused by name; a write is never proposed to them: their HELP; a read missing its product gets the usage', async () => {
    expect(await say(dan, 'how much is A100')).toBe('您无权使用 PRICE。发送 帮助 查看可用指令。');
    expect(await say(dan, 'I want to order 5 A100')).toBe(await say(dan, '帮助'));
    // A driver's "I'm here" reads as a check-in, a promoter's write: his HELP, not a refusal of IN.
    expect(await say(dan, '到了')).toBe(await say(dan, '帮助'));
    expect(await dialogOf('Dan')).toBeNull();
    expect(await say(diana, 'how many are left in stock?')).toBe('Usage: STOCK sku [warehouse], e.g. STOCK A100');
    expect(await say(diana, 'how much is A10O')).toBe('Unknown product A10O. Did you mean A100?');
  });

  test('an unregistered sender is told so, whatever the text', async () => {
    expect(await say('+8613911112222', 'how much is A100')).toBe('This number is not registered with fieldline. Please ask your sales manager to add you.');
  });

  test('two YES at once run a proposal once, and the second never answers the dialog the first opened', async () => {
    expect(await say(diana, 'please order 1 E500')).toBe('Did you mean: ORDER E500 1? Reply YES to do it, NO to drop it.');
    const answers = await Promise.all([say(diana, 'YES'), say(diana, 'YES')]);
    expect(answers.filter((a) => a.startsWith('Order:')).length).toBe(1);
    expect({ answers, nothing: answers.filter((a) => a === 'There is nothing to confirm.').length }).toEqual({ answers, nothing: 1 });
    expect((await dialogOf('Diana'))?.kind).toBe('order');
    await say(diana, 'NO');
  });

  test('a YES received before the order its twin opened is not taken as submitting it, even when processed after the twin', async () => {
    expect(await say(diana, 'please order 1 E500')).toBe('Did you mean: ORDER E500 1? Reply YES to do it, NO to drop it.');
    const { runtime } = gateway;
    // Both received before either is processed; then processed strictly one after the other.
    const yes = (sid: string) => ({ channel: 'sms' as const, transport: 'simulator' as const, externalId: sid, from: diana, to: null, text: 'YES' });
    const [first, second] = await storeInbound(runtime.sql, [yes(`sim-twin-a-${Date.now()}`), yes(`sim-twin-b-${Date.now()}`)]);
    const store = sqlStore(runtime.sql);
    for (const { message } of [first!, second!]) await processInbound(store, message, routerOptions(runtime));
    const answers = await Promise.all(
      [first!, second!].map(async ({ message }) =>
        (await runtime.sql.query<{ body: string }>('select body from outbox where in_reply_to = $1 order by id', [message.inboxId]))
          .map((r) => r.body)
          .join('\n'),
      ),
    );
    expect(answers[0]).toMatch(/^Order:/);
    expect(answers[1]).toBe('There is nothing to confirm.');
    expect((await dialogOf('Diana'))?.kind).toBe('order');
    // a YES sent now, after the summary, submits it
    expect(await say(diana, 'YES')).toMatch(/^Order \d+ sent to Li Mei for approval/);
  });

  test('how each free text was read is kept on its message, whichever way it was answered', async () => {
    const readingOf = async (text: string) =>
      (
        await gateway.runtime.sql.query<{ status: string; reading: { outcome: string; command: string | null } | null }>(
          'select status, reading from inbox where sender = $1 and body = $2 order by id desc limit 1',
          [diana, text],
        )
      )[0];
    await say(diana, 'is A100 in stock'); // a read: answered in one statement
    await say(diana, 'I want to order 3 B200'); // a proposal: claimed in a transaction
    await say(diana, 'NO');
    await say(diana, 'the weather is lovely today'); // unsure: HELP
    expect(await readingOf('is A100 in stock')).toEqual({
      status: 'processed',
      reading: expect.objectContaining({ outcome: 'command', command: 'STOCK A100' }),
    });
    expect(await readingOf('I want to order 3 B200')).toEqual({
      status: 'processed',
      reading: expect.objectContaining({ outcome: 'proposal', command: 'ORDER B200 3' }),
    });
    expect(await readingOf('the weather is lovely today')).toEqual({
      status: 'processed',
      reading: expect.objectContaining({ outcome: 'unsure', command: null }),
    });
    expect(await readingOf('NO')).toEqual({ status: 'processed', reading: null }); // a command as typed has no reading
  });

  test('/metrics counts what free text was taken to mean', async () => {
    const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(metrics).toMatch(/fieldline_understood_total\{outcome="proposal",intent="order"\} [1-9]/);
    expect(metrics).toMatch(/fieldline_understood_total\{outcome="command",intent="stock"\} [1-9]/);
  });
});

describe('a proposal left unanswered', () => {
  const clock = new ManualClock(new Date('2026-11-24T02:00:00Z'));
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ clock });
  });
  afterAll(() => gateway.stop());

  test('expires after 30 minutes, says so, and YES then runs nothing', async () => {
    const say = async (text: string) =>
      ((await adminApi(gateway, 'POST', '/api/v1/simulate', { from: '+8613800000002', text })).json.replies as { text: string }[]).map((r) => r.text);
    expect(await say('I need 3 B200')).toEqual(['Did you mean: ORDER B200 3? Reply YES to do it, NO to drop it.']);
    clock.set('2026-11-24T02:31:00Z');
    expect(await say('YES')).toEqual(['The command suggested at 11-24 10:00 expired and was not run.', 'There is nothing to confirm.']);
    expect(await countRows(gateway.runtime, 'select 1 from dialogs')).toBe(0);
  });
});

/**
 * Real SMS (NUS SMS Corpus, read in place: no licence to copy it) sent by a dealer and by a
 * promoter, who may order, report sales and check in: whatever they are taken to mean, no business
 * row changes; at most a proposal waits for a YES that never comes.
 */
describeWithTestdata('real messages through understanding change no data', () => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway();
  });
  afterAll(() => gateway.stop());

  const businessTables = [
    'orders',
    'order_lines',
    'order_reservations',
    'sell_out_reports',
    'checkins',
    'store_visits',
    'tickets',
    'contact_opt_outs',
    'alerts',
    'pings',
  ];
  const snapshot = async () => {
    const counts: Record<string, number> = {};
    for (const table of businessTables) counts[table] = await countRows(gateway.runtime, `select 1 from ${table}`);
    const languages = await gateway.runtime.sql.query<{ id: string; language: string | null }>('select id, language from people order by id');
    return { counts, languages };
  };

  test('every message gets a reply; none writes, none opens anything but a proposal', async () => {
    const sample = readTestdata<{ random_sample_en: { text: string }[]; random_sample_zh: { text: string }[] }>('sms_corpus_nus_sample_200.json');
    const probe = readTestdata<{ messages: { text: string }[] }>('sms_corpus_nus_keyword_probe_80.json');
    const texts = [...sample.random_sample_en, ...sample.random_sample_zh, ...probe.messages]
      .map((m) => m.text)
      .filter((text) => typedCommand(lex(text, aliasTable)).kind === 'text');
    expect(texts.length).toBeGreaterThanOrEqual(240);
    const before = await snapshot();
    // The two senders side by side; each one's messages in order, as a person sends them.
    await Promise.all(
      ['+8613800000002', '+8613800000003'].map(async (from) => {
        for (const text of texts) {
          const { status, json } = await adminApi(gateway, 'POST', '/api/v1/simulate', { from, text: text.slice(0, 1600) });
          expect({ text, status, replied: json.replies.length > 0 }).toEqual({ text, status: 200, replied: true });
        }
      }),
    );
    expect(await snapshot()).toEqual(before);
    const dialogs = await gateway.runtime.sql.query<{ kind: string }>('select kind from dialogs');
    expect(dialogs.every((d) => d.kind === 'proposal')).toBe(true);
  }, 120_000);
});
