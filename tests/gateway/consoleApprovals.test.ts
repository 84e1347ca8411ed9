import type { Browser, Page } from 'playwright-core';
import { adminApi, countRows, eventually, gatewayWithFakeTwilio, postTwilio, smsForm } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';
const diana = '+8613800000002';

/**
 * The console's Approvals view (issue 18, part 1) in real Chromium: a manager linked to Mei approves
 * an over-credit order and the dealer is told once, as after an SMS APPROVE; a viewer sees no
 * button and the route refuses; a decision already taken changes nothing.
 */
describeInBrowser('the Approvals view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  let number: string;
  beforeAll(async () => {
    for (const [email, role, person] of [
      ['mei@example.com', 'operator', 'Mei'],
      ['sam@example.com', 'operator', 'Sam'],
      ['viewer@example.com', 'viewer', undefined],
    ] as const)
      expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email, password, role, ...(person ? { person } : {}) })).status).toBe(201);
    browser = await launchChromium();
    // Diana (D2: limit ¥80,000, balance ¥72,000) orders by SMS: over her credit, it waits for Mei.
    for (const [i, text] of ['ORDER A100 5', 'YES'].entries()) {
      expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(diana, text, `SMappr${i}`))).status).toBe(200);
      await eventually(async () =>
        (await countRows(setup.gateway.runtime, `select 1 from inbox where external_id = $1 and status = 'processed'`, [`SMappr${i}`])) ? true : undefined,
      );
    }
    const [order] = await setup.gateway.runtime.sql.query<{ number: string }>(
      `select number from orders where dealer = 'D2' and status = 'pending_approval' and requested_by = 'Diana'`,
    );
    number = order!.number;
  });
  afterAll(() => browser.close());

  const signedIn = (email: string, locale = 'en-US'): Promise<Page> => consolePage(browser, setup.gateway.url, email, password, locale);
  const toDiana = () => setup.twilio.messages.filter((m) => m.form.To === diana).map((m) => m.form.Body!);

  test('a manager linked to Mei sees why it waits, approves in one click, and Diana is told once', async () => {
    const page = await signedIn('mei@example.com');
    await page.goto(`${setup.gateway.url}/console/approvals`);
    const card = page.locator(`#approval-${number}`);
    await card.waitFor();
    expect(await card.locator('h2').textContent()).toContain('Nanfang Trading (D2)');
    // The stylesheet's card heading (a lost rule once made it a page-size title).
    expect(await page.evaluate(`getComputedStyle(document.querySelector('#approval-${number} h2')).fontSize`)).toBe('16px');
    expect(await card.locator('.reason').textContent()).toMatch(
      /^Over credit: limit ¥80000\.00 − balance ¥72000\.00 − other open orders ¥12870\.00 leaves ¥-4870\.00\.$/,
    );
    expect(await card.locator('tfoot td').textContent()).toBe('¥1795.00');
    expect(await card.textContent()).toContain('Who decides: Li Mei');
    expect(await seriousViolations(page)).toEqual([]);
    const before = toDiana().length;
    await card.locator('button', { hasText: 'Approve' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(`Order ${number} approved; the dealer is told.`);
    expect(await page.locator(`#approval-${number}`).count()).toBe(0);
    await eventually(async () => (toDiana().length > before ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toDiana().slice(before)).toEqual([expect.stringContaining(number)]);
    expect(await countRows(setup.gateway.runtime, `select 1 from orders where number = $1 and status = 'approved' and decided_by = 'Mei'`, [number])).toBe(1);
    expect(await countRows(setup.gateway.runtime, `select 1 from audit_log where subject = $1`, [`order ${number}`])).toBe(1);
  });

  test('Sam, whose role decides no order, gets no button; a decision already taken answers so and changes nothing', async () => {
    const sam = await signedIn('sam@example.com');
    await sam.goto(`${setup.gateway.url}/console/approvals`);
    expect(await sam.locator('#approval-2001 button').count()).toBe(0);
    const page = await signedIn('mei@example.com');
    await page.goto(`${setup.gateway.url}/console/approvals`);
    const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
    const sent = setup.twilio.messages.length;
    const response = await page.request.post(`${setup.gateway.url}/console/approvals/${number}/reject`, { form: { csrf: csrf!, reason: 'too late' } });
    expect(response.status()).toBe(409);
    expect(await response.text()).toContain(`<p class="error" role="alert">Order ${number} is not waiting for approval.</p>`);
    expect(await countRows(setup.gateway.runtime, `select 1 from orders where number = $1 and status = 'approved'`, [number])).toBe(1);
    expect(setup.twilio.messages.length).toBe(sent);
  });

  test('a viewer sees the orders but no button, and the route refuses', async () => {
    const page = await signedIn('viewer@example.com', 'zh-CN');
    await page.goto(`${setup.gateway.url}/console/approvals`);
    expect(await page.locator('h1').textContent()).toBe('审批');
    expect(await page.locator('.approvals button').count()).toBe(0);
    expect(await page.locator('#approval-2001 tbody td').nth(1).textContent()).toBe('电饭煲 3升');
    const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
    const response = await page.request.post(`${setup.gateway.url}/console/approvals/2001/approve`, { form: { csrf: csrf! } });
    expect(response.status()).toBe(403);
    expect(await countRows(setup.gateway.runtime, `select 1 from orders where number = '2001' and status = 'pending_approval'`)).toBe(1);
  });

  test('an order that comes to wait while the page is open appears without a reload, and leaves when decided elsewhere', async () => {
    const page = await signedIn('mei@example.com');
    await page.goto(`${setup.gateway.url}/console/approvals`);
    await page.locator('.live:not(.offline)').waitFor();
    await page.evaluate('window.notReloaded = true');
    for (const [i, text] of ['ORDER A100 6', 'YES'].entries()) {
      expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(diana, text, `SMlive${i}`))).status).toBe(200);
      await eventually(async () =>
        (await countRows(setup.gateway.runtime, `select 1 from inbox where external_id = $1 and status = 'processed'`, [`SMlive${i}`])) ? true : undefined,
      );
    }
    const [order] = await setup.gateway.runtime.sql.query<{ number: string }>(
      `select number from orders where dealer = 'D2' and status = 'pending_approval' and requested_by = 'Diana' order by created_at desc limit 1`,
    );
    await page.locator(`#approval-${order!.number}`).waitFor();
    // Mei decides by SMS: the card leaves the open page.
    expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000009', `REJECT ${order!.number} 库存不足`, 'SMlive2'))).status).toBe(
      200,
    );
    await page.locator(`#approval-${order!.number}`).waitFor({ state: 'detached' });
    expect(await page.evaluate('window.notReloaded')).toBe(true);
  });

  test('a return and a rebate application wait beside the orders, are decided in one click each, and Diana is told', async () => {
    // Diana asks to return 2 of the 12 B200 delivered on 2002 (¥109 each); a rebate application of hers waits too.
    expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(diana, 'RETURN 2002 B200 2 leaking', 'SMret0'))).status).toBe(200);
    await eventually(async () => ((await countRows(setup.gateway.runtime, `select 1 from returns where order_number = '2002'`)) ? true : undefined));
    const [{ number: ret }] = (await setup.gateway.runtime.sql.query<{ number: string }>(`select number from returns where order_number = '2002'`)) as [
      { number: string },
    ];
    await setup.gateway.runtime.sql.query(
      `insert into rebates (number, dealer, policy, period, amount, currency, status, person, approver, created_at)
       values ('RB900', 'D2', 'SILVER-Q', '2026-Q3', 123.45, 'CNY', 'pending_approval', 'Diana', 'Mei', now())`,
    );
    const page = await signedIn('mei@example.com');
    await page.goto(`${setup.gateway.url}/console/approvals`);
    const returned = page.locator(`#approval-${ret}`);
    expect(await returned.locator('h2').textContent()).toBe(`Return ${ret} of order 2002 · Nanfang Trading (D2)`);
    expect(await returned.locator('.reason').textContent()).toBe('The dealer’s reason: leaking');
    expect(await returned.locator('tfoot td').textContent()).toBe('¥218.00');
    const rebate = page.locator('#approval-RB900');
    expect(await rebate.locator('h2').textContent()).toBe('Rebate RB900: Silver quarterly, 2026-Q3 · Nanfang Trading (D2)');
    expect(await rebate.locator('.reason').textContent()).toBe('To credit against the dealer’s balance: ¥123.45');
    await page.screenshot({ path: '/tmp/approvals-return-rebate.png', fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);

    const balance = async () =>
      Number((await setup.gateway.runtime.sql.query<{ b: string }>(`select balance::text as b from dealers where code = 'D2'`))[0]!.b);
    const before = await balance();
    await returned.locator('button', { hasText: 'Approve' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(`Return ${ret} approved; the dealer is told.`);
    await page.locator('#approval-RB900 input[name=reason]').fill('figures under review');
    await page.locator('#approval-RB900 button', { hasText: 'Reject' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('Rebate RB900 rejected; the dealer is told.');
    // What Diana is sent (the fake Twilio has it once her earlier texts' pacing allows).
    const told = await setup.gateway.runtime.sql.query<{ body: string }>(
      `select body from outbox where person = 'Diana' and kind = 'order-status' and (body like $1 or body like '%RB900%') order by id`,
      [`%${ret}%`],
    );
    expect(told.map((row) => row.body)).toEqual([
      `Return ${ret} (¥218.00) approved by Li Mei: send the goods back; ¥218.00 is credited to your account when they arrive.`,
      'Rebate RB900 (Silver quarterly, 2026-Q3, ¥123.45) rejected by Li Mei: figures under review',
    ]);
    expect(await balance()).toBe(before);
    expect(await countRows(setup.gateway.runtime, `select 1 from audit_log where subject in ($1, 'rebate rb900')`, [`return ${ret.toLowerCase()}`])).toBe(2);
  });
});
