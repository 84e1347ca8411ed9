import type { Browser } from 'playwright-core';
import { adminApi, eventually, gatewayWithFakeTwilio, smsProcessed } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';
const dan = '+8613800000004';

/**
 * The console's vehicles map (issue 18, part 6) in real Chromium: the base map is drawn from the
 * outlines shipped with the gateway; a driver's ping moves his marker without a reload; his day's
 * track draws a line through his pings.
 */
describeInBrowser('the Vehicles view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  const ping = (text: string) => smsProcessed(setup.gateway, dan, text);
  beforeAll(async () => {
    expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email: 'dispatch@example.com', password, role: 'operator' })).status).toBe(201);
    browser = await launchChromium();
    await ping('LOC 31.2304 121.4737');
  });
  afterAll(() => browser.close());

  test("a driver's ping moves his marker on the open map, without a reload", async () => {
    const page = await consolePage(browser, setup.gateway.url, 'dispatch@example.com', password);
    await page.goto(`${setup.gateway.url}/console/vehicles`);
    const marker = page.locator('#vehicle-Dan');
    await marker.waitFor();
    // The coastline around Shanghai is drawn from world-atlas: a path of many points, no image.
    expect(((await page.locator('svg.map path.land').getAttribute('d')) ?? '').length).toBeGreaterThan(100);
    expect(await page.locator('svg.map image, img').count()).toBe(0);
    expect(await page.locator('#vehicle-row-Dan').textContent()).toContain('Liu Dan');
    expect(await seriousViolations(page)).toEqual([]);
    await page.locator('.live:not(.offline)').waitFor();
    await page.evaluate('window.notReloaded = true');
    const before = await marker.getAttribute('transform');
    const [x0, y0] = before!.match(/[\d.]+/g)!.map(Number);
    await ping('lat:31.2182 long:121.4571 speed:32.5');
    await eventually(async () => ((await marker.getAttribute('transform')) !== before ? true : undefined));
    const [x1, y1] = (await marker.getAttribute('transform'))!.match(/[\d.]+/g)!.map(Number);
    // South-west: left and down on the map.
    expect(x1! < x0! && y1! > y0!).toBe(true);
    expect(await page.locator('#vehicle-row-Dan').textContent()).toContain('33 km/h');
    expect(await page.evaluate('window.notReloaded')).toBe(true);
  });

  test("his day's track is a line through his pings", async () => {
    const page = await consolePage(browser, setup.gateway.url, 'dispatch@example.com', password, 'zh-CN');
    await page.goto(`${setup.gateway.url}/console/vehicles/Dan`);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Liu Dan 的轨迹');
    expect(await page.locator('svg.map circle.fix').count()).toBe(2);
    expect((await page.locator('svg.map polyline.track').getAttribute('points'))!.split(' ')).toHaveLength(2);
    expect(await page.locator('tbody tr').count()).toBe(2);
  });
});
