import { cpus } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import IORedis from 'ioredis';
import { FakeTwilio } from '../support/twilioFake';
import { parseLocation } from '../../commands/location';
import { buildOnce, redisUrl, startGateway, startProcess } from './support';
import {
  arrivals,
  benchGatewayEnv,
  demoDatabase,
  connections,
  count,
  drained,
  drivers,
  duration,
  freeTextQuestion,
  locationPing,
  stockQuery,
  stopProcess,
  summary,
  vacuumed,
} from './load';
import { cpuMeter, perMessage } from './cpu';
import { endToEnd, fixedRate, lowerRates, saturate, scaledOut, steadyAndMemory, twilioSdkAlone, type Saturated } from './phases';

/**
 * `npm run bench`: signed Twilio webhooks carrying STOCK queries, driven by autocannon against the
 * gateway (its own processes, real PostgreSQL and Redis) and measured end to end at a fake Twilio
 * API; bare Express is measured the same way in the same run. Phases:
 *   1. bare Express answering the same POST (the baseline);
 *   2. intake alone: PROCESS_ROLE=web, no worker running (messages queue up);
 *   3. processing alone: a PROCESS_ROLE=worker process drains what phase 2 queued;
 *   4. all in one process (PROCESS_ROLE=all) under the same load, end to end, and the same with free-text
 *      questions ("A100还有货吗", "how much is B200 for me": understood by the NLU model in the worker,
 *      answered as STOCK and PRICE), in the order STOCK, free text, free text, STOCK; the twilio SDK alone
 *      (the end-to-end reference) just before and just after them. The machine's speed drifts over minutes
 *      (another tenant, another host), so each ratio compares means of loads that bracket each other;
 *   5. scaled out (two web and two worker processes, the load split between the webs), with each process's peak RSS;
 *   6. the same with drivers' location pings (LOC) instead of STOCK queries, and the location parser
 *      alone on one core;
 *   7. latency at a fixed, evenly spaced 1,000 webhooks a second (tests/bench/steady.ts) on bare Express and
 *      on the gateway; memory over three equal loads; the twilio SDK as the gateway sends it, alone.
 * Each phase also counts the CPU a message cost in each process (tests/bench/cpu.ts).
 * Results: tests/bench/results.md.
 */
const benchDb = 'fieldline_bench';
/** bare Express and intake alone run alternately this many times: this machine's load varies by ±15 % from run to run */
const rounds = Number(process.env.BENCH_ROUNDS ?? 2);
/** The location parser alone, on this process's one core, over the forms drivers send. */
function parseThroughput(): { textsPerSecond: number; texts: number } {
  const forms = [
    'LOC 31.2304 121.4737',
    '31.2304,121.4737',
    'geo:31.2304,121.4737;u=12',
    'https://maps.google.com/?q=31.2304,121.4737',
    'http://maps.apple.com/?ll=31.2304,121.4737',
    'https://www.openstreetmap.org/?mlat=31.2304&mlon=121.4737',
    'lat:31.2304 long:121.4737 speed:35.0 T:26/11/23 10:05',
    '31°13\'49.4"N 121°28\'25.3"E',
    '$A#A#864161028848856#A#182134#090116#2232.0191#N#08821.3278#E#001.74',
  ];
  let texts = 0;
  const started = Date.now();
  while (Date.now() - started < 3000) {
    for (const text of forms) parseLocation(text);
    texts += forms.length;
  }
  return { texts, textsPerSecond: texts / ((Date.now() - started) / 1000) };
}

