import { existsSync, readFileSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it), driven by playwright-core. Never a downloaded build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });

/** A describe block that drives the browser, skipped (one test saying why) where Chromium is absent. */
export const describeInBrowser = (name: string, body: () => void): void =>
  hasChromium ? describe(name, body) : describe.skip(name, () => test(`needs ${chromiumPath}: apt-get install -y chromium`, () => undefined));

/** axe-core's serious and critical violations on the page, by rule id (the context must bypass CSP for the script to go in). */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8') });
  const violations = (await page.evaluate('axe.run().then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact })))')) as {
    id: string;
    impact: string;
  }[];
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
}

/** A page of a new browser context signed in to the console at `base` (CSP bypassed, for axe-core's script). */
export async function consolePage(browser: Browser, base: string, email: string, password: string, locale = 'en-US', timezoneId?: string): Promise<Page> {
  const page = await (await browser.newContext({ locale, bypassCSP: true, timezoneId })).newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/console/sign-in`);
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('button[type=submit]');
  await page.waitForURL(`${base}/console`);
  return page;
}
