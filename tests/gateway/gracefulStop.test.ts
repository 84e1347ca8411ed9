import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { postgresSql, type Sql } from '../../adapters/db/sql';
import { FakeTwilio } from '../support/twilioFake';
import { guardOff } from '../bench/support';
import { accountSid, authToken, databaseUrl, eventually, postTwilio, publicUrl, redisUrl, smsForm, twilioFrom, type TestGateway } from '../support/gateway';

const root = join(__dirname, '..', '..');
const messages = 150;

/**
 * SIGTERM under load (issue 17, part 2): the gateway, as `npm start` runs it, stops taking
 * requests and jobs, finishes the sends in flight and records their outcome: nothing is left
 * sending or unknown. Started again, it answers what it had accepted but not processed, each once.
 */
describe('a SIGTERM during load', () => {
  const twilio = new FakeTwilio();
  const name = `fl_stop_${process.pid}_${randomBytes(3).toString('hex')}`;
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  let admin: Sql;
  let db: Sql;
  let env: Record<string, string>;
  beforeAll(async () => {
    admin = postgresSql(databaseUrl, { max: 1 });
    await admin.query(`create database ${name}`);
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    db = postgresSql(url.toString(), { max: 2 });
    env = {
      DATABASE_URL: url.toString(),
      REDIS_URL: redisUrl,
      QUEUE_PREFIX: name,
      PORT: String(port),
      PUBLIC_URL: publicUrl,
      TWILIO_ACCOUNT_SID: accountSid,
      TWILIO_AUTH_TOKEN: authToken,
      TWILIO_FROM: twilioFrom,
      TWILIO_API_BASE_URL: await twilio.start(),
      RATE_TWILIO_PER_SECOND: '0',
      SEND_WINDOWS: '00:00-24:00',
      // 150 unregistered numbers of one prefix, each answered: past the guard's SMS-pumping cap.
      ...guardOff,
      LOG_LEVEL: 'warn',
    };
  });
  afterAll(async () => {
    await db.close();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.close();
    await twilio.stop();
  });

  const start = async (): Promise<ChildProcess> => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'gateway/main.ts'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    await eventually(
      () =>
        fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => (r.ok ? true : undefined),
          () => undefined,
        ),
      60_000,
    );
    return child;
  };
  const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const count = async (query: string) => Number((await db.query<{ n: string }>(`select count(*)::text as n from (${query}) q`))[0]!.n);

  test('nothing is left sending or unknown; after a restart each accepted message has one reply, sent once', async () => {
    const gateway = { url: `http://127.0.0.1:${port}` } as TestGateway;
    let child = await start();
    twilio.delayMs = 300; // sends stay in flight when the signal comes
    let accepted = 0;
    const posts = Array.from({ length: messages }, (_, i) =>
      new Promise((resolve) => setTimeout(resolve, i * 4))
        .then(() => postTwilio(gateway, '/webhooks/twilio/sms', smsForm(`+86139${String(i).padStart(8, '0')}`, 'HELP', `SMstop${i}`)))
        .then(
          (r) => void (r.status === 200 && accepted++),
          () => undefined, // refused while stopping: not accepted, the provider retries
        ),
    );
    await eventually(async () => ((await count(`select 1 from outbox where status = 'sending'`)) > 0 ? true : undefined), 20_000);
    const stopped = exited(child);
    child.kill('SIGTERM');
    expect(await stopped).toBe(0);
    await Promise.all(posts);
    expect(accepted).toBeGreaterThan(0);
    expect(await count(`select 1 from outbox where status in ('sending', 'unknown')`)).toBe(0);
    expect(await count('select 1 from inbox')).toBeGreaterThanOrEqual(accepted);

    twilio.delayMs = 0;
    child = await start();
    try {
      const stored = await count('select 1 from inbox');
      await eventually(
        async () =>
          (await count(`select 1 from inbox where status = 'processed'`)) === stored &&
          (await count(`select 1 from outbox where status in ('pending', 'sending', 'unknown')`)) === 0
            ? true
            : undefined,
        60_000,
      );
      expect(await count('select in_reply_to from outbox group by in_reply_to having count(*) <> 1')).toBe(0);
      expect(await count('select 1 from outbox')).toBe(stored);
      const bodies = new Map<string, number>();
      for (const m of twilio.messages) bodies.set(m.form.To!, (bodies.get(m.form.To!) ?? 0) + 1);
      expect([...bodies.values()].filter((n) => n !== 1)).toEqual([]);
      expect(bodies.size).toBe(stored);
    } finally {
      const stopped = exited(child);
      child.kill('SIGTERM');
      await stopped;
    }
  }, 180_000);
});
