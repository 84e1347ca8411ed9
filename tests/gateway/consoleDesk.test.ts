import type { Browser, Page } from 'playwright-core';
import { adminApi, countRows, eventually, gatewayWithFakeTwilio, ManualClock, postTwilio, smsForm, startTestGateway } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';
import { twilioError } from '../support/twilioFake';

const password = 'correct horse battery staple';
const diana = '+8613800000002';
const sam = '+8613800000008';

/**
 * The console's desk in real Chromium, on real PostgreSQL and Redis with a fake Twilio: the
 * simulator, the live thread across a dropped connection, taking a conversation over, Needs
 * attention, and what a viewer may not do.
 */
describeInBrowser('the console desk in the browser', () => {
  jest.setTimeout(60_000);
  // Frozen on a day the demo's invoice INV-3 (Chen) is 14 days overdue: the dunning job reminds Chen then.
  const desk = gatewayWithFakeTwilio({ clock: new ManualClock(new Date('2026-11-24T02:00:00Z')) });
  let browser: Browser;
  beforeAll(async () => {
    for (const [email, role] of [
      ['ops@example.com', 'operator'],
      ['other@example.com', 'operator'],
      ['viewer@example.com', 'viewer'],
    ] as const)
      expect((await adminApi(desk.gateway, 'POST', '/api/v1/operators', { email, password, role })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  const signedIn = (email: string, locale = 'en-US', base = desk.gateway.url): Promise<Page> => consolePage(browser, base, email, password, locale);
  const sms = async (from: string, body: string) => expect((await postTwilio(desk.gateway, '/webhooks/twilio/sms', smsForm(from, body))).status).toBe(200);
  const processed = (body: string) =>
    eventually(async () =>
      (await countRows(desk.gateway.runtime, `select 1 from inbox where body = $1 and status = 'processed'`, [body])) > 0 ? true : undefined,
    );
  const rowsWith = (page: Page, text: string) => page.locator('.thread li .text', { hasText: text }).count();
  const thread = (page: Page, peer: string) => page.goto(`${desk.gateway.url}/console/conversations/${encodeURIComponent(peer)}`);

  test('a simulator conversation: ORDER, YES; the replies show their channel, segments, encoding and cost, and none reaches the provider', async () => {
    const pending = `select 1 from orders where dealer = 'D2' and status = 'pending_approval'`;
    const pendingBefore = await countRows(desk.gateway.runtime, pending);
    const page = await signedIn('ops@example.com');
    await page.goto(`${desk.gateway.url}/console/simulator?q=dealer`);
    await page.click('text=Diana Huang');
    expect(await page.textContent('h1')).toBe('Chatting as Diana Huang');
    // A field looks like a field (white), a button like a button: the stylesheet keeps them apart.
    expect(await page.evaluate(`getComputedStyle(document.querySelector('#text')).backgroundColor`)).toBe('rgb(255, 255, 255)');
    await page.fill('#text', 'ORDER A100 5');
    await page.click('.compose >> nth=0 >> button');
    await page.locator('.bubble', { hasText: 'Reply YES to submit' }).waitFor();
    await page.fill('#text', 'YES');
    await page.click('.compose >> nth=0 >> button');
    const submitted = page.locator('.bubble', { hasText: 'sent to Li Mei for approval' });
    await submitted.waitFor();
    expect(await submitted.locator('.meta').textContent()).toMatch(/^sms · delivered · 1 segment, GSM-7 · cost 0\.0083 USD$/);
    expect(await page.locator('.bubble.mine', { hasText: 'YES' }).locator('.reading').textContent()).toBe('a command as typed');
    expect(await countRows(desk.gateway.runtime, pending)).toBe(pendingBefore + 1);
    expect(await countRows(desk.gateway.runtime, `select 1 from outbox where recipient = $1 and transport <> 'simulator'`, [diana])).toBe(0);
    expect(desk.twilio.messages).toHaveLength(0);
    // Free text shows how it was understood.
    await page.fill('#text', 'how many A100 do you have in stock');
    await page.click('.compose >> nth=0 >> button');
    const reading = page.locator('.bubble.mine', { hasText: 'how many A100' }).locator('.reading');
    await reading.waitFor();
    expect(await reading.textContent()).toMatch(/^Understood as command: STOCK A100 · stock · confidence \d\.\d\d$/);
    expect(await seriousViolations(page)).toEqual([]);
    // Reset ends the dialog the person was in.
    await page.fill('#text', 'ORDER A100 1');
    await page.click('.compose >> nth=0 >> button');
    await page.locator('.bubble', { hasText: 'Reply YES to submit' }).nth(1).waitFor();
    expect(await countRows(desk.gateway.runtime, `select 1 from dialogs where person = 'Diana'`)).toBe(1);
    await page.click('text=End dialogs');
    await page.locator('text=Dialogs ended.').waitFor();
    expect(await countRows(desk.gateway.runtime, `select 1 from dialogs where person = 'Diana'`)).toBe(0);
  });

  test('Telegram buttons in the simulator are clickable, and a location is sent as Telegram shares one', async () => {
    await desk.gateway.runtime.store.dialogs.close('Diana');
    const page = await signedIn('ops@example.com');
    await page.goto(`${desk.gateway.url}/console/simulator/Diana?channel=telegram`);
    await page.fill('#text', 'ORDER B200 1');
    await page.click('.compose >> nth=0 >> button');
    const button = page.locator('.bubble .choices button', { hasText: 'Cancel' }).first();
    await button.waitFor();
    await button.click();
    await page.locator('.bubble.mine', { hasText: 'NO' }).waitFor();
    expect(await countRows(desk.gateway.runtime, `select 1 from dialogs where person = 'Diana'`)).toBe(0);
    await page.fill('#location', 'https://maps.google.com/?q=31.2304,121.4737');
    await page.click('text=Send location');
    await page.locator('.bubble.mine', { hasText: 'geo:31.2304,121.4737' }).waitFor();
    const [stored] = await desk.gateway.runtime.sql.query<{ payload: { kind: string } }>(
      `select payload from inbox where sender = 'tg:500000002' and body like 'geo:%' order by id desc limit 1`,
    );
    expect(stored!.payload.kind).toBe('location');
  });

  test('a real SMS appears in the open thread without reload; after the connection drops, the next one appears exactly once', async () => {
    const page = await signedIn('ops@example.com');
    await thread(page, sam);
    await page.locator('.live:not(.offline)').waitFor();
    await sms(sam, 'STOCK A100');
    await page.locator('.thread li.in .text', { hasText: 'STOCK A100' }).waitFor();
    await page.locator('.thread li.out .text', { hasText: 'A100 Rice cooker' }).waitFor();
    expect(await page.locator('.thread li.in').count()).toBe(1);

    // The connection drops and cannot come back for a while: the page says it is offline.
    await page.route('**/console/events**', (route) => route.abort());
    desk.gateway.dropConnections();
    await page.locator('.live.offline').waitFor();
    await sms(sam, 'PRICE A200');
    await processed('PRICE A200');
    await page.waitForTimeout(300);
    expect(await rowsWith(page, 'PRICE A200')).toBe(0);
    // Back online: it catches up from the last event it saw, once.
    await page.unroute('**/console/events**');
    await page.locator('.thread li.in .text', { hasText: 'PRICE A200' }).waitFor({ timeout: 10_000 });
    await page.locator('.live:not(.offline)').waitFor();
    await page.waitForTimeout(500);
    expect(await rowsWith(page, 'PRICE A200')).toBe(1);
    expect(await rowsWith(page, 'STOCK A100')).toBe(1);
    expect(await page.locator('.thread li.in').count()).toBe(2);
    // A second tab on the list sees the conversation move to the top, live.
    const list = await signedIn('other@example.com');
    await list.goto(`${desk.gateway.url}/console/conversations`);
    await list.locator('.live:not(.offline)').waitFor();
    await sms(diana, 'STOCK A300');
    await eventually(async () => ((await list.locator('.conversations li').first().textContent())?.includes('Diana Huang') ? true : undefined));
    expect(await seriousViolations(list)).toEqual([]);
  });

  test('a view on another gateway process shows, live, a message the first process took in (events go through Redis)', async () => {
    const web = await startTestGateway({ processOf: desk.gateway, workers: false });
    try {
      const page = await signedIn('other@example.com', 'en-US', web.url);
      await page.goto(`${web.url}/console/conversations/${encodeURIComponent(sam)}`);
      await page.locator('.live:not(.offline)').waitFor();
      await sms(sam, 'STOCK C300');
      await page.locator('.thread li.in .text', { hasText: 'STOCK C300' }).waitFor();
      await page.locator('.thread li.out .text', { hasText: 'C300' }).waitFor();
      expect(await rowsWith(page, 'STOCK C300')).toBe(1);
    } finally {
      await web.stop();
    }
  });

  test('take over, reply (once, though the form is sent twice), hand back: the bot answers again; another operator sees who holds it; all audited', async () => {
    const page = await signedIn('ops@example.com');
    await thread(page, diana);
    expect(await page.textContent('.handoff p')).toBe('The bot answers this conversation.');
    await page.click('text=Take over');
    await page.locator('text=You are answering this conversation').waitFor();
    expect(await countRows(desk.gateway.runtime, `select 1 from handoffs where person = 'Diana'`)).toBe(1);
    const told = await desk.twilio.waitForMessages(1);
    expect(told[0]!.form.Body).toBe('A person from our team is answering you now.');

    // Another operator sees who holds it, and cannot take it.
    const other = await signedIn('other@example.com');
    await thread(other, diana);
    expect(await other.textContent('.handoff p')).toBe('ops@example.com is answering this conversation.');
    expect(await other.locator('text=Take over').count()).toBe(0);
    expect(await other.locator('#reply').count()).toBe(0);

    // The person's message goes to the operator: it shows live, and the bot says nothing.
    await sms(diana, 'where is my order? 我的订单呢');
    await processed('where is my order? 我的订单呢');
    await page.locator('.thread li.in .text', { hasText: 'where is my order?' }).waitFor();
    expect(await countRows(desk.gateway.runtime, `select 1 from outbox o join inbox i on i.id = o.in_reply_to where i.body like 'where is my order?%'`)).toBe(
      0,
    );
    // HELP is still the bot's.
    await sms(diana, 'HELP');
    await desk.twilio.waitForMessages(2);
    expect(desk.twilio.messages[1]!.form.Body).toMatch(/ORDER/);

    // An empty reply is refused on the form, and nothing is sent.
    await page.fill('#reply', '   ');
    await page.click('form.reply button');
    expect(await page.textContent('form.reply .error')).toBe('The reply is empty.');
    const oversized = 'x'.repeat(1601);
    await page.fill('#reply', oversized);
    await page.click('form.reply button');
    expect(await page.textContent('form.reply .error')).toBe('The reply has 1601 characters; at most 1600 go in one message on this channel.');
    expect(await page.inputValue('#reply')).toBe(oversized);

    // The reply goes out once, also when the same form is sent again (a lost connection, a double click).
    await page.fill('#reply', 'On its way: arriving at 15:00 <b>today</b>.');
    const form = {
      csrf: await page.inputValue('form.reply input[name=csrf]'),
      key: await page.inputValue('form.reply input[name=key]'),
      text: 'On its way: arriving at 15:00 <b>today</b>.',
    };
    await page.click('form.reply button');
    await page.locator('text=Sent.').waitFor();
    const again = await page.request.post(`${desk.gateway.url}/console/conversations/${encodeURIComponent(diana)}/reply`, { form, maxRedirects: 0 });
    expect(again.status()).toBe(303);
    expect(again.headers().location).toMatch(/\?sent=again$/);
    await desk.twilio.waitForMessages(3);
    await page.waitForTimeout(500);
    const replies = desk.twilio.messages.filter((m) => m.form.Body === 'On its way: arriving at 15:00 <b>today</b>.');
    expect(replies).toHaveLength(1);
    expect(replies[0]!.form.To).toBe(diana);
    expect(await page.locator('.thread li.out .text', { hasText: 'On its way' }).count()).toBe(1);
    expect(await page.locator('.thread b').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    // Handed back: the person is told, and the bot answers again.
    await page.click('text=Hand back to the bot');
    await page.locator('text=The bot answers this conversation.').waitFor();
    // The other tab sees it without reload.
    await other.locator('text=The bot answers this conversation.').waitFor();
    await desk.twilio.waitForMessages(4);
    expect(desk.twilio.messages[3]!.form.Body).toBe('You are talking to the fieldline bot again. Send HELP for your commands.');
    await sms(diana, 'STOCK A100');
    await desk.twilio.waitForMessages(5);
    expect(desk.twilio.messages[4]!.form.Body).toMatch(/^A100 Rice cooker 3L/);
    const audit = await desk.gateway.runtime.sql.query<{ action: string }>(
      `select action from audit_log where subject = 'person Diana' and action like '%/conversations/%' order by id`,
    );
    expect(audit.map((a) => a.action)).toEqual([
      'POST /console/conversations/:peer/take-over',
      'POST /console/conversations/:peer/reply',
      'POST /console/conversations/:peer/hand-back',
    ]);
  });

  test('a reply to a person who opted out on the channel is refused with that reason', async () => {
    const page = await signedIn('ops@example.com');
    await thread(page, sam);
    await page.click('text=Take over');
    await sms(sam, 'STOP');
    await processed('STOP');
    await page.fill('#reply', 'Are you still there?');
    await page.click('form.reply button');
    expect(await page.textContent('form.reply .error')).toBe('This person opted out of sms messages (STOP): no reply can be sent there.');
    expect(desk.twilio.messages.filter((m) => m.form.Body === 'Are you still there?')).toHaveLength(0);
    await page.click('text=Hand back to the bot');
    await sms(sam, 'START');
    await processed('START');
  });

  test('Needs attention lists what the bot could not handle; marking handled and resending settle items', async () => {
    // An unregistered number, a text the bot is unsure of, an answer to a dunning SMS, a send that failed.
    await sms('+8613911112222', 'hello who is this');
    await sms(diana, 'zzkq vvrp mmxt');
    expect((await adminApi(desk.gateway, 'POST', '/api/v1/jobs/dunning/run', {})).json.reminders).toBeGreaterThan(0);
    await eventually(async () =>
      (await countRows(desk.gateway.runtime, `select 1 from outbox where kind = 'dunning' and recipient = $1 and status in ('queued', 'sent')`, [
        '+8613800000005',
      ])) > 0
        ? true
        : undefined,
    );
    await sms('+8613800000005', '已经付了');
    await eventually(async () =>
      (await countRows(desk.gateway.runtime, `select 1 from outbox where kind = 'reply' and recipient = $1 and status in ('queued', 'sent')`, [
        '+8613800000005',
      ])) > 0
        ? true
        : undefined,
    );
    desk.twilio.respondWith(() => twilioError(400, 21211, "The 'To' number is not a valid phone number."));
    await sms(sam, 'STOCK A200');
    await eventually(async () =>
      (await countRows(desk.gateway.runtime, `select 1 from outbox where recipient = $1 and status = 'failed'`, [sam])) > 0 ? true : undefined,
    );
    await processed('zzkq vvrp mmxt');
    desk.twilio.respondWith(() => null);

    const page = await signedIn('ops@example.com');
    await page.goto(`${desk.gateway.url}/console/attention`);
    const item = (text: string) => page.locator('.attention li', { hasText: text });
    expect(await item('hello who is this').locator('.reason').textContent()).toBe('Unregistered sender');
    expect(await item('zzkq vvrp mmxt').locator('.reason').textContent()).toBe('Not understood');
    expect(await item('已经付了').locator('.reason').textContent()).toBe('Answer to a proactive message (answers a dunning message)');
    const failed = item('A200');
    expect(await failed.locator('.reason').textContent()).toBe('Failed send');
    expect(await failed.locator('.failure').textContent()).toMatch(/^failed 21211: /);
    expect(await seriousViolations(page)).toEqual([]);

    await item('hello who is this').locator('text=Mark handled').click();
    await page.locator('text=Marked handled.').waitFor();
    expect(await item('hello who is this').count()).toBe(0);
    const sent = desk.twilio.messages.length;
    await item('A200').locator('text=Resend').click();
    await page.locator('text=Queued again.').waitFor();
    await desk.twilio.waitForMessages(sent + 1);
    expect(desk.twilio.messages[sent]!.form.To).toBe(sam);
    expect(await item('A200').count()).toBe(0);
    // Take over from the queue goes to the conversation, held.
    await item('zzkq vvrp mmxt').locator('text=Take over').click();
    await page.locator('text=You are answering this conversation').waitFor();
    expect(new URL(page.url()).pathname).toBe(`/console/conversations/${encodeURIComponent(diana)}`);
    await page.click('text=Hand back to the bot');
    await page.goto(`${desk.gateway.url}/console/attention`);
    expect(await item('zzkq vvrp mmxt').count()).toBe(0);
  });

  test('a viewer sees no take-over, reply or resend controls, and the routes refuse them', async () => {
    const page = await signedIn('viewer@example.com');
    await thread(page, diana);
    expect(await page.locator('.handoff button').count()).toBe(0);
    expect(await page.locator('#reply').count()).toBe(0);
    await page.goto(`${desk.gateway.url}/console/attention`);
    expect(await page.locator('.attention button').count()).toBe(0);
    const csrf = await page.inputValue('form[action="/console/sign-out"] input[name=csrf]');
    const takeOver = await page.request.post(`${desk.gateway.url}/console/conversations/${encodeURIComponent(diana)}/take-over`, { form: { csrf } });
    expect(takeOver.status()).toBe(403);
    const simulated = await page.request.post(`${desk.gateway.url}/console/simulator/Diana/send`, { form: { csrf, text: 'STOCK A100' } });
    expect(simulated.status()).toBe(403);
    expect(await countRows(desk.gateway.runtime, `select 1 from inbox where body = 'STOCK A100' and sender = $1 and transport = 'simulator'`, [diana])).toBe(0);
    expect(await countRows(desk.gateway.runtime, `select 1 from handoffs`)).toBe(0);
  });
});
