import type { Sql } from '../../adapters/db/sql';
import type { FakeTwilio } from '../support/twilioFake';
import { customersOwingIn3Days, sleep } from '../bench/support';
import type { Cluster } from './cluster';
import type { Service } from './services';

/**
 * Issue 17, part 4: a dunning run of `reminders` reminders (customers, each with an invoice whose −3
 * step falls today), planned through the admin API on a web process and sent by the two workers,
 * interrupted by a worker SIGKILL and a Redis restart (after which the run is asked for again, as
 * an operator would): each reminder is planned once and sent once.
 */
export async function dunningUnderFaults(options: { sql: Sql; cluster: Cluster; redis: Service; twilio: FakeTwilio; reminders: number; adminKey: string }) {
  const { sql, cluster, redis, twilio, reminders } = options;
  const number = (i: number) => `+861390${String(i).padStart(7, '0')}`;
  await customersOwingIn3Days(sql, reminders, 'DC');
  const run = async () => {
    for (;;) {
      const url = cluster.webUrls()[0]!;
      const response = await fetch(`${url}/api/v1/jobs/dunning/run`, {
        method: 'POST',
        headers: { authorization: `Bearer ${options.adminKey}`, 'content-type': 'application/json' },
        body: '{}',
      }).catch(() => null);
      if (response?.ok) return ((await response.json()) as { planned: number }).planned;
      await sleep(500); // Redis or a process on its way back: the operator tries again
    }
  };
  const sentSoFar = () => twilio.accepted.filter((m) => m.to?.startsWith('+861390')).length;
  const started = Date.now();
  const planned = await run();
  const faults: string[] = [];
  let replanned = 0;
  const giveUpAt = Date.now() + 300_000;
  while (Date.now() < giveUpAt) {
    const sent = sentSoFar();
    if (faults.length === 0 && sent >= reminders * 0.3) {
      faults.push(`SIGKILL worker-1 at ${sent} sent`);
      await cluster.kill('worker-1');
      await cluster.restart('worker-1');
    }
    if (faults.length === 1 && sent >= reminders * 0.6) {
      faults.push(`Redis restarted empty at ${sent} sent`);
      await redis.crashAndRestart(1500);
      replanned = await run();
    }
    const [row] = await sql
      .query<{ n: number }>(`select count(*)::int as n from outbox where kind = 'dunning' and status in ('pending', 'sending', 'unknown')`)
      .catch(() => [{ n: -1 }]);
    if (faults.length === 2 && row!.n === 0 && sent >= reminders) break;
    await sleep(200);
  }
  const seconds = (Date.now() - started) / 1000;
  await sleep(3000); // a reminder sent twice would arrive here
  const taken = twilio.accepted.filter((m) => m.to?.startsWith('+861390'));
  const distinct = new Set(taken.map((m) => m.to)).size;
  const [rows] = await sql.query<{ total: number; sent: number }>(
    `select count(*)::int as total, count(*) filter (where provider_id is not null)::int as sent from outbox where kind = 'dunning' and person like 'DC%'`,
  );
  return {
    planned,
    replanned,
    sent: taken.length,
    distinct,
    outboxRows: rows!.total,
    outboxSent: rows!.sent,
    faults,
    seconds,
    exactlyOnce: replanned === 0 && taken.length === reminders && distinct === reminders && rows!.total === reminders && rows!.sent === reminders,
    sampleNumbers: [number(1), number(reminders)],
  };
}
