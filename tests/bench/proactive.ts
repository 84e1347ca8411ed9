import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { postgresSql } from '../../adapters/db/sql';
import { migrate } from '../../adapters/db/migrate';
import { batchSize } from '../../adapters/queue/queues';
import { FakeTwilio } from '../support/twilioFake';
import { cpuMeter, perMessage } from './cpu';
import { arrivals, peakRss, stopProcess, waitHealthy } from './load';
import { twilioSdkAlone } from './phases';
import { buildOnce, childRate, customersOwingIn3Days, guardOff, pgBase, redisUrl, sleep, startGateway } from './support';

/**
 * `npm run bench` (second part): a dunning run over 1,000,000 customers, planned as production plans
 * it (POST /api/v1/jobs/dunning/run to a gateway started as npm start starts it: compiled, with its
 * heap cap), then dispatched by a worker process (PROCESS_ROLE=worker, real PostgreSQL and Redis, the
 * contact policy on, provider rate limits and quiet hours lifted) to a fake Twilio through the real
 * SDK. The baselines, in the same run: a bare BullMQ worker doing no-op jobs with the same
 * concurrency, and the twilio SDK alone. Results: tests/bench/proactive-results.md.
 */
const benchDb = 'fieldline_bench_proactive';
const reminders = Number(process.env.BENCH_REMINDERS ?? 1_000_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);
const adminKey = 'bench-admin-key-0123456789';

const bareWorker = (prefix: string) =>
  childRate<{ jobsPerSecond: number; seconds: number }>('tests/bench/bareWorker.ts', {
    REDIS_URL: redisUrl,
    JOBS: String(Math.min(reminders, 100_000)),
    CONCURRENCY: String(concurrency),
    PREFIX: prefix,
  });

/** POST /api/v1/jobs/dunning/run as of `at`: the job's report, and how long the call took. */
async function runDunning(url: string, at: Date): Promise<{ planned: number; released: number; seconds: number }> {
  const started = Date.now();
  const response = await fetch(`${url}/api/v1/jobs/dunning/run`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ at: at.toISOString() }),
    signal: AbortSignal.timeout(600_000),
  });
  if (!response.ok) throw new Error(`the dunning run answered ${response.status}: ${await response.text()}`);
  const report = (await response.json()) as { planned: number; released: number };
  return { ...report, seconds: (Date.now() - started) / 1000 };
}

