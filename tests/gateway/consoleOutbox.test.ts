import type { Browser, Page } from 'playwright-core';
import { adminApi, countRows, eventually, gatewayWithFakeTwilio, postTwilio, smsForm } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';
import { twilioError } from '../support/twilioFake';

const password = 'correct horse battery staple';
const numbers = ['+8613800000001', '+8613800000002', '+8613800000008'];

/**
 * The console's Outbox view (issue 18, part 3) in real Chromium: failed messages with the
 * provider's code in plain words; a resend by filter of three failed messages previews three, sends
 * three, each once — and a second resend of the same sends nothing.
 */
describeInBrowser('the Outbox view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  beforeAll(async () => {
    expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email: 'ops@example.com', password, role: 'operator' })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  const signedIn = (locale = 'en-US'): Promise<Page> => consolePage(browser, setup.gateway.url, 'ops@example.com', password, locale);

  test('three replies failed with 30003: the preview says three, three are sent, once each; a second resend sends nothing', async () => {
    setup.twilio.respondWith(() => twilioError(400, 30003, 'Unreachable destination handset'));
    for (const [i, from] of numbers.entries())
      expect((await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm(from, 'HELP', `SMob${i}`))).status).toBe(200);
    await eventually(async () =>
      (await countRows(setup.gateway.runtime, `select 1 from outbox where status = 'failed' and error_code = '30003'`)) === 3 ? true : undefined,
    );
    setup.twilio.reset();

    const page = await signedIn();
    await page.goto(`${setup.gateway.url}/console/outbox?view=failed&code=30003`);
    expect(await page.locator('table.outbox tbody tr').count()).toBe(3);
    expect(await page.locator('table.outbox tbody tr').first().textContent()).toContain('30003: The phone was unreachable (off or out of coverage).');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('form.resend button');
    expect(await page.locator('h1').textContent()).toBe('Resend 3 messages to 3 recipients?');
    await page.click('text=Resend them');
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('Queued again: 3. Not resent: 0 (sent meanwhile, resent before, or opted out).');
    await setup.twilio.waitForMessages(3);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(setup.twilio.messages.map((m) => m.form.To).sort()).toEqual([...numbers].sort());

    // The same preview confirmed again (a double click, a back button): nothing more is sent.
    await page.goBack();
    await page.click('text=Resend them');
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('Queued again: 0. Not resent: 3 (sent meanwhile, resent before, or opted out).');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(setup.twilio.messages).toHaveLength(3);
  });

  test('scheduled and cancelled views render; a malformed filter is ignored, not an error', async () => {
    const page = await signedIn('zh-CN');
    const response = await page.goto(`${setup.gateway.url}/console/outbox?view=scheduled&kind=%3Cscript%3E&from=2026-13-45&channel=fax`);
    expect(response!.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe('发件箱');
    expect(await page.locator('.tabs a[aria-current=page]').textContent()).toBe('待发送');
    await page.goto(`${setup.gateway.url}/console/outbox?view=cancelled`);
    expect(await page.locator('p.empty').textContent()).toBe('此处没有消息。');
  });
});
