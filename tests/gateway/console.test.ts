import type { Browser, Page } from 'playwright-core';
import { adminApi, countRows, startTestGateway, type TestGateway } from '../support/gateway';
import { describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

/** The console in real Chromium: sign-in, the signed-in page, sign-out, languages, accessibility. */
describeInBrowser('the console in the browser', () => {
  let gateway: TestGateway;
  let browser: Browser;
  beforeAll(async () => {
    gateway = await startTestGateway();
    await adminApi(gateway, 'POST', '/api/v1/operators', {
      email: 'mei@example.com',
      password: 'correct horse battery staple',
      role: 'operator',
      person: 'Mei',
    });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser.close();
    await gateway.stop();
  });

  /** A fresh browser context (its own cookies); axe needs the page's CSP bypassed to be injected. */
  const open = async (locale = 'en-US'): Promise<Page> => (await browser.newContext({ locale, bypassCSP: true })).newPage();

  test('an operator signs in, sees who they are and acts as, and signs out; the session row follows', async () => {
    const page = await open();
    await page.goto(`${gateway.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await seriousViolations(page)).toEqual([]);
    await page.fill('#email', 'mei@example.com');
    await page.fill('#password', 'correct horse battery staple');
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/console');
    expect(await page.textContent('.who')).toBe('Signed in as mei@example.com (operator, acting as Mei)');
    expect(await seriousViolations(page)).toEqual([]);
    expect(await countRows(gateway.runtime, 'select 1 from operator_sessions where revoked_at is null')).toBe(1);
    await page.click('text=Sign out');
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
    expect(await countRows(gateway.runtime, 'select 1 from operator_sessions where revoked_at is null')).toBe(0);
    await page.goto(`${gateway.url}/console`);
    expect(new URL(page.url()).pathname).toBe('/console/sign-in');
  });

  test('a wrong password is told on the page, in the browser’s language, and opens nothing', async () => {
    const page = await open('zh-CN');
    await page.goto(`${gateway.url}/console/sign-in`);
    await page.fill('#email', 'mei@example.com');
    await page.fill('#password', 'wrong');
    await page.click('button[type=submit]');
    expect(await page.textContent('[role=alert]')).toBe('邮箱或密码错误。');
    expect(await page.inputValue('#email')).toBe('mei@example.com');
    await page.click('text=English');
    expect(await page.textContent('h1')).toBe('fieldline console');
  });

  test('what the page shows is escaped: an email with markup is text', async () => {
    const page = await open();
    await page.goto(`${gateway.url}/console/sign-in`);
    await page.fill('#email', '<script>alert(1)</script>@x.y');
    await page.evaluate("document.querySelector('form').setAttribute('novalidate', '')");
    await page.fill('#password', 'x');
    await page.click('button[type=submit]');
    expect(await page.inputValue('#email')).toBe('<script>alert(1)</script>@x.y');
    expect(await page.locator('script:not([src])').count()).toBe(0);
  });

  const signInAs = async (email: string, password = 'correct horse battery staple') => {
    const page = await open();
    await page.goto(`${gateway.url}/console/sign-in`);
    await page.fill('#email', email);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    return page;
  };

  test('people: search, a person’s page with their place, chain, channels and messages (escaped), and a link code made there', async () => {
    await adminApi(gateway, 'POST', '/api/v1/simulate', { from: '+8613800000001', text: '<script>alert(1)</script> 库存 A100' });
    const page = await signInAs('mei@example.com');
    await page.click('text=People');
    await page.fill('#q', 'Dave');
    await page.click('button:has-text("Find")');
    expect(await page.locator('tbody tr').count()).toBe(1);
    await page.click('tbody a');
    expect(await page.textContent('h1')).toBe((await gateway.runtime.store.people.byId('Dave'))!.name);
    expect(await page.textContent('.facts')).toContain('+8613800000001');
    // The message's markup is shown as text, never run.
    expect(await page.locator('.thread .text').allTextContents()).toContain('<script>alert(1)</script> 库存 A100');
    expect(await page.locator('script:not([src])').count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    const before = await countRows(gateway.runtime, `select 1 from link_codes where person = 'Dave'`);
    await page.click('text=Make a chat link code');
    expect(await page.textContent('[role=status]')).toMatch(
      /^Link code ([A-Z0-9]{8}): before .*, the person sends \/start \1 to the Telegram bot, or \1 to the WeChat account\.$/,
    );
    expect(await countRows(gateway.runtime, `select 1 from link_codes where person = 'Dave'`)).toBe(before + 1);
    const [audit] = await gateway.runtime.sql.query<{ action: string; subject: string; email: string }>(
      `select a.action, a.subject, o.email from audit_log a join operators o on o.id = a.operator order by a.id desc limit 1`,
    );
    expect(audit).toEqual({ action: 'POST /console/people/:id/link-code', subject: 'person Dave', email: 'mei@example.com' });
  });

  test('conversations: newest first, searched and filtered; a thread shows statuses and explains a failure in plain words', async () => {
    await adminApi(gateway, 'POST', '/api/v1/simulate', { from: '+8613800000002', text: 'PRICE A100' });
    // A send that failed at the provider, as the dispatcher records it.
    const [failed] = await gateway.runtime.sql.query<{ id: string }>(
      `insert into outbox (channel, transport, recipient, body, person, kind, status, error_code, error_message, segments, encoding)
       values ('sms', 'twilio', '+8613800000002', 'Invoice INV-9 is due', 'Diana', 'dunning', 'failed', '30003', 'Unreachable destination handset', 1, 'GSM-7') returning id::text`,
    );
    expect(failed).toBeDefined();
    const page = await signInAs('mei@example.com');
    await page.click('text=Conversations');
    const names = await page.locator('.conversations li strong').allTextContents();
    expect(names[0]).toBe('Diana Huang'); // her failed dunning message is the newest
    expect(names).toContain((await gateway.runtime.store.people.byId('Dave'))!.name);
    await page.fill('#q', 'script');
    await page.click('button:has-text("Filter")');
    expect(await page.locator('.conversations li strong').allTextContents()).toEqual([(await gateway.runtime.store.people.byId('Dave'))!.name]);
    await page.fill('#q', '');
    await page.selectOption('#status', 'failed');
    await page.click('button:has-text("Filter")');
    expect(await page.locator('.conversations li strong').allTextContents()).toEqual(['Diana Huang']);
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('text=Diana Huang');
    expect(await page.textContent('.thread')).toContain('Invoice INV-9 is due');
    expect(await page.textContent('.failure')).toBe('failed 30003: The phone was unreachable (off or out of coverage).');
    expect(await page.locator('.thread li').count()).toBeGreaterThanOrEqual(3); // her PRICE, its reply, the failed send
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('a viewer sees no link-code control, and the route refuses them', async () => {
    await adminApi(gateway, 'POST', '/api/v1/operators', { email: 'vic@example.com', password: 'correct horse battery staple', role: 'viewer' });
    const page = await signInAs('vic@example.com');
    await page.goto(`${gateway.url}/console/people/Dave`);
    expect(await page.locator('text=Make a chat link code').count()).toBe(0);
    const before = await countRows(gateway.runtime, `select 1 from link_codes where person = 'Dave'`);
    const csrf = await page.inputValue('input[name=csrf]');
    const status = await page.evaluate(
      `fetch('/console/people/Dave/link-code', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'csrf=${csrf}' }).then((r) => r.status)`,
    );
    expect(status).toBe(403);
    expect(await countRows(gateway.runtime, `select 1 from link_codes where person = 'Dave'`)).toBe(before);
  });

  test('a sign-out without the session’s CSRF token ends nothing', async () => {
    const page = await open();
    await page.goto(`${gateway.url}/console/sign-in`);
    await page.fill('#email', 'mei@example.com');
    await page.fill('#password', 'correct horse battery staple');
    await page.click('button[type=submit]');
    const openSessions = await countRows(gateway.runtime, 'select 1 from operator_sessions where revoked_at is null');
    await page.evaluate("document.querySelector('input[name=csrf]').value = 'forged'");
    await page.click('text=Sign out');
    expect(await countRows(gateway.runtime, 'select 1 from operator_sessions where revoked_at is null')).toBe(openSessions);
  });
});
