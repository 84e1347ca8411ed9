import type { Browser } from 'playwright-core';
import { adminApi, countRows, eventually, gatewayWithFakeTwilio } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';

/**
 * A broadcast composed and sent from the console (issue 19) in real Chromium: the segments are said
 * while the text is typed; the preview says how many and what it costs; confirming sends each
 * dealer theirs once, and the progress follows without a reload.
 */
describeInBrowser('the Broadcasts view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio({ env: { SEND_WINDOWS: '00:00-24:00,broadcast=00:00-24:00', SMS_PRICE_PER_SEGMENT: '0.05', SMS_PRICE_CURRENCY: 'CNY' } });
  let browser: Browser;
  beforeAll(async () => {
    expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email: 'hq@example.com', password, role: 'admin' })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  test('composed, previewed, sent once to each dealer, its progress followed', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'hq@example.com', password);
    await page.goto(`${setup.gateway.url}/console/broadcasts`);
    await page.fill('#text-zh', '通'.repeat(71));
    await eventually(async () => ((await page.locator('#count-zh').textContent()) === '71 characters: 2 SMS segments (UCS-2)' ? true : undefined));
    await page.fill('#text-zh', '价格调整：B200 自 12 月 10 日起调至 109 元。');
    await page.fill('#text-en', 'Price change: B200 is ¥109 from 10 December.');
    await eventually(async () => ((await page.locator('#count-en').textContent()) === '44 characters: 1 SMS segment (GSM-7)' ? true : undefined));
    await page.check('input[name=roles][value=dealer]');
    expect(await seriousViolations(page)).toEqual([]);
    await page.click('button:has-text("Preview")');
    await page.locator('#recipients').waitFor();
    expect(await page.locator('#recipients').textContent()).toBe('2 recipients');
    expect(await page.locator('#cost').textContent()).toBe('¥0.10');
    expect(setup.twilio.messages).toHaveLength(0);
    await page.click('button:has-text("Send it")');
    expect(await page.locator('p.notice[role=status]').textContent()).toMatch(/^Broadcast \d+ planned for 2 recipients\.$/);
    await eventually(async () => (setup.twilio.messages.length >= 2 ? true : undefined));
    expect(Object.fromEntries(setup.twilio.messages.map((m) => [m.form.To, m.form.Body]))).toEqual({
      '+8613800000001': '价格调整：B200 自 12 月 10 日起调至 109 元。',
      '+8613800000002': 'Price change: B200 is ¥109 from 10 December.',
    });
    await eventually(async () => (/sent 2/.test((await page.locator('#progress').textContent()) ?? '') ? true : undefined));
    expect(await countRows(setup.gateway.runtime, `select 1 from outbox where kind = 'broadcast'`)).toBe(2);
    const csv = await page.request.get(`${setup.gateway.url}${(await page.locator('a[download]').getAttribute('href'))!}`);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('Person,Name,Channel,Language,Status,Sent at,Wrote back');
    expect(lines.slice(1).map((line) => line.split(',').slice(0, 3).join(','))).toEqual(['Dave,Wang Wei,sms', 'Diana,Diana Huang,sms']);
  });

  test('an uploaded list of person ids: those found are the audience, the others are said', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'hq@example.com', password);
    await page.goto(`${setup.gateway.url}/console/broadcasts`);
    await page.fill('#text-zh', '本周六店内培训。');
    await page.fill('#text-en', 'Store training this Saturday.');
    // As a spreadsheet exports it: a BOM, a header row, a second column; one id typed besides.
    await page.setInputFiles('#audience-file', {
      name: 'people.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('\uFEFFid,name\nAnn,Zhang An\nDan,Liu Dan\nGhost,Nobody\n'),
    });
    await page.fill('#audience-people', 'Tom');
    await page.click('button:has-text("Preview")');
    await page.locator('#recipients').waitFor();
    expect(await page.locator('#recipients').textContent()).toBe('3 recipients');
    expect(await page.locator('text=Ghost').locator('..').textContent()).toMatch(/Ghost\s+no such person among those you may reach/);
    const id = page.url().split('/').at(-1)!;
    const kept = await setup.gateway.runtime.sql.query<{ person: string }>('select person from broadcast_recipients where broadcast = $1 order by person', [
      id,
    ]);
    expect(kept.map((r) => r.person)).toEqual(['Ann', 'Dan', 'Tom']);
  });
});
