import type { Browser } from 'playwright-core';
import { adminApi, eventually, gatewayWithFakeTwilio, smsProcessed } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';
const ann = '+8613800000003';

/**
 * The console's figures (issue 18, part 7) in real Chromium: the sell-out chart is drawn from
 * the demo's reports (its canvas holds the bars), and the CSV exports open in Excel with their
 * Chinese names intact (UTF-8 with a byte-order mark).
 */
describeInBrowser('the Figures view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  beforeAll(async () => {
    expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email: 'planner@example.com', password, role: 'viewer' })).status).toBe(201);
    browser = await launchChromium();
    await smsProcessed(setup.gateway, ann, 'SALES A100 3 B200 5');
  });
  afterAll(() => browser.close());

  test('the sell-out chart is drawn: its data hold the day, and its canvas is not blank', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'planner@example.com', password);
    await page.goto(`${setup.gateway.url}/console/figures`);
    await page.locator('#chart-sell-out').waitFor();
    await eventually(async () => ((await page.evaluate(`Boolean(document.querySelector('#chart-sell-out').chart)`)) ? true : undefined));
    // A 3 × ¥399 + 5 × B200 list price; the last day of the range is today.
    const values = (await page.evaluate(`document.querySelector('#chart-sell-out').chart.data.datasets[0].data`)) as number[];
    expect(values).toHaveLength(30);
    expect(values.at(-1)).toBeGreaterThan(0);
    const painted = await page.evaluate(`(() => {
      const c = document.querySelector('#chart-sell-out');
      const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) n++;
      return n;
    })()`);
    expect(painted).toBeGreaterThan(1000);
    expect(await page.locator('#table-sell-out-sku tbody tr').count()).toBe(2);
    expect(await seriousViolations(page)).toEqual([]);
  });

  test('the CSV exports are UTF-8 with a BOM, with the right columns and Chinese names intact', async () => {
    const page = await consolePage(browser, setup.gateway.url, 'planner@example.com', password, 'zh-CN');
    await page.context().addCookies([{ name: 'fieldline_lang', value: 'zh', url: setup.gateway.url }]);
    const bySku = await page.request.get(`${setup.gateway.url}/console/figures/sell-out-sku.csv`);
    expect([bySku.status(), bySku.headers()['content-type']]).toEqual([200, 'text/csv; charset=utf-8']);
    expect(bySku.headers()['content-disposition']).toMatch(/^attachment; filename=sell-out-sku_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const bytes = await bySku.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe('商品编码,商品,数量,金额,日报数,待审核');
    expect(lines.slice(1)).toEqual(['A100,电饭煲 3升,3,1197,1,0', expect.stringMatching(/^B200,[^,]+,5,\d+(\.\d+)?,1,0$/)]);
    const all = (await (await page.request.get(`${setup.gateway.url}/console/figures/sell-out-lines.csv`)).body())
      .subarray(3)
      .toString('utf8')
      .trim()
      .split('\n');
    expect(all[0]).toBe('日期,门店,门店名称,区域,商品编码,商品,数量,单价,金额,人员,促销员,待审核');
    expect(all[1]).toMatch(/^\d{4}-\d{2}-\d{2},S1,Xujiahui flagship,east,A100,电饭煲 3升,3,399,1197,Ann,Zhang An,0$/);
    expect(all).toHaveLength(3);
    // A range that is no range is refused, and a page of it too.
    expect((await page.request.get(`${setup.gateway.url}/console/figures/sell-out-sku.csv?from=2026-12-05&to=2026-12-01`)).status()).toBe(400);
  });
});
