import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium (`apt-get install -y chromium`; .ci/run installs it), driven by playwright-core. Never a downloaded build. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });

/** A describe block that drives the browser, skipped (one test saying why) where Chromium is absent. */
export const describeInBrowser = (name: string, body: () => void): void =>
  hasChromium ? describe(name, body) : describe.skip(name, () => test(`needs ${chromiumPath}: apt-get install -y chromium`, () => undefined));
