import type { ChildProcess } from 'node:child_process';
import type autocannon from 'autocannon';
import type { Sql } from '../../adapters/db/sql';
import type { FakeTwilio } from '../support/twilioFake';
import { coresBusy, cpuMeter, perMessage } from './cpu';
import {
  arrivals,
  connections,
  drained,
  drive,
  duration,
  peakRss,
  rssOf,
  steadyLoad,
  stockQuery,
  stopProcess,
  vacuumed,
  waitHealthy,
  workersReady,
} from './load';
import { childRate, sleep, startGateway, startProcess } from './support';

/** The phases of `npm run bench` (tests/bench/run.ts), each measuring its rate and what a message cost in CPU, process by process. */

/** A saturating load on one process started from `script` (bare Express), with its CPU per request. */
export async function saturate(start: () => ReturnType<typeof startProcess>, url: string) {
  const server = start();
  await waitHealthy(url);
  const rss = peakRss([server]);
  const cpu = cpuMeter([server]);
  const result = await drive(url);
  const used = cpu.read();
  const [peakMb] = rss.stop();
  await stopProcess(server);
  return { result, peakMb: peakMb!, cpuMs: perMessage(used, result.requests.total) };
}

/** One gateway process (PROCESS_ROLE=all) under load with one kind of message, measured from the load's start to its last reply. */
export async function endToEnd(
  sql: Sql,
  twilio: FakeTwilio,
  env: Record<string, string>,
  port: number,
  message: (n: number) => { from: string; text: string },
) {
  await vacuumed(sql);
  const before = twilio.messages.length;
  const gateway = startGateway({ ...env, PORT: String(port), PROCESS_ROLE: 'all' });
  await waitHealthy(`http://127.0.0.1:${port}`);
  await workersReady(sql, env, 1);
  const rss = peakRss([gateway]);
  const cpu = cpuMeter([gateway]);
  const started = Date.now();
  const result = await drive(`http://127.0.0.1:${port}`, message);
  await drained(sql, twilio);
  const used = cpu.read();
  const lastReply = arrivals(twilio, before).last;
  await sleep(1000); // anything beyond one reply each would show up here
  const [peakMb] = rss.stop();
  await stopProcess(gateway);
  const replies = twilio.messages.length - before;
  return {
    result,
    replies,
    repliesPerSecond: replies / ((lastReply - started) / 1000),
    drainSeconds: (lastReply - started) / 1000 - duration,
    peakRssMb: peakMb!,
    cpuMs: perMessage(used, replies),
  };
}

/**
 * Scaled out as production runs it: two web processes, each loaded by half the connections (a load
 * balancer's share), and two workers, on the same PostgreSQL and Redis; end to end as endToEnd.
 */
export async function scaledOut(sql: Sql, twilio: FakeTwilio, env: Record<string, string>, ports: [number, number]) {
  await vacuumed(sql);
  const before = twilio.messages.length;
  const webs = ports.map((port) => startGateway({ ...env, PORT: String(port), PROCESS_ROLE: 'web' }));
  const workers = [0, 1].map(() => startGateway({ ...env, PORT: '0', PROCESS_ROLE: 'worker' }));
  await Promise.all(ports.map((port) => waitHealthy(`http://127.0.0.1:${port}`)));
  await workersReady(sql, env, 2);
  const rss = peakRss([...webs, ...workers]);
  const started = Date.now();
  const results = await Promise.all(ports.map((port) => drive(`http://127.0.0.1:${port}`, stockQuery, connections / 2)));
  await drained(sql, twilio);
  const lastReply = arrivals(twilio, before).last;
  await sleep(1000);
  const peaks = rss.stop();
  await Promise.all([...webs, ...workers].map(stopProcess));
  const replies = twilio.messages.length - before;
  return {
    requestsPerSecond: results.reduce((sum, r) => sum + r.requests.average, 0),
    accepted: results.reduce((sum, r) => sum + r['2xx'], 0),
    replies,
    repliesPerSecond: replies / ((lastReply - started) / 1000),
    peakRssMb: { web: peaks.slice(0, 2), worker: peaks.slice(2) },
  };
}

export const fixedRate = 1000;
const warmUpSeconds = 3;

/** Lower fixed rates the gateway (all in one) is measured at too: how its latency and CPU a message follow the rate. */
export const lowerRates = [250, 500, 750];

/**
 * A fixed rate for the benchmark's duration, with how busy the cores were meanwhile (whatever ran on
 * them) and the CPU a message cost, part by part (the load: the generator's process and this one's fake Twilio).
 */
