import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { Queue } from 'bullmq';
import { queueNames } from '../../adapters/queue/queues';
import { migrate } from '../../adapters/db/migrate';
import { sqlImporter } from '../../adapters/db/importer';
import { postgresSql, type Sql } from '../../adapters/db/sql';
import { loadDemoData } from '../../gateway/demo/load';
import { signTwilio, type FakeTwilio } from '../support/twilioFake';
import { childRate, guardOff, pgBase, redisUrl, schedulesOff, sleep } from './support';

/** The load the benchmarks drive: signed Twilio webhooks with STOCK queries, pings or free text, and the probes around it (health, drain, RSS). */
export const authToken = 'bench-auth-token';
export const publicUrl = 'https://fieldline.example.com';
export const webhookPath = '/webhooks/twilio/sms';
export const duration = Number(process.env.BENCH_SECONDS ?? 10);
export const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);

export async function waitHealthy(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (
      await fetch(`${url}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return;
    await sleep(100);
  }
  throw new Error(`${url} did not become healthy`);
}

/**
 * Waits until `count` inbound workers are registered with the gateways' queue (a worker starts once
 * its NLU model is loaded): a load measured before that times the model's loading, not the gateway.
 */
export async function workersReady(sql: Sql, env: Record<string, string>, count: number): Promise<void> {
  const [{ id: installation }] = (await sql.query<{ id: string }>('select id from installation')) as [{ id: string }];
  const queue = new Queue(queueNames.inbound, { connection: { url: redisUrl }, prefix: `${env.QUEUE_PREFIX}:${installation}` });
  try {
    for (let i = 0; i < 1200; i++) {
      if ((await queue.getWorkersCount()) >= count) return;
      await sleep(100);
    }
    throw new Error(`${count} inbound workers did not start within 2 minutes`);
  } finally {
    await queue.close();
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

let sequence = 0;
export const dealers = ['+8613800000001', '+8613800000002'];
/** The benchmark's drivers (added at set-up), each pinging somewhere around Shanghai. */
export const drivers = Array.from({ length: 50 }, (_, i) => `+86139100000${String(i).padStart(2, '0')}`);
export const stockQuery = (n: number) => ({ from: dealers[n % dealers.length]!, text: 'STOCK A100' });
export const freeText = ['A100还有货吗', 'how much is B200 for me'];
export const freeTextQuestion = (n: number) => ({ from: dealers[n % dealers.length]!, text: freeText[Math.floor(n / dealers.length) % freeText.length]! });
export const locationPing = (n: number) => ({
  from: drivers[n % drivers.length]!,
  text: `LOC ${(31.2 + (n % 1000) / 100_000).toFixed(5)} ${(121.4 + (n % 997) / 100_000).toFixed(5)}`,
});

/** Each request a new MessageSid, signed exactly as Twilio signs it. */
export function signedRequest(message: (n: number) => { from: string; text: string }): { body: string; headers: Record<string, string> } {
  const sid = `SMbench${process.pid}x${sequence++}`;
  const { from, text } = message(sequence);
  const form = { MessageSid: sid, SmsMessageSid: sid, AccountSid: `AC${'b'.repeat(32)}`, From: from, To: '+15005550006', Body: text, NumMedia: '0' };
  return {
    body: new URLSearchParams(form).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilio(authToken, publicUrl + webhookPath, form) },
  };
}

/** Saturating load from `load` connections; with `rate`, a fixed offered load of that many requests a second instead. */
export function drive(url: string, message: (n: number) => { from: string; text: string } = stockQuery, load = connections, rate?: number) {
  return autocannon({
    url: url + webhookPath,
    method: 'POST',
    connections: load,
    duration,
    ...(rate ? { overallRate: rate } : {}),
    requests: [{ setupRequest: (request) => ({ ...request, ...signedRequest(message) }) }],
  });
}

/** A fixed offered load of `rate` signed STOCK webhooks a second for `seconds`, from a process of its own (tests/bench/steady.ts). */
export const steadyLoad = (url: string, rate: number, seconds: number) =>
  childRate<SteadyResult>('tests/bench/steady.ts', { URL: url, RATE: String(rate), SECONDS: String(seconds) });

export interface SteadyResult {
  rate: number;
  sent: number;
  sentPerSecond: number;
  answered: number;
  failed: number;
  /** from when each request was due */
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  /** from when each request left */
  serviceMs: { p50: number; p90: number; p99: number; max: number };
  /** the generator's own CPU while it sent and waited for the answers */
  cpuSeconds: number;
}

/** The first and last arrival at the fake Twilio from message `from` on (a loop: spreading a million times into Math.max overflows the stack). */
export function arrivals(twilio: FakeTwilio, from = 0): { first: number; last: number } {
  let first = Infinity;
  let last = -Infinity;
  for (let i = from; i < twilio.messages.length; i++) {
    const at = twilio.messages[i]!.at;
    if (at < first) first = at;
    if (at > last) last = at;
  }
  return { first, last };
}

export const count = async (sql: Sql, query: string) => (await sql.query<{ n: number }>(query))[0]!.n;

/**
 * The database vacuumed and analysed before a phase, outside its measures, as pgbench does before
 * each run: this machine's PostgreSQL runs with autovacuum off (CI's conf.d), so without it each
 * phase would work among every earlier phase's dead row versions (three a message), which a server
 * with autovacuum on, as PostgreSQL ships, clears between bursts.
 */
export const vacuumed = async (sql: Sql): Promise<void> => void (await sql.query('vacuum (analyze)'));

/**
 * Waits until every stored message has its reply at the fake Twilio; or until nothing moved for 10 s
 * with no message still waiting to be processed and no reply still pending or sending (a send waiting
 * out its retry backoff is pending); at most 3 minutes. (A worker still starting has unprocessed
 * messages and no replies yet: that is not the end.)
 */
export async function drained(sql: Sql, twilio: FakeTwilio): Promise<void> {
  let last = -1;
  let stillSince = Date.now();
  const giveUpAt = Date.now() + 180_000;
  for (;;) {
    if (twilio.messages.length !== last) {
      last = twilio.messages.length;
      stillSince = Date.now();
    }
    // Rows are counted only when that can end the wait: the replies reached what the highest id allows, or stopped for a second.
    if (twilio.messages.length >= (await storedAtMost(sql)) || Date.now() - stillSince > 1000) {
      const stored = await storedSoFar(sql);
      if (twilio.messages.length >= stored.rows) return void settled.set(sql, stored);
    }
    const still = Date.now() - stillSince > 10_000;
    if (still && (await count(sql, unfinished)) === 0) return;
    if (Date.now() > giveUpAt) return;
    await sleep(100);
  }
}

/**
 * Inbox rows up to an id, all answered when a drain last ended, and how many: a drain counts only
 * the rows after them (a range of the primary key), not a table of a hundred thousand rows ten
 * times a second, which would charge the benchmark's own polling to PostgreSQL. Even that range is
 * counted only near the end: counting a 200,000-message backlog ten times a second cost PostgreSQL
 * more than the worker's own statements did.
 */
const settled = new WeakMap<Sql, { id: string; rows: number }>();
/** At most how many messages are stored: those counted at the last drain, and one per id since (ids may skip, never repeat); the primary key's last entry. */
async function storedAtMost(sql: Sql): Promise<number> {
  const known = settled.get(sql) ?? { id: '0', rows: 0 };
  const [row] = await sql.query<{ top: string | null }>('select max(id)::text as top from inbox');
  return known.rows + Math.max(0, Number(row!.top ?? known.id) - Number(known.id));
}
async function storedSoFar(sql: Sql): Promise<{ id: string; rows: number }> {
  const known = settled.get(sql) ?? { id: '0', rows: 0 };
  const [row] = await sql.query<{ n: number; top: string | null }>('select count(*)::int as n, max(id)::text as top from inbox where id > $1', [known.id]);
  return { id: row!.top ?? known.id, rows: known.rows + row!.n };
}

const unfinished = `select ((select count(*) from inbox where status = 'received') + (select count(*) from outbox where status in ('pending', 'sending')))::int as n`;

/** A process's resident memory now (VmRSS, Linux), in MB. */
export const rssOf = (child: ChildProcess): number => Math.round(Number(/VmRSS:\s+(\d+)/.exec(readFileSafe(`/proc/${child.pid}/status`))?.[1] ?? 0) / 1024);

/** Samples each process's resident memory (VmRSS, Linux) every 250 ms; stop() answers each one's peak, in MB. */
export function peakRss(processes: ChildProcess[]): { stop(): number[] } {
  const peaks = processes.map(() => 0);
  const sample = () =>
    processes.forEach((child, i) => {
      const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSafe(`/proc/${child.pid}/status`))?.[1] ?? 0);
      peaks[i] = Math.max(peaks[i]!, kb / 1024);
    });
  sample();
  const timer = setInterval(sample, 250);
  return {
    stop: () => {
      clearInterval(timer);
      sample();
      return peaks.map((mb) => Math.round(mb));
    },
  };
}

export const readFileSafe = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

export const summary = (result: autocannon.Result) => ({
  requestsPerSecond: result.requests.average,
  p50ms: result.latency.p50,
  p99ms: result.latency.p99,
  accepted: result['2xx'],
  non2xx: result.non2xx,
  errors: result.errors,
});

/** A gateway process's environment in the benchmarks: the bench database, the fake Twilio, provider pacing, the traffic guard and the schedules off. */
export const benchGatewayEnv = (databaseUrl: string, twilioUrl: string, prefix: string): Record<string, string> => ({
  PUBLIC_URL: publicUrl,
  DATABASE_URL: databaseUrl,
  REDIS_URL: redisUrl,
  QUEUE_PREFIX: prefix,
  TWILIO_ACCOUNT_SID: `AC${'b'.repeat(32)}`,
  TWILIO_AUTH_TOKEN: authToken,
  TWILIO_FROM: '+15005550006',
  TWILIO_API_BASE_URL: twilioUrl,
  // Lifted, as the benchmark measures the gateway, not a long code's 1 message/s.
  RATE_TWILIO_PER_SECOND: '0',
  ...guardOff,
  // Only replies: the proactive jobs (an alert about the demo's stock, say) stay unscheduled.
  ...schedulesOff,
  LOG_LEVEL: 'warn',
});

/** A database of the benchmark's own (dropped first if a run left it), migrated, with the demo data. */
export async function demoDatabase(name: string): Promise<{ admin: Sql; sql: Sql; databaseUrl: string }> {
  const admin = postgresSql(`${pgBase}/postgres`, { max: 1 });
  await admin.query(`drop database if exists ${name}`);
  await admin.query(`create database ${name}`);
  const databaseUrl = `${pgBase}/${name}`;
  const sql = postgresSql(databaseUrl, { max: 2 });
  await migrate(sql);
  await loadDemoData({ importer: sqlImporter(sql), config: { defaultCountry: 'CN' } as never });
  return { admin, sql, databaseUrl };
}
