import type { Browser, Page } from 'playwright-core';
import { adminApi, countRows } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';
import { proactiveGateway, runJobAt } from '../support/proactive';

const password = 'correct horse battery staple';

/**
 * The console's Alerts view (issue 18, part 2) in real Chromium: an alert past its deadline shows
 * its trail (Sup was told, then Mgr); Mgr acknowledges it from the console and it climbs no
 * further (Boss is never told); resolving it closes it; a viewer sees no buttons.
 */
describeInBrowser('the Alerts view in the browser', () => {
  jest.setTimeout(60_000);
  const ctx = proactiveGateway('2026-11-23T02:00:00Z', { SEND_WINDOWS: '09:00-20:00,alert=07:00-23:00', ALERT_ESCALATE_AFTER_MINUTES: '60' });
  const { twilio } = ctx;
  let browser: Browser;
  beforeAll(async () => {
    for (const [email, role, person] of [
      ['mgr@example.com', 'operator', 'Mgr'],
      ['viewer@example.com', 'viewer', undefined],
    ] as const)
      expect((await adminApi(ctx.gateway, 'POST', '/api/v1/operators', { email, password, role, ...(person ? { person } : {}) })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  const run = (at: string) => runJobAt(ctx, 'alert-escalation', at);
  const signedIn = (email: string, locale = 'en-US'): Promise<Page> => consolePage(browser, ctx.gateway.url, email, password, locale, 'Asia/Shanghai');
  const told = (phone: string) => twilio.messages.filter((m) => m.form.To === phone).length;
  const [sup, mgr, boss] = ['+8613900000096', '+8613900000097', '+8613900000098'];

  test('past its deadline it shows its trail; Mgr acknowledges, and Boss is never told; then Mgr resolves it', async () => {
    // An invoice of ¥120,000 raises the balance past the ¥100,000 limit (a balance is the ledger's: an import's own figure only reports a difference).
    await adminApi(ctx.gateway, 'POST', '/api/v1/import', { invoices: [{ number: 'INV-DS-1', dealer: 'DS', amount: 120_000, dueDate: '2026-12-20' }] });
    expect(await run('2026-11-23T02:00:00Z')).toMatchObject({ raised: 1 });
    expect(await run('2026-11-23T03:01:00Z')).toMatchObject({ escalated: 1 });
    expect([told(sup), told(mgr), told(boss)]).toEqual([1, 1, 0]);

    const page = await signedIn('mgr@example.com');
    await page.goto(`${ctx.gateway.url}/console/alerts`);
    const card = page.locator('#alert-1');
    expect(await card.locator('h2').textContent()).toBe('Alert 1 · Over credit limit · DS');
    expect(await page.evaluate(`getComputedStyle(document.querySelector('#alert-1 h2')).fontSize`)).toBe('16px');
    expect(await card.locator('.meta').first().textContent()).toContain('held by Mgr Sun, 1 level up');
    expect(await card.locator('.state').textContent()).toBe('climbs to the next level at 2026-11-23 12:01 unless acknowledged');
    expect(await card.locator('.trail li').allTextContents()).toEqual([
      expect.stringMatching(/^level 0: Sup Li, 2026-11-23 10:00 \((queued|sent|delivered)\)$/),
      expect.stringMatching(/^level 1: Mgr Sun, 2026-11-23 11:01 \((queued|sent|delivered)\)$/),
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    await card.locator('button', { hasText: 'Acknowledge' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('Alert 1 acknowledged; it will not escalate further.');
    expect(await page.locator('#alert-1 .state').textContent()).toMatch(/^acknowledged by Mgr Sun at 2026-11-23 11:01/);

    expect(await run('2026-11-23T05:00:00Z')).toMatchObject({ escalated: 0 });
    expect(told(boss)).toBe(0);

    // Two hours on (the session lapsed with them): signed in again, Mgr resolves it.
    const later = await signedIn('mgr@example.com');
    await later.goto(`${ctx.gateway.url}/console/alerts`);
    await later.locator('#alert-1 button', { hasText: 'Resolve' }).click();
    expect(await later.locator('p.notice[role=status]').textContent()).toMatch(/^Alert 1 resolved\./);
    expect(await later.locator('#alert-1').count()).toBe(0);
    // Resolved twice (a second tab): the same refusal ACK gives by SMS, and nothing changes.
    const csrf = await later.locator('input[name=csrf]').first().getAttribute('value');
    const again = await later.request.post(`${ctx.gateway.url}/console/alerts/1/resolve`, { form: { csrf: csrf! } });
    expect(again.status()).toBe(409);
    expect(await again.text()).toContain('Alert 1 was acknowledged or resolved already.');
    expect(await countRows(ctx.gateway.runtime, `select 1 from alerts where id = 1 and resolved_at is not null`)).toBe(1);
    expect(await countRows(ctx.gateway.runtime, `select 1 from audit_log where subject = 'alert 1'`)).toBe(2);
  });

  test('a viewer sees the alerts, in Chinese, with no button; the route refuses', async () => {
    await run('2026-11-23T06:00:00Z'); // still over credit: raised again after the resolve
    const page = await signedIn('viewer@example.com', 'zh-CN');
    await page.goto(`${ctx.gateway.url}/console/alerts`);
    expect(await page.locator('h1').textContent()).toBe('预警');
    expect(await page.locator('.alerts h2').first().textContent()).toMatch(/^预警 \d+ · 超出信用额度 · DS$/);
    expect(await page.locator('.alerts button').count()).toBe(0);
    const csrf = await page.locator('input[name=csrf]').first().getAttribute('value');
    const response = await page.request.post(`${ctx.gateway.url}/console/alerts/2/ack`, { form: { csrf: csrf! } });
    expect(response.status()).toBe(403);
    expect(await countRows(ctx.gateway.runtime, `select 1 from alerts where acknowledged_at is null and resolved_at is null`)).toBe(1);
  });
});
