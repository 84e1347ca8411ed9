import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Page } from 'playwright-core';
import { chromiumPath, hasChromium } from '../support/browser';
import { adminApi, startTestGateway } from '../support/gateway';

/**
 * `npm run bench` (console part): what the console weighs (its JS and CSS, raw and compressed as
 * served) and how soon its pages render in Chromium with 10,000 messages in the log: time to first
 * byte and first contentful paint of the conversations list and of a thread, against the sign-in
 * page (the smallest page through the same stack) measured in the same run. Results:
 * tests/bench/console-results.md.
 */
const out = join(__dirname, 'console-results.md');
const messages = 10_000;
const peers = 500;
const outboxRows = 100_000;
const vehicles = 500;
const loads = 9;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(page: Page, url: string): Promise<{ ttfbMs: number; fcpMs: number; bytes: number; rows: number }> {
  const runs: { ttfbMs: number; fcpMs: number; bytes: number; rows: number }[] = [];
  for (let i = 0; i < loads; i++) {
    await page.goto(url, { waitUntil: 'load' });
    runs.push(
      // The paint entry may land after the load event: wait for it.
      (await page.evaluate(`new Promise((resolve) => {
        const nav = performance.getEntriesByType('navigation')[0];
        const done = (fcp) => resolve({ ttfbMs: nav.responseStart - nav.requestStart, fcpMs: fcp, bytes: nav.encodedBodySize, rows: document.querySelectorAll('main li, main tbody tr').length });
        const seen = performance.getEntriesByName('first-contentful-paint')[0];
        if (seen) return done(seen.startTime);
        new PerformanceObserver((list) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0];
          if (fcp) done(fcp.startTime);
        }).observe({ type: 'paint', buffered: true });
        setTimeout(() => done(NaN), 3000);
      })`)) as { ttfbMs: number; fcpMs: number; bytes: number; rows: number },
    );
  }
  return { ttfbMs: median(runs.map((r) => r.ttfbMs)), fcpMs: median(runs.map((r) => r.fcpMs)), bytes: median(runs.map((r) => r.bytes)), rows: runs[0]!.rows };
}

