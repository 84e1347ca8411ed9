import type { Browser } from 'playwright-core';
import { adminApi, countRows, eventually, gatewayWithFakeTwilio, smsProcessed } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';
const chen = '+8613800000005';
const dave = '+8613800000001';
const tom = '+8613800000006';

/**
 * The console's service board (issue 18, part 4) in real Chromium: a ticket filed by SMS waits in
 * New; assigning it to a service point sends its technician's SMS once; a ticket filed while the
 * board is open appears without a reload; a viewer may look but not assign.
 */
describeInBrowser('the Tickets view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  let number: string;
  const sms = (from: string, text: string) => smsProcessed(setup.gateway, from, text);
  beforeAll(async () => {
    for (const [email, role] of [
      ['desk@example.com', 'operator'],
      ['viewer@example.com', 'viewer'],
    ] as const)
      expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email, password, role })).status).toBe(201);
    browser = await launchChromium();
    // Chen, a customer with no store, files a request: no service point serves her, it waits in New.
    await sms(chen, 'FIX A100 SN20261130 不加热了');
    const [ticket] = await setup.gateway.runtime.sql.query<{ number: string }>(`select number from tickets where filed_by = 'Chen'`);
    number = ticket!.number;
  });
  afterAll(() => browser.close());
  const toTom = () => setup.twilio.messages.filter((m) => m.form.To === tom).map((m) => m.form.Body!);

  test('assigned in the board, the technician’s SMS leaves once and the card moves to Assigned', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'desk@example.com', password);
    await page.goto(`${setup.gateway.url}/console/tickets`);
    const card = page.locator(`[data-column=new] #ticket-${number}`);
    await card.waitFor();
    expect(await card.locator('h3').textContent()).toBe(`Ticket ${number} · A100`);
    expect(await card.textContent()).toContain('no service point yet');
    expect(await card.locator('.sla').textContent()).toMatch(/^2[34]\.\d h left to start$/);
    expect(await card.locator('a', { hasText: 'Conversation' }).getAttribute('href')).toBe(`/console/conversations/${encodeURIComponent(chen)}`);
    expect(await seriousViolations(page)).toEqual([]);
    await card.locator('select[name=servicePoint]').selectOption('SP1');
    await card.locator('button', { hasText: 'Assign' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(
      `Ticket ${number} assigned to Shanghai service centre; the filer and its technicians are told.`,
    );
    expect(await page.locator(`[data-column=assigned] #ticket-${number}`).count()).toBe(1);
    await eventually(async () => (toTom().length > 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(toTom()).toEqual([expect.stringContaining(`工单 ${number}`)]);
    expect(await countRows(setup.gateway.runtime, `select 1 from tickets where number = $1 and status = 'assigned' and service_point = 'SP1'`, [number])).toBe(
      1,
    );
    expect(await countRows(setup.gateway.runtime, `select 1 from audit_log where subject = $1`, [`ticket ${number}`])).toBe(1);
    // Assigning it again is refused with the lifecycle's reason, and sends nothing.
    const again = await page.request.post(`${setup.gateway.url}/console/tickets/${number}/assign`, {
      form: { csrf: (await page.locator('input[name=csrf]').first().getAttribute('value'))!, servicePoint: 'SP2' },
    });
    expect(again.status()).toBe(409);
    expect(toTom()).toHaveLength(1);
  });

  test('a ticket filed by SMS while the board is open appears without a reload', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'desk@example.com', password);
    await page.goto(`${setup.gateway.url}/console/tickets`);
    await page.locator('.live:not(.offline)').waitFor();
    await page.evaluate('window.notReloaded = true');
    await sms(dave, '报修 C300 冰箱门关不严');
    const [ticket] = await setup.gateway.runtime.sql.query<{ number: string }>(`select number from tickets where filed_by = 'Dave'`);
    // Dave's dealer's store S1 is served by SP1: it is assigned as it is filed.
    await page.locator(`[data-column=assigned] #ticket-${ticket!.number}`).waitFor();
    expect(await page.evaluate('window.notReloaded')).toBe(true);
  });

  test('a viewer sees the board without its forms, and the route refuses the assignment', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'viewer@example.com', password, 'zh-CN');
    await page.goto(`${setup.gateway.url}/console/tickets`);
    await page.locator('h2#column-new').waitFor();
    expect(await page.locator('h2#column-new').textContent()).toMatch(/^新工单/);
    expect(await page.locator('.board form').count()).toBe(0);
    const csrf = (await page.locator('form[action="/console/sign-out"] input[name=csrf]').getAttribute('value'))!;
    const refused = await page.request.post(`${setup.gateway.url}/console/tickets/${number}/close`, { form: { csrf } });
    expect(refused.status()).toBe(403);
  });
});
