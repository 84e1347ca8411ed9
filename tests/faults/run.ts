import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrate } from '../../adapters/db/migrate';
import { sqlImporter } from '../../adapters/db/importer';
import { postgresSql, type Sql } from '../../adapters/db/sql';
import { importDocument } from '../../gateway/api';
import { loadDemoData } from '../../gateway/demo/load';
import { FakeTelegram, telegramError } from '../support/telegramFake';
import { FakeTwilio, twilioError } from '../support/twilioFake';
import { schedulesOff, sleep, startProcess } from '../bench/support';
import { account } from './accounting';
import { Cluster } from './cluster';
import { dunningUnderFaults } from './dunning';
import { privatePostgres, privateRedis } from './services';
import { accountSid, actors, authToken, networkDocument, play, publicUrl, telegramSecret, telegramToken, twilioFrom } from './traffic';

/**
 * `npm run test:faults` (issue 17): the gateway as separate processes — two web, two workers — on
 * a PostgreSQL and a Redis of its own, under messages from 140 people by SMS and Telegram while
 * processes are SIGKILLed, Redis restarts empty, PostgreSQL crashes and recovers, and the providers
 * throttle, fail and lose answers. Then a dunning run of 10,000 reminders under a worker SIGKILL and
 * a Redis restart, and a million generated inputs through the parsers. The gate: lost 0, duplicated 0.
 * Results: tests/faults/results.md.
 */
const perActor = Number(process.env.FAULTS_MESSAGES_PER_PERSON ?? 37);
const reminders = Number(process.env.FAULTS_REMINDERS ?? 10_000);
const fuzzRuns = Number(process.env.FAULTS_FUZZ_RUNS ?? 1_000_000);

interface Fault {
  at: number;
  what: string;
  /** when the system was whole again: the process restarted, the service back, the storm over */
  over: number;
}

/** What a failed run must still stop: its own PostgreSQL and Redis, the gateway's processes. */
const cleanups: (() => Promise<unknown>)[] = [];

const runStarted = Date.now();