async function main(): Promise<void> {
  const weights = [
    ['htmx.min.js (htmx.org)', require.resolve('htmx.org/dist/htmx.min.js')],
    ['live.js (ours)', join(__dirname, '../../gateway/console/live.js')],
    ['console.css (ours)', join(__dirname, '../../gateway/console/console.css')],
  ].map(([name, file]) => {
    const body = readFileSync(file!);
    return { name: name!, raw: body.length, gzip: gzipSync(body).length };
  });
  if (!hasChromium) {
    writeFileSync(out, `# Console\n\nNo Chromium at ${chromiumPath}: page timings not measured.\n`);
    return;
  }
  const gateway = await startTestGateway({ workers: false });
  const browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
  try {
    // 10,000 messages across 500 peers: half in, half out, over the last 30 days.
    await gateway.runtime.sql.query(
      `insert into inbox (channel, transport, external_id, sender, body, status, received_at, processed_at)
       select 'sms', 'twilio', 'bench-' || n, '+86139' || lpad((n % $2)::text, 8, '0'), 'STOCK A100 message ' || n, 'processed', now() - (n || ' minutes')::interval, now() - (n || ' minutes')::interval
         from generate_series(1, $1 / 2) n`,
      [messages, peers],
    );
    await gateway.runtime.sql.query(
      `insert into outbox (channel, transport, recipient, body, kind, status, segments, encoding, created_at)
       select 'sms', 'twilio', '+86139' || lpad((n % $2)::text, 8, '0'), 'A100 Rice cooker 3L: 165 pcs available ' || n, 'reply', 'delivered', 1, 'GSM-7',
              now() - (n || ' minutes')::interval + interval '2 seconds'
         from generate_series(1, $1 / 2) n`,
      [messages, peers],
    );
    await adminApi(gateway, 'POST', '/api/v1/operators', { email: 'bench@example.com', password: 'correct horse battery staple', role: 'operator' });
    const page = await (await browser.newContext()).newPage();
    const signIn = await measure(page, `${gateway.url}/console/sign-in`);
    await page.fill('#email', 'bench@example.com');
    await page.fill('#password', 'correct horse battery staple');
    await page.click('button[type=submit]');
    const list = await measure(page, `${gateway.url}/console/conversations`);
    const thread = await measure(page, `${gateway.url}/console/conversations/${encodeURIComponent('+8613900000001')}`);
    const attention = await measure(page, `${gateway.url}/console/attention`);
    // Then an outbox of 100,000 more: half failed over 30 days, half scheduled over the next 30.
    await gateway.runtime.sql.query(
      `insert into outbox (channel, transport, recipient, body, kind, status, error_code, not_before, created_at)
       select 'sms', 'twilio', '+86139' || lpad((n % $2)::text, 8, '0'), 'Invoice reminder ' || n, 'dunning',
              case when n % 2 = 0 then 'failed' else 'pending' end, case when n % 2 = 0 then '30003' end,
              case when n % 2 = 1 then now() + (n || ' seconds')::interval * 25 end, now() - (n || ' seconds')::interval * 25
         from generate_series(1, $1) n`,
      [outboxRows, peers],
    );
    await gateway.runtime.sql.query('analyze outbox');
    const failed = await measure(page, `${gateway.url}/console/outbox?view=failed`);
    const scheduled = await measure(page, `${gateway.url}/console/outbox?view=scheduled`);
    const filtered = await measure(
      page,
      `${gateway.url}/console/outbox?view=failed&code=30003&from=${new Date(Date.now() - 3 * 86_400_000).toISOString().slice(0, 10)}`,
    );
    // 500 drivers around Shanghai, each with a position and a ping: the vehicles map draws them all.
    await gateway.runtime.sql.query(
      `insert into people (id, name, role, phone) select 'bench-driver-' || n, 'Driver ' || n, 'driver', '+86137' || lpad(n::text, 8, '0') from generate_series(1, $1) n`,
      [vehicles],
    );
    await gateway.runtime.sql.query(
      `with spread as (select n, 31.0 + (n % 25) * 0.02 as lat, 121.2 + (n / 25) * 0.03 as lon from generate_series(1, $1) n)
       insert into vehicle_positions (driver, lat, lon, reported_at, received_at) select 'bench-driver-' || n, lat, lon, now() - (n || ' seconds')::interval, now() from spread`,
      [vehicles],
    );
    await gateway.runtime.sql.query(
      `insert into pings (driver, lat, lon, speed_kmh, reported_at, received_at, form) select driver, lat, lon, 30, reported_at, received_at, 'loc' from vehicle_positions where driver like 'bench-driver-%'`,
    );
    const fleet = await measure(page, `${gateway.url}/console/vehicles`);
    const figures = await measure(page, `${gateway.url}/console/figures`);
    const row = (name: string, m: { ttfbMs: number; fcpMs: number; bytes: number; rows: number }) =>
      `| ${name} | ${m.ttfbMs.toFixed(1)} | ${(m.ttfbMs / signIn.ttfbMs).toFixed(1)}× | ${m.fcpMs.toFixed(0)} | ${(m.fcpMs / signIn.fcpMs).toFixed(2)}× | ${m.bytes.toLocaleString('en')} | ${m.rows} |`;
    const report = `# Console: page weight and time to first render

Measured by \`npm run bench\` (tests/bench/console.ts) on ${new Date().toISOString().slice(0, 10)}, real PostgreSQL, Chromium ${browser.version()} headless,
${messages.toLocaleString('en')} messages (${peers} peers) in the log; medians of ${loads} loads. Ratios are against the sign-in page in the same run.

## Assets every page loads

| asset | bytes | gzip (as served) |
|---|---:|---:|
${weights.map((w) => `| ${w.name} | ${w.raw.toLocaleString('en')} | ${w.gzip.toLocaleString('en')} |`).join('\n')}
| **JS total** | ${(weights[0]!.raw + weights[1]!.raw).toLocaleString('en')} | ${(weights[0]!.gzip + weights[1]!.gzip).toLocaleString('en')} |
| **CSS total** | ${weights[2]!.raw.toLocaleString('en')} | ${weights[2]!.gzip.toLocaleString('en')} |

## Pages

| page | TTFB ms | × sign-in | first contentful paint ms | × sign-in | HTML bytes (compressed) | rows shown |
|---|---:|---:|---:|---:|---:|---:|
${row('sign-in (baseline)', signIn)}
${row('conversations (newest 200 of 500 peers)', list)}
${row('a thread (one peer of the 500)', thread)}
${row('needs attention (unregistered senders: every bench peer)', attention)}
${row(`outbox, failed (newest 500 of ${(outboxRows / 2).toLocaleString('en')}; ${outboxRows.toLocaleString('en')} rows in the outbox)`, failed)}
${row(`outbox, scheduled (soonest 500 of ${(outboxRows / 2).toLocaleString('en')})`, scheduled)}
${row('outbox, failed with code 30003 in the last 3 days', filtered)}
${row(`vehicles map (${vehicles} vehicles on the server-drawn map; rows: their table)`, fleet)}
${row('figures (the demo: nine tables, two charts)', figures)}
`;
    writeFileSync(out, report);
    console.log(report);
  } finally {
    await browser.close();
    await gateway.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