async function measuredAtRate(url: string, measured: readonly ChildProcess[], rate = fixedRate) {
  const cores = coresBusy();
  const cpu = cpuMeter(measured);
  const result = await steadyLoad(url, rate, duration);
  const used = cpu.read();
  return { ...result, cores: cores.read(), cpuMs: perMessage({ ...used, load: used.load + result.cpuSeconds }, result.answered) };
}

/**
 * Latency at a fixed offered load (1,000 webhooks a second, evenly spaced: tests/bench/steady.ts), on
 * bare Express and on the gateway (all in one), each after a few seconds at that rate to warm up, and
 * the gateway at lower rates (its batches, and so its CPU a message, grow and shrink with the rate);
 * then memory under work: three equal saturating loads in a row on the same process, its RSS sampled
 * at the end of each (after the queue drained); last, the web process alone at the fixed rate.
 */
export async function steadyAndMemory(sql: Sql, twilio: FakeTwilio, env: Record<string, string>, port: number) {
  await vacuumed(sql);
  const bare = startProcess('tests/bench/bareExpress.ts', { PORT: '3908' });
  await waitHealthy('http://127.0.0.1:3908');
  await steadyLoad('http://127.0.0.1:3908', fixedRate, warmUpSeconds);
  const bareAtRate = await measuredAtRate('http://127.0.0.1:3908', [bare]);
  await stopProcess(bare);
  const url = `http://127.0.0.1:${port}`;
  const gateway = startGateway({ ...env, PORT: String(port), PROCESS_ROLE: 'all' });
  await waitHealthy(url);
  await workersReady(sql, env, 1);
  const rss = peakRss([gateway]);
  const warm = await steadyLoad(url, fixedRate, warmUpSeconds);
  await drained(sql, twilio);
  const atRate = await measuredAtRate(url, [gateway]);
  await drained(sql, twilio);
  let accepted = warm.answered + atRate.answered;
  const atLowerRates: Awaited<ReturnType<typeof measuredAtRate>>[] = [];
  for (const rate of lowerRates) {
    accepted += (await steadyLoad(url, rate, warmUpSeconds)).answered;
    await drained(sql, twilio);
    atLowerRates.push(await measuredAtRate(url, [gateway], rate));
    accepted += atLowerRates.at(-1)!.answered;
    await drained(sql, twilio);
  }
  const afterLoads: number[] = [];
  for (let i = 0; i < 3; i++) {
    accepted += (await drive(url, stockQuery))['2xx'];
    await drained(sql, twilio);
    await sleep(1000);
    afterLoads.push(rssOf(gateway));
  }
  const [peakMb] = rss.stop();
  await stopProcess(gateway);
  // The web process alone at the same rate: intake with no processing on the machine; a worker then answers what it took in.
  const web = startGateway({ ...env, PORT: String(port), PROCESS_ROLE: 'web' });
  await waitHealthy(url);
  accepted += (await steadyLoad(url, fixedRate, warmUpSeconds)).answered;
  const webAtRate = await measuredAtRate(url, [web]);
  accepted += webAtRate.answered;
  await stopProcess(web);
  const worker = startGateway({ ...env, PORT: '0', PROCESS_ROLE: 'worker' });
  await drained(sql, twilio);
  await stopProcess(worker);
  return { bareAtRate, atRate, atLowerRates, webAtRate, afterLoads, accepted, peakRssMb: peakMb! };
}

/**
 * The reference for sending: the twilio SDK alone sending 20,000 messages to the same fake with
 * `inFlight` requests at once (tests/bench/sdkCeiling.ts), as the gateway sends ('ours': over node's
 * http) or as Twilio ships it ('sdk': its axios client); its rate and CPU a message.
 */
export async function twilioSdkAlone(twilio: FakeTwilio, env: Record<string, string>, inFlight: number, client: 'ours' | 'sdk') {
  const meter = cpuMeter([]);
  const rate = await childRate<{ messages: number; messagesPerSecond: number; cpuSeconds: number }>('tests/bench/sdkCeiling.ts', {
    ...env,
    MESSAGES: '20000',
    IN_FLIGHT: String(inFlight),
    CLIENT: client,
  });
  twilio.reset();
  return { ...rate, cpuMs: perMessage({ ...meter.read(), measured: rate.cpuSeconds }, rate.messages) };
}

export type Saturated = Awaited<ReturnType<typeof saturate>>;
export type Driven = autocannon.Result;
