import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { migrate } from '../../adapters/db/migrate';
import { sqlImporter } from '../../adapters/db/importer';
import { postgresSql } from '../../adapters/db/sql';
import { loadDemoData } from '../../gateway/demo/load';
import { FakeTwilio, signTwilio } from '../support/twilioFake';

/**
 * `npm run bench`: signed Twilio webhooks carrying STOCK queries, driven by autocannon against the
 * gateway (its own process, real PostgreSQL and Redis), measured end to end at a fake Twilio API;
 * and bare Express measured the same way in the same run. Results: tests/bench/results.md.
 */
const root = join(__dirname, '..', '..');
const pgBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
const benchDb = 'fieldline_bench';
const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
const duration = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
const authToken = 'bench-auth-token';
const publicUrl = 'https://fieldline.example.com';
const path = '/webhooks/twilio/sms';

function startProcess(script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'inherit'] });
  child.on('exit', (code) => code && code !== 0 && code !== 143 && console.error(`${script} exited with ${code}`));
  return child;
}

async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not become healthy`);
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

let sequence = 0;
const phones = ['+8613800000001', '+8613800000002'];
/** Each request a new MessageSid, signed exactly as Twilio signs it. */
function signedStockRequest(): { body: string; headers: Record<string, string> } {
  const sid = `SMbench${process.pid}x${sequence++}`;
  const form = { MessageSid: sid, SmsMessageSid: sid, AccountSid: `AC${'b'.repeat(32)}`, From: phones[sequence % 2]!, To: '+15005550006', Body: 'STOCK A100', NumMedia: '0' };
  return {
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(authToken, publicUrl + path, form) },
  };
}

function drive(url: string) {
  return autocannon({
    url: url + path,
    method: 'POST',
    connections,
    duration,
    requests: [{ setupRequest: (request) => ({ ...request, ...signedStockRequest() }) }],
  });
}

async function main(): Promise<void> {
  const admin = postgresSql(`${pgBase}/postgres`, { max: 1 });
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.query(`create database ${benchDb}`);
  const databaseUrl = `${pgBase}/${benchDb}`;
  const sql = postgresSql(databaseUrl, { max: 2 });
  await migrate(sql);
  await loadDemoData({ importer: sqlImporter(sql), config: { defaultCountry: 'CN' } as never });

  // 1. Baseline: bare Express.
  const barePort = '3901';
  const bare = startProcess('tests/bench/bareExpress.ts', { PORT: barePort });
  await waitHealthy(`http://127.0.0.1:${barePort}`);
  const baseline = await drive(`http://127.0.0.1:${barePort}`);
  await stopProcess(bare);

  // 2. The gateway, end to end.
  const twilio = new FakeTwilio();
  const twilioUrl = await twilio.start();
  const port = '3902';
  const prefix = `bench${process.pid}`;
  const gatewayEnv = {
    PORT: port,
    PUBLIC_URL: publicUrl,
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilioUrl,
    LOG_LEVEL: 'warn',
  };
  // BENCH_SPLIT=1: the HTTP intake and the workers in two processes, as PROCESS_ROLE allows.
  const split = process.env.BENCH_SPLIT === '1';
  const gateway = startProcess('gateway/main.ts', { ...gatewayEnv, PROCESS_ROLE: split ? 'web' : 'all' });
  const worker = split ? startProcess('gateway/main.ts', { ...gatewayEnv, PROCESS_ROLE: 'worker', PORT: '0' }) : null;
  const gatewayUrl = `http://127.0.0.1:${port}`;
  await waitHealthy(gatewayUrl);
  const started = Date.now();
  const intake = await drive(gatewayUrl);
  const accepted = intake['2xx'];
  // Drain: wait until every stored message has its reply at the fake Twilio (or nothing moves for 10 s).
  let lastCount = -1;
  let stillSince = Date.now();
  for (;;) {
    const [{ n }] = (await sql.query<{ n: number }>('select count(*)::int as n from inbox')) as [{ n: number }];
    if (twilio.messages.length >= n) break;
    if (twilio.messages.length !== lastCount) (lastCount = twilio.messages.length), (stillSince = Date.now());
    if (Date.now() - stillSince > 10_000) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await new Promise((resolve) => setTimeout(resolve, 1000)); // anything beyond one reply each would show up here
  const replies = twilio.messages;
  const lastReply = Math.max(...replies.map((r) => r.at));
  const firstReply = Math.min(...replies.map((r) => r.at));
  await stopProcess(gateway);
  if (worker) await stopProcess(worker);
  await twilio.stop();

  const [inbox] = await sql.query<{ n: number }>('select count(*)::int as n from inbox');
  const [outbox] = await sql.query<{ n: number; messages: number }>('select count(*)::int as n, count(distinct in_reply_to)::int as messages from outbox');
  const outboxIdsSent = new Set(replies.map((r) => new URL(r.form.StatusCallback!).searchParams.get('outbox')));
  // autocannon counts the responses inside its window; requests still in flight at its end are stored and answered too.
  const stored = inbox!.n;
  const exactlyOne = stored >= accepted && outbox!.n === stored && outbox!.messages === stored && replies.length === stored && outboxIdsSent.size === stored;
  await sql.close();
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.close();
  const redis = new IORedis(redisUrl);
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();

  const results = {
    at: new Date().toISOString(),
    machine: `${require('node:os').cpus().length} cores, node ${process.version}`,
    durationSeconds: duration,
    connections,
    bareExpress: { requestsPerSecond: baseline.requests.average, p50ms: baseline.latency.p50, p99ms: baseline.latency.p99 },
    gatewayIntake: { requestsPerSecond: intake.requests.average, p50ms: intake.latency.p50, p99ms: intake.latency.p99, accepted, non2xx: intake.non2xx, errors: intake.errors },
    intakeRatioToBareExpress: intake.requests.average / baseline.requests.average,
    endToEnd: {
      replies: replies.length,
      repliesPerSecond: replies.length / ((lastReply - started) / 1000),
      drainSecondsAfterLoad: (lastReply - started) / 1000 - duration,
      firstReplyAfterMs: firstReply - started,
    },
    exactlyOneReplyPerMessage: exactlyOne,
    counts: { accepted, inbox: inbox!.n, outbox: outbox!.n, repliedMessages: outbox!.messages, receivedByFakeTwilio: replies.length, distinctOutboxIds: outboxIdsSent.size },
  };
  const fmt = (n: number, digits = 0) => n.toFixed(digits);
  const markdown = `# Benchmark results (\`npm run bench\`)

Measured ${results.at} on ${results.machine}; autocannon, ${connections} connections, ${duration} s per run.
The gateway runs in its own process (HTTP and workers, PROCESS_ROLE=all) on real PostgreSQL and Redis;
the fake Twilio API runs in the benchmark's process.

| measure | value |
| --- | --- |
| bare Express (baseline), req/s | ${fmt(results.bareExpress.requestsPerSecond)} |
| gateway intake (signed webhook, stored, enqueued), req/s | ${fmt(results.gatewayIntake.requestsPerSecond)} |
| **intake / bare Express** | **${fmt(results.intakeRatioToBareExpress, 2)}** (aim ≥ 0.50) |
| intake latency p50 / p99, ms | ${results.gatewayIntake.p50ms} / ${results.gatewayIntake.p99ms} |
| bare Express latency p50 / p99, ms | ${results.bareExpress.p50ms} / ${results.bareExpress.p99ms} |
| **end-to-end replies/s** (first request to last reply at fake Twilio) | **${fmt(results.endToEnd.repliesPerSecond)}** (aim ≥ 1000) |
| replies received | ${results.endToEnd.replies} of ${accepted} accepted |
| queue drained after the load stopped, s | ${fmt(results.endToEnd.drainSecondsAfterLoad, 1)} |
| exactly one reply per message | ${exactlyOne ? 'yes' : 'NO'} |

\`\`\`json
${JSON.stringify(results, null, 2)}
\`\`\`
`;
  writeFileSync(join(__dirname, 'results.md'), markdown);
  console.log(markdown);
  process.exit(exactlyOne ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