async function main(): Promise<void> {
  const runDir = mkdtempSync(join(tmpdir(), 'fl-faults-'));
  const [postgres, redis] = await Promise.all([privatePostgres(), privateRedis()]);
  cleanups.push(
    () => postgres.stop(),
    () => redis.stop(),
  );
  const twilio = new FakeTwilio();
  const telegram = new FakeTelegram();
  const [twilioUrl, telegramUrl] = await Promise.all([twilio.start(), telegram.start()]);
  const databaseUrl = postgres.url;
  const setup = postgresSql(databaseUrl, { max: 2 });
  await migrate(setup);
  const importer = sqlImporter(setup);
  await loadDemoData({ importer, config: { defaultCountry: 'CN' } as never });
  const imported = await importDocument(importer, 'CN', networkDocument());
  if (imported.errors.length) throw new Error(`importing the network: ${JSON.stringify(imported.errors.slice(0, 3))}`);
  await setup.close();

  const env = {
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis.url,
    QUEUE_PREFIX: 'faults',
    PUBLIC_URL: publicUrl,
    ADMIN_API_KEY: 'faults-admin-key',
    TWILIO_ACCOUNT_SID: accountSid,
    TWILIO_AUTH_TOKEN: authToken,
    TWILIO_FROM: twilioFrom,
    TWILIO_API_BASE_URL: twilioUrl,
    TELEGRAM_BOT_TOKEN: telegramToken,
    TELEGRAM_WEBHOOK_SECRET: telegramSecret,
    TELEGRAM_API_ROOT: telegramUrl,
    RATE_TWILIO_PER_SECOND: '0',
    RATE_TELEGRAM_PER_SECOND: '0',
    RATE_TELEGRAM_CHAT_PER_SECOND: '0',
    SEND_WINDOWS: '00:00-24:00',
    SALES_MAX_AGE_DAYS: '366',
    // The fake providers list a message the moment they take it: no listing delay to wait out.
    SETTLE_AFTER_SECONDS: '3',
    NLU_MODEL_FILE: join(runDir, 'nlu-model.json'),
    ...schedulesOff,
    LOG_LEVEL: 'info',
  };
  const cluster = new Cluster(env, runDir);
  cleanups.unshift(() => cluster.stop());
  const webPorts = [3000 + Math.floor(Math.random() * 5000), 0].map((p, i, [first]) => (i === 0 ? p : first! + 1));
  await cluster.start('worker-1', 'worker'); // trains the NLU model once; the others load it
  await Promise.all([cluster.start('worker-2', 'worker'), cluster.start('web-1', 'web', webPorts[0]), cluster.start('web-2', 'web', webPorts[1])]);
  const sql = postgresSql(databaseUrl, { max: 2 });

  // The providers: Twilio loses 0.5 % of its answers (it took the message), storms of 5xx and 429 with
  // Retry-After; Telegram's 429 with retry_after, and 403 for the users who blocked the bot.
  const all = actors(perActor);
  let redisBack!: () => void;
  const echoStarts = new Promise<void>((resolve) => (redisBack = resolve));
  for (const actor of all) if (actor.robot === 'echo') actor.startAfter = echoStarts;
  const blocked = new Set(all.filter((a) => a.blocked).map((a) => a.address));
  let storm = false;
  twilio.respondWith((request) => {
    if (request.method !== 'POST') return null;
    const r = Math.random();
    if (storm && r < 0.1) return twilioError(500, 20500, 'Internal Server Error');
    if (storm && r < 0.2) return { ...twilioError(429, 20429, 'Too Many Requests'), headers: { 'Retry-After': '1' } };
    return r > 0.995 ? 'reset' : null;
  });
  telegram.respondWith((call) => {
    if (call.method !== 'sendMessage') return null;
    if (blocked.has(String(call.body.chat_id))) return telegramError(403, 'Forbidden: bot was blocked by the user');
    if (storm && Math.random() < 0.15) return telegramError(429, 'Too Many Requests: retry after 1', { retry_after: 1 });
    return null;
  });

  const faults: Fault[] = [];
  const t0 = Date.now();
  const at = (seconds: number) => sleep(Math.max(0, t0 + seconds * 1000 - Date.now()));
  const fault = async (what: string, act: () => Promise<void>) => {
    const started = Date.now();
    await act();
    faults.push({ at: (started - t0) / 1000, what, over: (Date.now() - t0) / 1000 });
    console.log(`  ${((started - t0) / 1000).toFixed(1)} s: ${what} (whole again after ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  };
  const restartAfterKill = (name: string) => async () => {
    await cluster.kill(name);
    await sleep(1500);
    await cluster.restart(name);
  };
  const schedule = (async () => {
    await at(8);
    await fault('SIGKILL worker-1, restarted', restartAfterKill('worker-1'));
    await at(18);
    await fault('SIGKILL web-1, restarted', restartAfterKill('web-1'));
    await at(28);
    await fault('Redis killed, restarted empty', () => redis.crashAndRestart(1500));
    setTimeout(redisBack, 1000);
    await at(36);
    await fault('provider storm: Twilio 10 % 500 and 10 % 429 (Retry-After 1), Telegram 15 % 429 (retry_after 1), for 10 s', async () => {
      storm = true;
      await sleep(10_000);
      storm = false;
    });
    await at(50);
    await fault('PostgreSQL crashed (immediate stop), restarted', () => postgres.crashAndRestart(2000));
    await at(58);
    await fault('SIGKILL worker-2, restarted', restartAfterKill('worker-2'));
  })();

  console.log(`fault run: ${all.length} people, ${all.length * perActor} messages, 2 web + 2 worker processes`);
  const answersTo = (actor: (typeof all)[number]) =>
    actor.channel === 'sms' ? (twilio.acceptedFor.get(actor.address) ?? 0) : (telegram.deliveredTo.get(actor.address) ?? 0);
  const traffic = await play(all, { webUrls: () => cluster.webUrls(), answersTo, intervalMs: 1900, patienceMs: 8000, duplicateRate: 0.04 });
  await schedule;
  const trafficSeconds = (Date.now() - t0) / 1000;
  const lastFaultOver = Math.max(...faults.map((f) => f.over));
  const drainedAt = await drained(sql, traffic.sent);
  await sleep(3000); // anything sent twice would arrive here
  const result = await account(sql, traffic.sent, all, twilio, telegram);

  const guardAndSettling = await sql.query<{ what: string; n: number }>(
    `select 'slowed' as what, count(*)::int as n from outbox where body like 'Your messages are arriving faster%' or body like '您的消息发送过快%'
     union all select 'unanswered', count(*)::int from inbox where reading ->> 'outcome' = 'unanswered'
     union all select 'found at the provider', count(*)::int from outbox where settlement = 'the provider had it'
     union all select 'sent again', count(*)::int from outbox where settlement is not null and settlement <> 'the provider had it'`,
  );
  const tally = Object.fromEntries(guardAndSettling.map((r) => [r.what, r.n]));

  // Part 4: proactive work under faults.
  const dunning = await dunningUnderFaults({ sql, cluster, redis, twilio, reminders, adminKey: env.ADMIN_API_KEY });

  // Part 5 at volume, and the logs of the whole run.
  const fuzz = await runFuzz(fuzzRuns);
  const logs = [...cluster.processes.values()].map((p) => readFileSync(p.logFile, 'utf8')).join('\n');
  const numbers = [...all.filter((a) => a.channel === 'sms').map((a) => a.address), ...dunning.sampleNumbers];
  const leakedNumbers = numbers.filter((n) => logs.includes(n) || logs.includes(n.slice(1)));
  const leakedTexts = ['SALES 20', 'ORDER A100', 'STOCK A100'].filter((t) => logs.includes(t));

  await sql.close();
  await Promise.all([twilio.stop(), telegram.stop()]);
  for (const cleanup of cleanups.splice(0)) await cleanup();
  const pass =
    result.lost.length === 0 &&
    result.duplicated.length === 0 &&
    result.notAccepted === 0 &&
    result.business.salesDoubled === 0 &&
    result.business.salesReports === result.business.salesMessages &&
    result.business.ordersDoubled === 0 &&
    result.heldBackAsEcho === 3 &&
    tally.slowed === 1 &&
    dunning.exactlyOnce &&
    fuzz.failures.length === 0 &&
    leakedNumbers.length === 0 &&
    leakedTexts.length === 0 &&
    cluster.crashes.length === 0;
  const report = {
    at: new Date().toISOString(),
    machine: `${cpus().length} cores, node ${process.version}; PostgreSQL, Redis, 4 gateway processes, the fakes and the load share them`,
    pass,
    messages: {
      people: all.length,
      sent: traffic.sent.length,
      duplicatesPosted: traffic.duplicatesPosted,
      webhookPosts: traffic.sent.reduce((n, s) => n + s.posts, 0),
      accepted: result.accepted,
      notAccepted: result.notAccepted,
      replied: result.replied,
      refusedByRecipient: result.refusedByRecipient,
      heldBackAsEcho: result.heldBackAsEcho,
      lost: result.lost.length,
      duplicated: result.duplicated.length,
      repeatedByTelegramRule: result.repeatedByTelegramRule.length,
    },
    answers: answerTimes(traffic.sent.filter((s) => !all.find((a) => a.id === s.actor)?.robot)),
    guard: { slowedNotices: tally.slowed ?? 0, unanswered: tally.unanswered ?? 0 },
    unknownOutcomesSettled: { foundAtProvider: tally['found at the provider'] ?? 0, sentAgain: tally['sent again'] ?? 0 },
    business: result.business,
    faults,
    crashes: cluster.crashes,
    seconds: {
      total: (Date.now() - runStarted) / 1000,
      traffic: trafficSeconds,
      lastFaultOver,
      drained: drainedAt === null ? null : (drainedAt - t0) / 1000,
      lastFaultToDrained: drainedAt === null ? null : (drainedAt - t0) / 1000 - lastFaultOver,
    },
    providers: {
      twilioRequests: twilio.messages.length,
      twilioTaken: twilio.accepted.length,
      twilioListLookups: twilio.requests.filter((r) => r.method === 'GET').length,
      telegramSendCalls: telegram.sent().length,
      telegramTaken: telegram.delivered.length,
    },
    dunning,
    fuzz,
    logs: { lines: logs.split('\n').length, leakedNumbers: leakedNumbers.slice(0, 5), leakedTexts },
    lostSample: result.lost.slice(0, 20),
    duplicatedSample: result.duplicated.slice(0, 20),
  };
  writeResults(report);
  if (pass) rmSync(runDir, { recursive: true, force: true });
  else console.log(`the processes' logs: ${runDir}`);
  process.exit(pass ? 0 : 1);
}

/** How long people waited for their answers: the median and the 95th percentile, and how many gave up waiting. */
function answerTimes(sent: { answeredMs: number | null }[]) {
  const times = sent
    .map((s) => s.answeredMs)
    .filter((t): t is number => t !== null)
    .sort((a, b) => a - b);
  return {
    p50ms: times[Math.floor(times.length / 2)] ?? null,
    p95ms: times[Math.floor(times.length * 0.95)] ?? null,
    gaveUpWaiting: sent.length - times.length,
  };
}

/** Waits until every accepted message is processed and nothing is waiting to be sent; the time it happened, or null after 4 minutes. */
async function drained(sql: Sql, sent: { key: string; accepted: boolean }[]): Promise<number | null> {
  const keys = [...new Set(sent.filter((s) => s.accepted).map((s) => s.key))];
  const giveUpAt = Date.now() + 240_000;
  while (Date.now() < giveUpAt) {
    const [row] = await sql
      .query<{ unprocessed: number; unsent: number; stored: number }>(
        `select (select count(*)::int from inbox where status = 'received') as unprocessed,
                (select count(*)::int from inbox where transport || ':' || external_id = any($1::text[])) as stored,
                (select count(*)::int from outbox where status in ('pending', 'sending', 'unknown') and coalesce(not_before, now()) <= now()) as unsent`,
        [keys],
      )
      .catch(() => [undefined]);
    if (row && row.unprocessed === 0 && row.unsent === 0 && row.stored === keys.length) return Date.now();
    await sleep(250);
  }
  return null;
}

/** A million generated inputs through the parsers, in a process of its own (tests/faults/fuzz.ts). */
async function runFuzz(runs: number): Promise<{ runs: number; seconds: number; failures: string[]; perProperty: Record<string, number> }> {
  const child = startProcess('tests/faults/fuzz.ts', { FUZZ_RUNS: String(runs) }, { stdout: 'pipe' });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(output.trim().split('\n').at(-1)!);
}

function writeResults(report: Record<string, any>): void {
  const m = report.messages;
  const s = report.seconds;
  const d = report.dunning;
  const f = (n: number | null | undefined, digits = 1) => (n === null || n === undefined ? '—' : n.toFixed(digits));
  const markdown = `# Fault run (\`npm run test:faults\`)

Measured ${report.at} on ${report.machine}. **${report.pass ? 'PASS' : 'FAIL'}**: lost ${m.lost}, duplicated ${m.duplicated}.

Two web and two worker processes (\`npm start\` with PROCESS_ROLE), a PostgreSQL and a Redis of the run's own; ${m.people} people
writing by signed Twilio webhooks and Telegram updates (dealers ordering and asking, promoters reporting sell-out); fake Twilio and
Telegram APIs reached through the real SDKs.

| measure | value |
| --- | --- |
| messages sent (webhooks posted, incl. provider retries; duplicates posted on purpose) | ${m.sent} (${m.webhookPosts}; ${m.duplicatesPosted}) |
| accepted by the gateway / not accepted | ${m.accepted} / ${m.notAccepted} |
| replied (answer at the provider) | ${m.replied} |
| time to the answer, p50 / p95 ms; gave up waiting (8 s) | ${report.answers.p50ms} / ${report.answers.p95ms}; ${report.answers.gaveUpWaiting} |
| refused by the recipient (Telegram 403: blocked the bot) | ${m.refusedByRecipient} |
| an auto-responder's bounces no longer answered (the traffic guard: ${'>'}5 of one text in 10 min) | ${m.heldBackAsEcho} |
| **lost** | **${m.lost}** |
| **duplicated** (sent twice, or answered twice) | **${m.duplicated}** |
| Telegram messages repeated by its rule (in flight at a SIGKILL; Telegram cannot be asked, so it is sent again: \`whenOutcomeUnknowable\`) | ${m.repeatedByTelegramRule} |
| sell-out reports written / SALES messages accepted / doubled | ${report.business.salesReports} / ${report.business.salesMessages} / ${report.business.salesDoubled} |
| orders written / confirmed once / doubled or unconfirmed | ${report.business.orders} / ${report.business.ordersConfirmed} / ${report.business.ordersDoubled} |
| whole run, s; traffic, s; last fault over at, s | ${f(s.total)}; ${f(s.traffic)}; ${f(s.lastFaultOver)} |
| **last fault to drained, s** | **${f(s.lastFaultToDrained)}** |
| traffic guard: senders told they were slowed / messages left unanswered (loops, SMS pumping) | ${report.guard.slowedNotices} / ${report.guard.unanswered} |
| unknown outcomes settled (before the dunning run): found at the provider / sent again | ${report.unknownOutcomesSettled.foundAtProvider} / ${report.unknownOutcomesSettled.sentAgain} |
| Twilio: requests / taken / list lookups (settling unknown outcomes) | ${report.providers.twilioRequests} / ${report.providers.twilioTaken} / ${report.providers.twilioListLookups} |
| Telegram: sendMessage calls / taken | ${report.providers.telegramSendCalls} / ${report.providers.telegramTaken} |
| dunning: reminders planned / sent / distinct recipients / planned by a repeated run | ${d.planned} / ${d.sent} / ${d.distinct} / ${d.replanned} |
| dunning: exactly once under ${d.faults.join(', ')} | ${d.exactlyOnce ? 'yes' : 'NO'} (${f(d.seconds)} s) |
| generated inputs through the parsers (lexer, location, import document, Telegram update) | ${report.fuzz.runs} in ${f(report.fuzz.seconds)} s, ${report.fuzz.failures.length} failures |
| logs: lines; phone numbers or message texts found in them | ${report.logs.lines}; ${report.logs.leakedNumbers.length + report.logs.leakedTexts.length} |
| gateway processes that crashed by themselves | ${report.crashes.length}${report.crashes.length ? ` (${report.crashes.join('; ')})` : ''} |

Faults (seconds from the start of the traffic):

${report.faults.map((x: { at: number; what: string; over: number }) => `- ${f(x.at)}: ${x.what} (whole again at ${f(x.over)})`).join('\n')}

\`\`\`json
${JSON.stringify(report, null, 2)}
\`\`\`
`;
  writeFileSync(join(__dirname, 'results.md'), markdown);
  console.log(markdown);
}

main().catch(async (error) => {
  console.error(error);
  for (const cleanup of cleanups) await cleanup().catch(() => undefined);
  process.exit(1);
});