async function main(): Promise<void> {
  buildOnce();
  const admin = postgresSql(`${pgBase}/postgres`, { max: 1 });
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.query(`create database ${benchDb}`);
  const databaseUrl = `${pgBase}/${benchDb}`;
  const sql = postgresSql(databaseUrl, { max: 2 });
  await migrate(sql);
  const twilio = new FakeTwilio();
  const twilioUrl = await twilio.start();
  const prefix = `benchp${process.pid}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    ADMIN_API_KEY: adminKey,
    TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
    TWILIO_AUTH_TOKEN: 'bench-auth-token',
    TWILIO_FROM: '+15005550006',
    TWILIO_API_BASE_URL: twilioUrl,
    RATE_TWILIO_PER_SECOND: '0',
    ...guardOff,
    SEND_WINDOWS: '00:00-24:00',
    OUTBOUND_CONCURRENCY: String(concurrency),
    LOG_LEVEL: 'warn',
  };
  // A dealer network of `reminders` people, each with one invoice whose −3 step falls today.
  await sql.query(`insert into dealers (code, name, credit_limit) values ('BENCH', 'Bench dealer', 0)`);
  await customersOwingIn3Days(sql, reminders, 'P');

  // 1. Plan and release, in a web process (no worker yet: what it releases waits in the queue).
  const planner = startGateway({ ...env, PORT: '3930', PROCESS_ROLE: 'web' });
  await waitHealthy('http://127.0.0.1:3930');
  const planRss = peakRss([planner]);
  const planCpu = cpuMeter([planner]);
  const at = new Date();
  const plan = await runDunning('http://127.0.0.1:3930', at);
  const planUsed = planCpu.read();
  const rerun = await runDunning('http://127.0.0.1:3930', at);
  const [planPeakMb] = planRss.stop();
  await stopProcess(planner);

  // 2. Dispatch: a worker process sends everything queued; timed from the first arrival to the last.
  const worker = startGateway({ ...env, PORT: '0', PROCESS_ROLE: 'worker' });
  const dispatchRss = peakRss([worker]);
  while (twilio.messages.length === 0) await sleep(20);
  const dispatchCpu = cpuMeter([worker]);
  await twilio.waitForMessages(reminders, 1_200_000);
  const dispatchUsed = dispatchCpu.read();
  await sleep(1000); // a duplicate would show up here
  const [dispatchPeakMb] = dispatchRss.stop();
  await stopProcess(worker);
  const arrived = arrivals(twilio);
  const dispatchSeconds = (arrived.last - arrived.first) / 1000;
  const sent = twilio.messages.length;
  const distinct = new Set(twilio.messages.map((m) => m.form.To)).size;
  const [{ n: recorded }] = (await sql.query<{ n: number }>(`select count(*)::int as n from outbox where sent_at is not null and status = 'queued'`)) as [
    { n: number },
  ];

  // 3. The baselines, on the same machine in the same run.
  const bare = await bareWorker(`${prefix}bare`);
  twilio.reset();
  const sdk = await twilioSdkAlone(twilio, env, concurrency, 'ours');
  const stockSdk = await twilioSdkAlone(twilio, env, concurrency, 'sdk');

  await twilio.stop();
  const redis = new IORedis(redisUrl);
  const keys = [...(await redis.keys(`${prefix}:*`)), ...(await redis.keys(`${prefix}bare:*`))];
  for (let i = 0; i < keys.length; i += 10_000) await redis.del(...keys.slice(i, i + 10_000));
  redis.disconnect();
  await sql.close();
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.close();

  const dispatchRate = sent / dispatchSeconds;
  const results = {
    at: new Date().toISOString(),
    machine: `${cpus().length} cores, node ${process.version}; PostgreSQL, Redis, the gateway and the fake Twilio share them`,
    reminders,
    concurrency,
    plan: {
      planned: plan.planned,
      released: plan.released,
      seconds: plan.seconds,
      remindersPerSecond: plan.planned / plan.seconds,
      peakRssMb: planPeakMb,
      cpuMsPerReminder: perMessage(planUsed, plan.planned),
      rerunPlanned: rerun.planned,
    },
    dispatch: {
      sent,
      distinctRecipients: distinct,
      recordedSent: Number(recorded),
      seconds: dispatchSeconds,
      messagesPerSecond: dispatchRate,
      peakRssMb: dispatchPeakMb,
      cpuMsPerMessage: perMessage(dispatchUsed, sent),
    },
    bareBullmqNoop: bare,
    dispatchRatioToBareWorker: dispatchRate / bare.jobsPerSecond,
    twilioSdkAlone: sdk,
    twilioSdkAloneWithItsOwnClient: stockSdk,
    dispatchRatioToSdkAlone: dispatchRate / sdk.messagesPerSecond,
    exactlyOnce: sent === reminders && distinct === reminders && plan.planned === reminders && rerun.planned === 0,
  };
  const f = (n: number, digits = 0) => n.toFixed(digits);
  const cpuRow = (name: string, ms: ReturnType<typeof perMessage>) =>
    `| ${name} | ${ms.measured} | ${ms.load} | ${ms.postgres} | ${ms.redis} | ${ms.total} | ${f((cpus().length * 1000) / ms.total)} |`;
  const markdown = `# Proactive benchmark (\`npm run bench\`, second part)

Measured ${results.at} on ${results.machine}.
${reminders} customers in Asia/Shanghai, each with an open invoice whose −3 dunning step falls today. Planning is
\`POST /api/v1/jobs/dunning/run\` to a gateway process started as \`npm start\` starts it (compiled, 256 MB heap cap):
invoices read in pages, reminders rendered in en/zh and inserted a page at a time, those whose window is open
released with their insert and queued in batches of ${batchSize}. Dispatch runs in a PROCESS_ROLE=worker process
(concurrency ${concurrency}) with the contact policy on (opt-out, reason still holding, daily cap of 3 counted per
recipient, quiet hours set to all day) and provider rate limits lifted, through the real twilio SDK to a fake Twilio.

| measure | value |
| --- | --- |
| **plan and release ${plan.planned} reminders, s** (reminders/s) | **${f(plan.seconds, 1)}** (${f(results.plan.remindersPerSecond)}; aim ≤ 60 s) |
| the planning process's peak RSS, MB | ${planPeakMb} |
| the same run again plans | ${rerun.planned} |
| dispatch, messages/s (first to last arrival at the fake Twilio, ${f(dispatchSeconds, 1)} s) | ${f(dispatchRate)} |
| the dispatching worker's peak RSS, MB | ${dispatchPeakMb} |
| bare BullMQ worker, no-op jobs/s (same concurrency, ${Math.min(reminders, 100_000)} jobs) | ${f(bare.jobsPerSecond)} |
| **dispatch / bare worker** | **${f(results.dispatchRatioToBareWorker, 2)}** (aim ≥ 0.50) |
| the twilio SDK alone to the same fake, messages/s (${concurrency} in flight, no database, queue or policy): as the gateway sends (node http); with its own client (axios) | ${f(sdk.messagesPerSecond)}; ${f(stockSdk.messagesPerSecond)} |
| dispatch / the SDK alone as the gateway sends | ${f(results.dispatchRatioToSdkAlone, 2)} |
| each reminder sent exactly once (${sent} received, ${distinct} distinct recipients, ${recorded} recorded sent) | ${results.exactlyOnce ? 'yes' : 'NO'} |

CPU per message, ms (user + system, from /proc): the process measured; this process (the fake Twilio); PostgreSQL;
Redis; and the rate ${cpus().length} fully used cores would allow at that cost.

| phase | measured | fake | PostgreSQL | Redis | total | ${cpus().length} cores allow, /s |
| --- | --- | --- | --- | --- | --- | --- |
${cpuRow('planning (the gateway process)', results.plan.cpuMsPerReminder)}
${cpuRow('dispatch (the worker process)', results.dispatch.cpuMsPerMessage)}
${cpuRow('the twilio SDK alone, as the gateway sends', sdk.cpuMs)}
${cpuRow('the twilio SDK alone, with its own client', stockSdk.cpuMs)}

\`\`\`json
${JSON.stringify(results, null, 2)}
\`\`\`
`;
  writeFileSync(join(__dirname, 'proactive-results.md'), markdown);
  console.log(markdown);
  process.exit(results.exactlyOnce ? 0 : 1);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
