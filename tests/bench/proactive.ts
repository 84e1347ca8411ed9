import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import IORedis from 'ioredis';
import { postgresSql } from '../../adapters/db/sql';
import { loadConfig } from '../../gateway/config';
import { batchSize } from '../../adapters/queue/queues';
import { runJob } from '../../gateway/jobs';
import { createRuntime } from '../../gateway/runtime';
import { FakeTwilio } from '../support/twilioFake';
import { childRate, customersOwingIn3Days, guardOff, pgBase, redisUrl, sleep, startProcess } from './support';

/**
 * `npm run bench` (second part): plan and enqueue 100,000 dunning reminders, then dispatch them
 * from a worker process (PROCESS_ROLE=worker, real PostgreSQL and Redis, the contact policy on,
 * provider rate limits and quiet hours lifted) to a fake Twilio reached through the real SDK. The
 * baseline, in the same run: a bare BullMQ worker doing no-op jobs with the same concurrency.
 * Results: tests/bench/proactive-results.md.
 */
const benchDb = 'fieldline_bench_proactive';
const reminders = Number(process.env.BENCH_REMINDERS ?? 100_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 64);

const bareWorker = (prefix: string) =>
  childRate<{ jobsPerSecond: number; seconds: number }>('tests/bench/bareWorker.ts', {
    REDIS_URL: redisUrl,
    JOBS: String(reminders),
    CONCURRENCY: String(concurrency),
    PREFIX: prefix,
  });

/** Runs a measuring script in a process of its own; it prints its result as JSON. */
async function main(): Promise<void> {
  const admin = postgresSql(`${pgBase}/postgres`, { max: 1 });
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.query(`create database ${benchDb}`);
  const databaseUrl = `${pgBase}/${benchDb}`;
  const twilio = new FakeTwilio();
  const twilioUrl = await twilio.start();
  const prefix = `benchp${process.pid}`;
  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
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
  const runtime = await createRuntime(loadConfig(env));
  const { sql } = runtime;
  // A dealer network of `reminders` people, each with one invoice whose −3 step falls today.
  const at = new Date();
  await sql.query(`insert into dealers (code, name, credit_limit) values ('BENCH', 'Bench dealer', 0)`);
  await customersOwingIn3Days(sql, reminders, 'P');

  // 1. Plan and enqueue, as POST /api/v1/jobs/dunning/run does.
  const planStarted = Date.now();
  const report = await runJob(runtime, 'dunning', at);
  const planSeconds = (Date.now() - planStarted) / 1000;
  const rerun = await runJob(runtime, 'dunning', at);

  // 2. Dispatch: a worker process sends everything queued; timed from the first arrival to the last.
  // BENCH_PROFILE=dir: a CPU profile of the worker process, for finding where dispatch spends its time.
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const worker = startProcess('gateway/main.ts', { ...env, PORT: '0', PROCESS_ROLE: 'worker' }, { nodeArgs: profile });
  await twilio.waitForMessages(reminders, 600_000);
  await sleep(1000); // a duplicate would show up here
  worker.kill('SIGTERM');
  await new Promise((resolve) => worker.once('exit', resolve));
  const arrivals = twilio.messages.map((m) => m.at);
  const dispatchSeconds = (Math.max(...arrivals) - Math.min(...arrivals)) / 1000;
  const sent = twilio.messages.length;
  const distinct = new Set(twilio.messages.map((m) => m.form.To)).size;
  const [{ n: gated }] = (await sql.query<{ n: number }>(`select count(*)::int as n from outbox where sent_at is not null and status = 'queued'`)) as [
    { n: number },
  ];

  // 3. The baseline, on the same machine in the same run; and the provider client alone, for reference.
  const bare = await bareWorker(`${prefix}bare`);
  twilio.reset();
  const sdk = await childRate<{ messagesPerSecond: number; seconds: number }>('tests/bench/sdkCeiling.ts', {
    ...env,
    MESSAGES: String(Math.min(reminders, 20_000)),
    IN_FLIGHT: String(concurrency * batchSize),
  });

  await twilio.stop();
  const redis = new IORedis(redisUrl);
  const keys = [...(await redis.keys(`${prefix}:*`)), ...(await redis.keys(`${prefix}bare:*`))];
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  await runtime.close();
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.close();

  const dispatchRate = sent / dispatchSeconds;
  const results = {
    at: new Date().toISOString(),
    machine: `${cpus().length} cores, node ${process.version}; PostgreSQL, Redis, the worker and the fake Twilio share them`,
    reminders,
    concurrency,
    plan: {
      planned: report.planned,
      released: report.released,
      seconds: planSeconds,
      remindersPerSecond: report.planned / planSeconds,
      rerunPlanned: rerun.planned,
    },
    dispatch: { sent, distinctRecipients: distinct, recordedSent: Number(gated), seconds: dispatchSeconds, messagesPerSecond: dispatchRate },
    bareBullmqNoop: bare,
    dispatchRatioToBareWorker: dispatchRate / bare.jobsPerSecond,
    twilioSdkAlone: sdk,
    dispatchRatioToSdkAlone: dispatchRate / sdk.messagesPerSecond,
    exactlyOnce: sent === reminders && distinct === reminders && report.planned === reminders && rerun.planned === 0,
  };
  const f = (n: number, digits = 0) => n.toFixed(digits);
  const markdown = `# Proactive dispatch benchmark (\`npm run bench\`, second part)

Measured ${results.at} on ${results.machine}.
${reminders} customers in Asia/Shanghai, each with an open invoice whose −3 dunning step falls today.
Planning runs the \`dunning\` job in-process (query, ladder, rendering in en/zh, one outbox insert per 5,000 rows,
BullMQ addBulk per 5,000); dispatch runs in a PROCESS_ROLE=worker process (concurrency ${concurrency}) with the contact
policy on (opt-out, reason still holding, daily cap of 3 counted per recipient, quiet hours set to all day) and
provider rate limits lifted, sending through the real twilio SDK to a fake Twilio API.

| measure | value |
| --- | --- |
| plan and enqueue ${report.planned} reminders, s (reminders/s) | ${f(planSeconds, 1)} (${f(results.plan.remindersPerSecond)}) |
| the same run again plans | ${rerun.planned} |
| dispatch, messages/s (first to last arrival at the fake Twilio, ${f(dispatchSeconds, 1)} s) | ${f(dispatchRate)} |
| bare BullMQ worker, no-op jobs/s (same concurrency, ${reminders} jobs) | ${f(bare.jobsPerSecond)} |
| **dispatch / bare worker** | **${f(results.dispatchRatioToBareWorker, 2)}** (aim ≥ 0.50) |
| the twilio SDK alone to the same fake, messages/s (${concurrency * batchSize} in flight, no database, queue or policy) | ${f(sdk.messagesPerSecond)} |
| dispatch / the SDK alone | ${f(results.dispatchRatioToSdkAlone, 2)} |
| each reminder sent exactly once (${sent} received, ${distinct} distinct recipients) | ${results.exactlyOnce ? 'yes' : 'NO'} |

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
