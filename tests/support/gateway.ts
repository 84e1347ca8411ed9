import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino, { type Logger } from 'pino';
import { postgresSql } from '../../adapters/db/sql';
import { createServer } from '../../gateway/app';
import { loadConfig } from '../../gateway/config';
import { loadDemoData } from '../../gateway/demo/load';
import { startWorkers, type Workers } from '../../gateway/pipeline';
import { createRuntime, type Runtime } from '../../gateway/runtime';
import type { Clock } from '../../domain/ports';
import { FakeTelegram } from './telegramFake';
import { FakeTwilio, signTwilio } from './twilioFake';

/** A clock tests move by hand: jobs and the contact policy read it, so a month passes in a second. */
export class ManualClock implements Clock {
  constructor(private current: Date) {}
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date | string): void {
    this.current = new Date(at);
  }
}

/** Real PostgreSQL and Redis, URLs from the environment; each gateway gets its own schema and queue prefix. */
export const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const authToken = 'twilio-test-auth-token';
export const adminKey = 'test-admin-key-0123';
export const accountSid = `AC${'a'.repeat(32)}`;
export const twilioFrom = '+15005550006';
/** The URL Twilio is told to call: signatures are computed over it, whatever host the test connects to. */
export const publicUrl = 'https://fieldline.example.com';

export type Database = 'postgres' | 'pglite';

export interface TestGateway {
  /** its database schema and queue prefix */
  id: string;
  url: string;
  runtime: Runtime;
  /** Cuts every open HTTP connection, as a network drop would (a live view's event stream with them). */
  dropConnections(): void;
  stop(): Promise<void>;
}

export const telegramToken = '123456:test-bot-token';
export const telegramSecret = 'telegram-webhook-secret';
/** the fake WeChat's AppID and secret (tests/support/wechatFake.ts), and the server token webhooks are signed with */
export const wechatAppId = 'wxtest';
export const wechatToken = 'wechat-server-token';