const meanOf = (values: readonly number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
/** CPU a message, part by part, over loads of the same size (each the mean of the runs'). */
const meanCpu = (runs: readonly ReturnType<typeof perMessage>[]): ReturnType<typeof perMessage> => {
  const part = (key: keyof ReturnType<typeof perMessage>) => Math.round(meanOf(runs.map((r) => r[key])) * 1000) / 1000;
  return { measured: part('measured'), load: part('load'), postgres: part('postgres'), redis: part('redis'), total: part('total') };
};

async function main(): Promise<void> {
  buildOnce();
  const { admin, sql, databaseUrl } = await demoDatabase(benchDb);
  await sql.query(
    `insert into people (id, name, role, phone, language) select 'BenchDriver' || i, 'Driver ' || i, 'driver', p, 'en' from unnest($1::text[]) with ordinality as d(p, i)`,
    [drivers],
  );

  const twilio = new FakeTwilio();
  const twilioUrl = await twilio.start();
  const [{ id: installation }] = (await sql.query<{ id: string }>('select id from installation')) as [{ id: string }];
  const prefix = `bench${process.pid}`;
  const gatewayEnv = benchGatewayEnv(databaseUrl, twilioUrl, prefix);
  // The SDK alone sends to a fake of its own (the same code in this process): the gateway's fake counts only the gateway's replies.
  const reference = new FakeTwilio();
  const referenceEnv = { ...gatewayEnv, TWILIO_API_BASE_URL: await reference.start() };

  // 1 and 2, alternately: bare Express (the baseline), then intake alone.
  const bares: Saturated[] = [];
  const webs: Saturated[] = [];
  for (let round = 0; round < rounds; round++) {
    bares.push(await saturate(() => startProcess('tests/bench/bareExpress.ts', { PORT: '3901' }), 'http://127.0.0.1:3901'));
    webs.push(await saturate(() => startGateway({ ...gatewayEnv, PORT: '3902', PROCESS_ROLE: 'web' }), 'http://127.0.0.1:3902'));
  }
  const baselines = bares.map((b) => b.result);
  const intakes = webs.map((w) => w.result);
  const webPeaks = webs.map((w) => w.peakMb);
  const mean = (results: autocannon.Result[]) => results.reduce((sum, r) => sum + r.requests.average, 0) / results.length;
  const baseline = baselines.at(-1)!;
  const intake = intakes.at(-1)!;
  const baselineRate = mean(baselines);
  const intakeRate = mean(intakes);
  const queued = await count(sql, 'select count(*)::int as n from inbox');

  // 3. Processing alone: a worker drains the queue; timed (and its CPU counted) from its first reply to its last.
  await vacuumed(sql);
  const worker = startGateway({ ...gatewayEnv, PORT: '0', PROCESS_ROLE: 'worker' });
  while (twilio.messages.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
  const processingCpu = cpuMeter([worker]);
  await drained(sql, twilio);
  const processingUsed = processingCpu.read();
  await stopProcess(worker);
  const processed = arrivals(twilio);
  const processingSeconds = (processed.last - processed.first) / 1000;

  // 4. All in one process, under load, end to end: STOCK, free text, free text, STOCK, between two runs of the
  // twilio SDK alone as Twilio ships it (axios), the end-to-end reference.
  const sdkRuns = [await twilioSdkAlone(reference, referenceEnv, connections, 'sdk')];
  const stocks = [await endToEnd(sql, twilio, gatewayEnv, 3903, stockQuery)];
  const understoods = [await endToEnd(sql, twilio, gatewayEnv, 3905, freeTextQuestion)];
  understoods.push(await endToEnd(sql, twilio, gatewayEnv, 3905, freeTextQuestion));
  stocks.push(await endToEnd(sql, twilio, gatewayEnv, 3903, stockQuery));
  sdkRuns.push(await twilioSdkAlone(reference, referenceEnv, connections, 'sdk'));
  // 5. The same load, scaled out: two web and two worker processes.
  const scaled = await scaledOut(sql, twilio, gatewayEnv, [3906, 3907]);
  // 6. Drivers' pings (stored ping, arrival check, reply).
  const pingsBefore = await count(sql, 'select count(*)::int as n from pings');
  const pings = await endToEnd(sql, twilio, gatewayEnv, 3904, locationPing);
  const pingsStored = (await count(sql, 'select count(*)::int as n from pings')) - pingsBefore;
  // 7. Latency at a fixed 1,000 webhooks/s beside bare Express; memory over three equal loads; the twilio SDK as the gateway sends it (over node's http).
  const steady = await steadyAndMemory(sql, twilio, gatewayEnv, 3909);
  const sent = twilio.messages.slice();
  const sdk = await twilioSdkAlone(reference, referenceEnv, connections, 'ours');
  const sdkCpuMs = sdk.cpuMs;
  await twilio.stop();
  await reference.stop();
  const stock = stocks.at(-1)!;
  const { result: mixed } = stock;
  const { result: pinging } = pings;
  const stockRate = meanOf(stocks.map((s) => s.repliesPerSecond));
  const understoodRate = meanOf(understoods.map((u) => u.repliesPerSecond));
  const sdkRate = meanOf(sdkRuns.map((r) => r.messagesPerSecond));
  const pingRate = pings.repliesPerSecond;
  const parsing = parseThroughput();

  const stored = await count(sql, 'select count(*)::int as n from inbox');
  const outbox = await count(sql, 'select count(*)::int as n from outbox');
  const answered = await count(sql, 'select count(distinct in_reply_to)::int as n from outbox');
  const outboxByStatus = Object.fromEntries(
    (await sql.query<{ status: string; n: number }>('select status, count(*)::int as n from outbox group by status')).map((r) => [r.status, r.n]),
  );
  const distinctSent = new Set(sent.map((r) => new URL(r.form.StatusCallback!).searchParams.get('outbox'))).size;
  // autocannon counts the responses inside its window; requests in flight at its end are stored and answered too.
  const acceptedTotal =
    intakes.reduce((sum, r) => sum + r['2xx'], 0) +
    [...stocks, ...understoods].reduce((sum, e) => sum + e.result['2xx'], 0) +
    scaled.accepted +
    pinging['2xx'] +
    steady.accepted;
  // What a message costs in CPU, by process, and the rate two fully used cores would allow at that cost.
  const cores = cpus().length;
  const cpuMs = {
    bareExpress: bares.at(-1)!.cpuMs,
    intakeAlone: webs.at(-1)!.cpuMs,
    processingAlone: perMessage(processingUsed, queued),
    allInOne: meanCpu(stocks.map((s) => s.cpuMs)),
    freeText: meanCpu(understoods.map((u) => u.cpuMs)),
    pings: pings.cpuMs,
    twilioSdkAlone: sdkCpuMs,
    twilioSdkWithItsOwnClient: meanCpu(sdkRuns.map((r) => r.cpuMs)),
  };
  const allow = (ms: { total: number }) => (cores * 1000) / ms.total;
  const exactlyOne = stored >= acceptedTotal && outbox === stored && answered === stored && sent.length === stored && distinctSent === stored;
  await sql.close();
  await admin.query(`drop database if exists ${benchDb}`);
  await admin.close();
  const redis = new IORedis(redisUrl);
  const keys = await redis.keys(`${prefix}:${installation}:*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();

  const results = {
    at: new Date().toISOString(),
    machine: `${cpus().length} cores, node ${process.version}; PostgreSQL, Redis, autocannon and the fake Twilio share them`,
    durationSeconds: duration,
    connections,
    rounds,
    bareExpress: { meanRequestsPerSecond: baselineRate, rounds: baselines.map(summary) },
    intakeAlone: { meanRequestsPerSecond: intakeRate, rounds: intakes.map(summary) },
    intakeRatioToBareExpress: intakeRate / baselineRate,
    processingAlone: { messages: queued, seconds: processingSeconds, repliesPerSecond: queued / processingSeconds },
    allInOne: {
      ...summary(mixed),
      endToEndRepliesPerSecond: stockRate,
      runs: stocks.map((s) => ({ replies: s.replies, endToEndRepliesPerSecond: s.repliesPerSecond, drainSecondsAfterLoad: s.drainSeconds })),
    },
    allInOneIntakeRatioToBareExpress: mixed.requests.average / baselineRate,
    allInOnePeakRssMb: Math.max(...stocks.map((s) => s.peakRssMb)),
    scaledOut: scaled,
    scaledOutRatioToAllInOne: scaled.repliesPerSecond / stockRate,
    pings: {
      ...summary(pinging),
      stored: pingsStored,
      endToEndPingsPerSecond: pingRate,
    },
    pingsRatioToStockEndToEnd: pingRate / stockRate,
    freeText: {
      ...summary(understoods.at(-1)!.result),
      endToEndRepliesPerSecond: understoodRate,
      runs: understoods.map((u) => ({ replies: u.replies, endToEndRepliesPerSecond: u.repliesPerSecond })),
    },
    freeTextRatioToStockEndToEnd: understoodRate / stockRate,
    locationParsing: parsing,
    webPeakRssMb: webPeaks,
    fixedRate: {
      requestsPerSecond: fixedRate,
      bareExpress: steady.bareAtRate,
      gateway: steady.atRate,
      gatewayAtLowerRates: steady.atLowerRates,
      webAlone: steady.webAtRate,
    },
    memory: {
      rssAfterEachOfThreeLoadsMb: steady.afterLoads,
      peakRssMb: steady.peakRssMb,
      spread: Math.max(...steady.afterLoads) / Math.min(...steady.afterLoads) - 1,
    },
    twilioSdkAlone: sdk,
    twilioSdkAloneWithItsOwnClient: { meanMessagesPerSecond: sdkRate, runs: sdkRuns },
    endToEndRatioToTwilioSdk: stockRate / sdk.messagesPerSecond,
    endToEndRatioToTwilioSdkWithItsOwnClient: stockRate / sdkRate,
    cpuMsPerMessage: cpuMs,
    exactlyOneReplyPerMessage: exactlyOne,
    counts: { stored, outbox, outboxByStatus, answered, receivedByFakeTwilio: sent.length, distinctOutboxIds: distinctSent },
  };
  const f = (n: number, digits = 0) => n.toFixed(digits);
  const busy = (atRate: { cores: { busyPercent: number; stealPercent: number } }) => `${atRate.cores.busyPercent} (${atRate.cores.stealPercent})`;
  const markdown = `# Benchmark results (\`npm run bench\`)

Measured ${results.at} on ${results.machine}. autocannon, ${connections} connections, ${duration} s per load.
Signed Twilio webhooks carrying \`STOCK A100\` from two registered dealers; the gateway on real PostgreSQL and Redis;
replies counted at a fake Twilio REST API reached through the real twilio SDK.

| measure | value |
| --- | --- |
| bare Express (baseline), req/s (mean of ${rounds} runs: ${baselines.map((r) => f(r.requests.average)).join(', ')}), last p50 / p99 ms | ${f(baselineRate)}, ${baseline.latency.p50} / ${baseline.latency.p99} |
| intake alone (PROCESS_ROLE=web): signature checked, stored, enqueued; req/s (mean of ${intakes.map((r) => f(r.requests.average)).join(', ')}), last p50 / p99 ms | ${f(intakeRate)}, ${intake.latency.p50} / ${intake.latency.p99} |
| **intake / bare Express** (ratio of the means, runs alternating) | **${f(results.intakeRatioToBareExpress, 2)}** (aim ≥ 0.70) |
| processing alone (PROCESS_ROLE=worker): ${queued} queued messages to replies at Twilio, replies/s | ${f(results.processingAlone.repliesPerSecond)} |
| all in one process under load (the last STOCK load): intake req/s (ratio to bare), p50 / p99 ms | ${f(mixed.requests.average)} (${f(results.allInOneIntakeRatioToBareExpress, 2)}), ${mixed.latency.p50} / ${mixed.latency.p99} |
| **all in one: end-to-end replies/s** (load start to last reply; mean of the loads before and after free text: ${stocks.map((s) => f(s.repliesPerSecond)).join(', ')}) | **${f(stockRate)}** (aim ≥ 1000) |
| all in one: queue drained after each load stopped, s | ${stocks.map((s) => f(s.drainSeconds, 1)).join(', ')} |
| all in one: peak RSS of the process, MB | ${results.allInOnePeakRssMb} |
| scaled out, 2 web + 2 worker processes (half the connections at each web): intake req/s | ${f(scaled.requestsPerSecond)} |
| **scaled out: end-to-end replies/s** (same load, same run) | **${f(scaled.repliesPerSecond)}** |
| **scaled out / all in one, end to end** (on ${cpus().length} cores shared by everything) | **${f(results.scaledOutRatioToAllInOne, 2)}** |
| scaled out: peak RSS per process, MB (web, web, worker, worker) | ${[...scaled.peakRssMb.web, ...scaled.peakRssMb.worker].join(', ')} |
| drivers' pings, all in one: intake req/s, p50 / p99 ms | ${f(pinging.requests.average)}, ${pinging.latency.p50} / ${pinging.latency.p99} |
| **pings end to end, /s** (signed webhook → stored ping, arrival check, reply; ${pingsStored} pings) | **${f(results.pings.endToEndPingsPerSecond)}** |
| **pings / STOCK queries, end to end** (same run) | **${f(results.pingsRatioToStockEndToEnd, 2)}** |
| location parsing, one core: texts/s over the parser's sample forms | ${f(parsing.textsPerSecond)} |
| free text (\`A100还有货吗\`, \`how much is B200 for me\`), all in one: intake req/s, p50 / p99 ms (last load) | ${f(understoods.at(-1)!.result.requests.average)}, ${understoods.at(-1)!.result.latency.p50} / ${understoods.at(-1)!.result.latency.p99} |
| **free text end to end, replies/s** (understood in the worker, answered as STOCK / PRICE; mean of two loads between the two STOCK loads: ${understoods.map((u) => f(u.repliesPerSecond)).join(', ')}) | **${f(understoodRate)}** |
| **free text / STOCK queries, end to end** (ratio of the means) | **${f(results.freeTextRatioToStockEndToEnd, 2)}** (aim ≥ 0.80) |
| the twilio SDK alone to a fake of the same code, ${connections} in flight (no gateway), messages/s: with its own client (axios, as Twilio ships it; mean of the runs just before and just after the all-in-one loads: ${sdkRuns.map((r) => f(r.messagesPerSecond)).join(', ')}); as the gateway sends (over node's http; at the end) | ${f(sdkRate)}; ${f(sdk.messagesPerSecond)} |
| **all in one, end to end / the twilio SDK alone with its own client** (ratio of the means) | **${f(results.endToEndRatioToTwilioSdkWithItsOwnClient, 2)}** (aim ≥ 0.60) |
| all in one, end to end / the twilio SDK alone as the gateway sends it | ${f(results.endToEndRatioToTwilioSdk, 2)} |
| at a fixed ${fixedRate} webhooks/s, evenly spaced (open model, from when each was due): bare Express p50 / p99 / max ms; the cores busy (of which steal), % | ${steady.bareAtRate.latencyMs.p50} / ${steady.bareAtRate.latencyMs.p99} / ${steady.bareAtRate.latencyMs.max}; ${busy(steady.bareAtRate)} |
| **at a fixed ${fixedRate} webhooks/s: the gateway (all in one) p50 / p99 / max ms**; the cores busy (of which steal), % | **${steady.atRate.latencyMs.p50} / ${steady.atRate.latencyMs.p99}** / ${steady.atRate.latencyMs.max} (aim p99 ≤ 25; ${f(steady.atRate.sentPerSecond)} sent/s, ${steady.atRate.failed} failed); ${busy(steady.atRate)} |
| the gateway (all in one) at lower fixed rates, ${lowerRates.join(' / ')} webhooks/s: p50 / p99 ms; the cores busy, %; CPU a message, all parts, ms | ${steady.atLowerRates.map((r) => `${r.latencyMs.p50} / ${r.latencyMs.p99}; ${r.cores.busyPercent}; ${r.cpuMs.total}`).join(' — ')} (at ${fixedRate}/s: ${steady.atRate.cpuMs.total}) |
| at a fixed ${fixedRate} webhooks/s: the web process alone (intake; nothing processed meanwhile) p50 / p99 / max ms; the cores busy (of which steal), % | ${steady.webAtRate.latencyMs.p50} / ${steady.webAtRate.latencyMs.p99} / ${steady.webAtRate.latencyMs.max}; ${busy(steady.webAtRate)} |
| web-only process, peak RSS during intake, MB (each round) | ${webPeaks.join(', ')} (aim ≤ 120) |
| **all in one, RSS after each of three equal loads, MB** (peak over the four loads) | **${steady.afterLoads.join(', ')}** (${steady.peakRssMb}; aims: spread ≤ 10 %, ≤ 250) |
| exactly one reply per stored message (${stored} messages) | ${exactlyOne ? 'yes' : 'NO'} |

CPU per message, ms (user + system, from /proc, over each phase's load and drain): the process(es) measured; this
process (autocannon signing and sending the webhooks, the fake Twilio taking the replies; at a fixed rate, the generator's own process too); PostgreSQL; Redis. The last
column is the rate ${cores} fully used cores would allow at that cost: a ceiling the machine sets, whatever the code does.
The all-in-one STOCK and free-text rows and the SDK with its own client are the means of their two loads.

| phase | measured | load and fake | PostgreSQL | Redis | total | ${cores} cores allow, /s |
| --- | --- | --- | --- | --- | --- | --- |
${(
  [
    ['bare Express', cpuMs.bareExpress],
    ['intake alone (web)', cpuMs.intakeAlone],
    ['processing alone (worker)', cpuMs.processingAlone],
    ['all in one, STOCK end to end', cpuMs.allInOne],
    ['all in one, free text end to end', cpuMs.freeText],
    ['all in one, pings end to end', cpuMs.pings],
    ...[...steady.atLowerRates, steady.atRate].map((r) => [`all in one, STOCK at a fixed ${r.rate}/s (over the load)`, r.cpuMs] as const),
    [`bare Express at a fixed ${fixedRate}/s`, steady.bareAtRate.cpuMs],
    [`the web process alone at a fixed ${fixedRate}/s`, steady.webAtRate.cpuMs],
    ['the twilio SDK alone, as the gateway sends (node http)', cpuMs.twilioSdkAlone],
    ['the twilio SDK alone, with its own client (axios)', cpuMs.twilioSdkWithItsOwnClient],
  ] as const
)
  .map(([name, ms]) => `| ${name} | ${ms.measured} | ${ms.load} | ${ms.postgres} | ${ms.redis} | ${ms.total} | ${f(allow(ms))} |`)
  .join('\n')}

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
