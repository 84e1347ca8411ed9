import { randomBytes } from 'node:crypto';
import calculateSlot from 'cluster-key-slot';
import { DateTime } from 'luxon';
import { migrate } from '../../adapters/db/migrate';
import { postgresSql, type Sql } from '../../adapters/db/sql';
import { adminApi, databaseUrl, eventually, gatewayWithFakeTwilio, postTwilio, smsForm } from '../support/gateway';

/**
 * DATABASE_REPLICA_URL (issue 17, part 7): the reports read the replica, everything else the
 * primary. The "replica" here is a schema of its own holding other figures, so that what a report
 * shows tells which database it read.
 */
const replicaSchema = `r_${process.pid}_${randomBytes(3).toString('hex')}`;
const month = DateTime.now().setZone('Asia/Shanghai').toFormat('yyyy-MM');

describe('a read replica', () => {
  let replica: Sql;
  beforeAll(async () => {
    replica = postgresSql(databaseUrl, { schema: replicaSchema, max: 1 });
    await replica.query(`create schema ${replicaSchema}`);
    await migrate(replica);
    await replica.query(
      `insert into outbox (channel, transport, recipient, body, kind, status, segments, encoding, sent_at)
       values ('sms', 'twilio', '+8613800000001', 'on the replica', 'dunning', 'delivered', 3, 'UCS-2', now())`,
    );
  });
  const setup = gatewayWithFakeTwilio({ env: { DATABASE_REPLICA_URL: `${databaseUrl}?options=-c%20search_path%3D${replicaSchema}` } });
  afterAll(async () => {
    await replica.query(`drop schema if exists ${replicaSchema} cascade`);
    await replica.close();
  });

  test('the SMS cost report reads the replica; messages and listings the primary', async () => {
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STOCK A100', 'SMreplica1'));
    await eventually(async () => (setup.twilio.messages.length === 1 ? true : undefined));
    // The fake has it a moment before the dispatcher records the provider's answer.
    const sent = async () => (await setup.gateway.runtime.sql.query<{ n: number }>(`select count(*)::int as n from outbox where sent_at is not null`))[0]!.n;
    expect(await eventually(async () => ((await sent()) === 1 ? 1 : undefined))).toBe(1);
    const { status, json } = await adminApi(setup.gateway, 'GET', `/api/v1/reports/sms-cost?month=${month}`);
    expect(status).toBe(200);
    expect(json.rows).toEqual([expect.objectContaining({ kind: 'dunning', channel: 'sms', messages: 1, segments: 3 })]);
    const tickets = await adminApi(setup.gateway, 'GET', '/api/v1/tickets');
    expect(tickets.status).toBe(200);
  });

  test('a replica without a primary is a configuration error', async () => {
    const { loadConfig } = await import('../../gateway/config');
    expect(() => loadConfig({ DATABASE_REPLICA_URL: databaseUrl })).toThrow(/DATABASE_REPLICA_URL.*primary/);
  });
});

describe('a hash-tagged queue prefix (Redis Cluster)', () => {
  const tag = `ht_${process.pid}_${randomBytes(3).toString('hex')}`;
  const setup = gatewayWithFakeTwilio({ env: { QUEUE_PREFIX: `{${tag}}` } });

  test('every key of the installation sits inside the braces, so it hashes to one slot', async () => {
    await postTwilio(setup.gateway, '/webhooks/twilio/sms', smsForm('+8613800000002', 'STOCK B200', 'SMtagged1'));
    await eventually(async () => (setup.twilio.messages.length === 1 ? true : undefined));
    const { connection, prefix } = setup.gateway.runtime.queues;
    expect(prefix).toMatch(new RegExp(`^\\{${tag}:[\\w-]+\\}$`));
    const keys = await connection.keys(`*${tag}*`);
    expect(keys.length).toBeGreaterThan(3);
    expect(keys.filter((key) => !key.startsWith(prefix))).toEqual([]);
    // The slot Redis Cluster would put each key in (CRC16 of the hash tag, as ioredis computes it).
    expect(new Set(keys.map((key) => calculateSlot(key))).size).toBe(1);
  });
});