export async function startTestGateway(
  options: {
    database?: Database;
    twilioBaseUrl?: string;
    telegramApiRoot?: string;
    wechatApiRoot?: string;
    seed?: boolean;
    workers?: boolean;
    env?: Record<string, string>;
    clock?: Clock;
    /** where its logs go (silent unless given) */
    logger?: Logger;
    /** another process of that gateway's installation: its database schema and queue prefix, no demo data, left in place at stop */
    processOf?: TestGateway;
  } = {},
): Promise<TestGateway> {
  const database = options.database ?? 'postgres';
  const id = options.processOf?.id ?? `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const owner = !options.processOf;
  const config = loadConfig({
    DATABASE_URL: database === 'postgres' ? databaseUrl : undefined,
    DATA_DIR: ':memory:',
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: id,
    PUBLIC_URL: publicUrl,
    ADMIN_API_KEY: adminKey,
    ...(options.twilioBaseUrl
      ? { TWILIO_ACCOUNT_SID: accountSid, TWILIO_AUTH_TOKEN: authToken, TWILIO_FROM: twilioFrom, TWILIO_API_BASE_URL: options.twilioBaseUrl }
      : {}),
    ...(options.telegramApiRoot
      ? { TELEGRAM_BOT_TOKEN: telegramToken, TELEGRAM_WEBHOOK_SECRET: telegramSecret, TELEGRAM_API_ROOT: options.telegramApiRoot }
      : {}),
    ...(options.wechatApiRoot
      ? { WECHAT_APP_ID: wechatAppId, WECHAT_APP_SECRET: 'secret', WECHAT_TOKEN: wechatToken, WECHAT_API_ROOT: options.wechatApiRoot }
      : {}),
    LOG_LEVEL: 'silent',
    // Provider rate limits are lifted unless a test sets them; so are quiet hours, but for tests of them.
    RATE_TWILIO_PER_SECOND: '0',
    RATE_TELEGRAM_PER_SECOND: '0',
    RATE_TELEGRAM_CHAT_PER_SECOND: '0',
    SEND_WINDOWS: '00:00-24:00',
    // Tests send many messages from the demo's few numbers; the traffic guard has tests of its own.
    SENDER_MESSAGES_PER_MINUTE: '0',
    REPEATED_TEXT_LIMIT: '0',
    UNREGISTERED_REPLIES_PER_HOUR: '0',
    UNREGISTERED_REPLIES_PER_PREFIX_PER_HOUR: '0',
    ...options.env,
  });
  const runtime = await createRuntime(config, {
    schema: database === 'postgres' ? id : undefined,
    logger: options.logger ?? pino({ level: 'silent' }),
    clock: options.clock,
  });
  if (options.seed !== false && owner) await loadDemoData(runtime);
  const workers: Workers | null = options.workers === false ? null : startWorkers(runtime);
  const server: Server = createServer(runtime).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    id,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    runtime,
    dropConnections: () => server.closeAllConnections(),
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await workers?.close();
      if (owner)
        await Promise.all([runtime.queues.inbound, runtime.queues.outbound, runtime.queues.scheduled].map((queue) => queue.obliterate({ force: true })));
      await runtime.close();
      if (database === 'postgres' && owner) {
        const admin = postgresSql(databaseUrl, { max: 1 });
        await admin.query(`drop schema if exists ${id} cascade`);
        await admin.close();
      }
    },
  };
}

/** An SMS from `from`, by the signed webhook, once the gateway has processed it (its replies are in the outbox). */
export async function smsProcessed(gateway: TestGateway, from: string, text: string): Promise<void> {
  const form = smsForm(from, text);
  const posted = await postTwilio(gateway, '/webhooks/twilio/sms', form);
  if (posted.status !== 200) throw new Error(`the webhook answered ${posted.status}`);
  await eventually(async () =>
    (await countRows(gateway.runtime, `select 1 from inbox where external_id = $1 and status = 'processed'`, [form.MessageSid])) ? true : undefined,
  );
}

/** POSTs a Twilio webhook signed as Twilio would sign it for PUBLIC_URL + path. */
export async function postTwilio(
  gateway: TestGateway,
  path: string,
  form: Record<string, string | string[]>,
  options: { signature?: string | null; token?: string } = {},
) {
  const signature = options.signature === undefined ? signTwilio(options.token ?? authToken, publicUrl + path, form) : options.signature;
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) for (const one of Array.isArray(value) ? value : [value]) body.append(key, one);
  const response = await fetch(gateway.url + path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature ? { 'x-twilio-signature': signature } : {}) },
    body: body.toString(),
  });
  return { status: response.status, text: await response.text() };
}

let sidCounter = 0;
/** An inbound SMS webhook body as Twilio sends it. */
export const smsForm = (from: string, body: string, messageSid = `SM${process.pid}${Date.now()}${sidCounter++}`) => ({
  ToCountry: 'US',
  SmsMessageSid: messageSid,
  NumMedia: '0',
  MessageSid: messageSid,
  AccountSid: accountSid,
  From: from,
  To: twilioFrom,
  Body: body,
  NumSegments: '1',
  ApiVersion: '2010-04-01',
});

export async function adminApi(gateway: TestGateway, method: 'GET' | 'POST', path: string, body?: unknown, key: string | null = adminKey) {
  const response = await fetch(gateway.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json().catch(() => null)) as any };
}

/** Polls until `probe` returns a value that is not undefined (database state written asynchronously). */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Counts the rows a query returns: `expect(await countRows(sql, 'select …', [x])).toBe(1)`. */
export async function countRows(runtime: Runtime, query: string, params: unknown[] = []): Promise<number> {
  return (await runtime.sql.query(query, params)).length;
}

/**
 * A test gateway whose SMS go to a fake Twilio API: started before the file's tests, stopped after,
 * the fake's record cleared before each test. Read `gateway` inside tests (it exists once started).
 */
export function gatewayWithFakeTwilio(options: Parameters<typeof startTestGateway>[0] = {}): { twilio: FakeTwilio; gateway: TestGateway } {
  const context = { twilio: new FakeTwilio(), gateway: undefined as unknown as TestGateway };
  beforeAll(async () => {
    context.gateway = await startTestGateway({ ...options, twilioBaseUrl: await context.twilio.start() });
  });
  afterAll(async () => {
    await context.gateway.stop();
    await context.twilio.stop();
  });
  beforeEach(() => context.twilio.reset());
  return context;
}

/** A test gateway whose Telegram bot talks to a fake Bot API, as gatewayWithFakeTwilio does for SMS. */
export function gatewayWithFakeTelegram(options: Parameters<typeof startTestGateway>[0] = {}): { telegram: FakeTelegram; gateway: TestGateway } {
  const context = { telegram: new FakeTelegram(), gateway: undefined as unknown as TestGateway };
  beforeAll(async () => {
    context.gateway = await startTestGateway({ ...options, telegramApiRoot: await context.telegram.start() });
  });
  afterAll(async () => {
    await context.gateway.stop();
    await context.telegram.stop();
  });
  beforeEach(() => context.telegram.reset());
  return context;
}

/** An operator made through the admin API (as the bootstrap admin), then signed in: calls carry the session cookie and, for writes, its CSRF token. */
export async function signedInOperator(
  gateway: TestGateway,
  operator: { email: string; role: 'admin' | 'operator' | 'viewer'; person?: string; password?: string },
) {
  const password = operator.password ?? 'correct horse battery staple';
  const made = await adminApi(gateway, 'POST', '/api/v1/operators', {
    email: operator.email,
    password,
    role: operator.role,
    ...(operator.person ? { person: operator.person } : {}),
  });
  if (made.status !== 201) throw new Error(`making ${operator.email}: ${made.status} ${JSON.stringify(made.json)}`);
  const signIn = await signInAs(gateway, operator.email, password);
  if (signIn.status !== 201) throw new Error(`signing in ${operator.email}: ${signIn.status}`);
  return {
    cookie: signIn.cookie!,
    csrfToken: signIn.json.csrfToken as string,
    call: (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, options: { csrf?: string | null } = {}) =>
      callWith(gateway, method, path, body, {
        cookie: signIn.cookie!,
        ...(options.csrf === null ? {} : { 'x-csrf-token': options.csrf ?? (signIn.json.csrfToken as string) }),
      }),
  };
}

export async function signInAs(gateway: TestGateway, email: string, password: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${gateway.url}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const setCookie = response.headers.get('set-cookie');
  return { status: response.status, json: (await response.json().catch(() => null)) as any, setCookie, cookie: setCookie?.split(';')[0] ?? null };
}

export async function callWith(gateway: TestGateway, method: 'GET' | 'POST' | 'DELETE', path: string, body: unknown, headers: Record<string, string>) {
  const response = await fetch(gateway.url + path, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json().catch(() => null)) as any, headers: response.headers };
}
