import type { Browser } from 'playwright-core';
import { adminApi, countRows, gatewayWithFakeTwilio } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';

/**
 * The console's imports (issue 18, part 8) in real Chromium: a document's preview lists what would
 * land and the rows that would be rejected (also those whose references do not resolve, found by a
 * dry run) and writes nothing; committing lands the good rows, once.
 */
describeInBrowser('the Imports view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  beforeAll(async () => {
    for (const [email, role] of [
      ['root@example.com', 'admin'],
      ['ops@example.com', 'operator'],
    ] as const)
      expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email, password, role })).status).toBe(201);
    browser = await launchChromium();
  });
  afterAll(() => browser.close());

  const document = {
    products: [
      { sku: 'G700', name: 'Air fryer 5L', nameZh: '空气炸锅 5升', listPrice: 459 },
      { sku: 'F600', name: 'Blender', listPrice: 'cheap' },
    ],
    stores: [{ code: 'S9', name: 'Pudong corner', dealer: 'D9' }],
  };
  const rowsOf = async (selector: string, page: import('playwright-core').Page) =>
    page.locator(`${selector} tbody tr`).evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)));

  test('the preview shows what would land and what would be rejected, writes nothing; the commit lands it once', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'root@example.com', password);
    await page.goto(`${setup.gateway.url}/console/imports`);
    await page.setInputFiles('input[name=document]', { name: 'november.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) });
    await page.click('button:has-text("Preview")');
    await page.locator('section.preview').waitFor();
    expect(await page.locator('section.preview h2').textContent()).toBe('Preview of november.json: nothing has been written.');
    expect(await rowsOf('table.counts', page)).toEqual([['products', '1']]);
    expect(await rowsOf('table.rejected', page)).toEqual([
      ['products', '1', 'listPrice', expect.stringMatching(/number/)],
      ['stores', '0', 'dealer', expect.stringContaining('D9')],
    ]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await countRows(setup.gateway.runtime, `select 1 from products where sku = 'G700'`)).toBe(0);
    const token = (await page.locator('input[name=token]').getAttribute('value'))!;
    const csrf = (await page.locator('input[name=csrf]').first().getAttribute('value'))!;
    await page.click('button:has-text("Commit this import")');
    expect(await page.locator('p.notice[role=status]').textContent()).toBe('Imported: 1 row written, 2 rejected.');
    expect(await countRows(setup.gateway.runtime, `select 1 from products where sku = 'G700' and name_zh = '空气炸锅 5升'`)).toBe(1);
    const again = await page.request.post(`${setup.gateway.url}/console/imports/commit`, { form: { csrf, token } });
    expect(again.status()).toBe(409);
    expect(await countRows(setup.gateway.runtime, `select 1 from audit_log where subject = 'import november.json'`)).toBe(1);
  });

  test('a balance that differs from the ledger is listed with both figures, and the ledger’s stands', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'root@example.com', password);
    await page.goto(`${setup.gateway.url}/console/imports`);
    // D1's ledger holds the demo's ¥45,000; the ERP now says ¥50,000.
    const erp = { dealers: [{ code: 'D1', name: 'Huadong Appliances', creditLimit: 200_000, balance: 50_000 }] };
    await page.setInputFiles('input[name=document]', { name: 'erp.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(erp)) });
    await page.click('button:has-text("Preview")');
    await page.locator('section.preview').waitFor();
    expect(await rowsOf('table.balances', page)).toEqual([['D1', '45000.00', '50000.00', '+5000.00']]);
    await page.click('button:has-text("Commit this import")');
    expect(await countRows(setup.gateway.runtime, `select 1 from dealers where code = 'D1' and balance = 45000`)).toBe(1);
  });

  test('not JSON is said so; an operator may not import', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'root@example.com', password);
    await page.goto(`${setup.gateway.url}/console/imports`);
    await page.setInputFiles('input[name=document]', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"products": [') });
    await page.click('button:has-text("Preview")');
    expect(await page.locator('p.error[role=alert]').textContent()).toMatch(/^Not a JSON document: /);
    const ops = await consolePage(browser, setup.gateway.url, 'ops@example.com', password);
    expect(await ops.locator('nav a[href="/console/imports"]').count()).toBe(0);
    const csrf = (await ops.locator('form[action="/console/sign-out"] input[name=csrf]').getAttribute('value'))!;
    const refused = await ops.request.post(`${setup.gateway.url}/console/imports/preview`, {
      multipart: { csrf, document: { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(document)) } },
    });
    expect(refused.status()).toBe(403);
  });
});
