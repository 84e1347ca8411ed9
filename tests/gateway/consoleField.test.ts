import type { Browser } from 'playwright-core';
import { adminApi, countRows, gatewayWithFakeTwilio, smsProcessed } from '../support/gateway';
import { consolePage, describeInBrowser, launchChromium, seriousViolations } from '../support/browser';

const password = 'correct horse battery staple';
const ann = '+8613800000003';

/**
 * The console's field reports (issue 18, part 5) in real Chromium: a report flagged against the
 * promoter's usual shows why; accepted, it counts; another rejected, it never does; a report decided
 * meanwhile answers which decision stands. Far check-ins are listed with their distance.
 */
describeInBrowser('the Field reports view in the browser', () => {
  jest.setTimeout(60_000);
  const setup = gatewayWithFakeTwilio();
  let browser: Browser;
  const say = (text: string) => smsProcessed(setup.gateway, ann, text);
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  const flagged = () =>
    setup.gateway.runtime.sql.query<{ id: string; day: string }>(
      `select id::text, to_char(day, 'YYYY-MM-DD') as day from sell_out_reports where flags <> '[]' order by day`,
    );
  beforeAll(async () => {
    expect((await adminApi(setup.gateway, 'POST', '/api/v1/operators', { email: 'sam@example.com', password, role: 'operator', person: 'Sam' })).status).toBe(
      201,
    );
    browser = await launchChromium();
    await say('IN S1 31.2304 121.4737');
    // Two usual days (A100 2, then 3), then two far above them: both flagged.
    for (const [ago, qty] of <[number, number][]>[
      [4, 2],
      [3, 3],
      [2, 30],
      [1, 40],
    ])
      await say(`SALES ${day(ago)} A100 ${qty}`);
    expect(await flagged()).toHaveLength(2);
  });
  afterAll(() => browser.close());

  test('a flagged report shows why; accepted it counts, rejected it leaves the queue, and a second decision is refused', async () => {
    const [first, second] = await flagged();
    const page = await consolePage(browser, setup.gateway.url, 'sam@example.com', password);
    await page.goto(`${setup.gateway.url}/console/field`);
    const card = page.locator(`#report-${first!.id}`);
    await card.waitFor();
    expect(await card.locator('.flags li').textContent()).toBe('A100 30: above 2.5/day, the promoter’s usual');
    expect(await page.locator('.people li').first().textContent()).toMatch(/^Zhang An at Xujiahui flagship, .* · 5\.3 km from the store$/);
    expect(await seriousViolations(page)).toEqual([]);
    await card.locator('button', { hasText: 'Accept' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(`Report ${first!.id} accepted: it counts toward the promoter’s commission.`);
    const other = page.locator(`#report-${second!.id}`);
    await other.locator('input[name=reason]').fill('no such delivery that week');
    await other.locator('button', { hasText: 'Reject' }).click();
    expect(await page.locator('p.notice[role=status]').textContent()).toBe(`Report ${second!.id} rejected: it does not count toward commission.`);
    expect(await page.locator('[id^=report-]').count()).toBe(0);
    expect(
      await countRows(
        setup.gateway.runtime,
        `select 1 from sell_out_reports where id = $1 and rejected_by = 'Sam' and reject_reason = 'no such delivery that week' and accepted_at is null`,
        [second!.id],
      ),
    ).toBe(1);
    // The API's acceptance of the rejected report is refused: the rejection stands.
    const again = await adminApi(setup.gateway, 'POST', `/api/v1/sell-out/${second!.id}/accept`, {});
    expect([again.status, again.json.error.message]).toEqual([409, `Report ${second!.id} was rejected already; that decision stands.`]);
    const csrf = (await page.locator('form[action="/console/sign-out"] input[name=csrf]').getAttribute('value'))!;
    const late = await page.request.post(`${setup.gateway.url}/console/field/reports/${first!.id}/reject`, { form: { csrf } });
    expect(late.status()).toBe(409);
    expect(
      await countRows(setup.gateway.runtime, `select 1 from sell_out_reports where id = $1 and accepted_by = 'Sam' and rejected_at is null`, [first!.id]),
    ).toBe(1);
  });
});
