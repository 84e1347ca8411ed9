import { abandonStuckSends } from '../../adapters/db/recovery';
import { answerInbound } from '../../adapters/db/store';
import { startTestGateway, type Database, type TestGateway } from '../support/gateway';

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  Plans?: PlanNode[];
}

/**
 * Statements that run on every message, or in every worker every few seconds, read what they need by
 * key or through a small partial index, however large the log grows and however stale the planner's
 * statistics are (this machine's PostgreSQL runs with autovacuum off): on both stores.
 */
describe.each<Database>(['postgres', 'pglite'])('store at scale on %s', (database) => {
  let gateway: TestGateway;
  beforeAll(async () => {
    gateway = await startTestGateway({ database, seed: false, workers: false });
  });
  afterAll(() => gateway.stop());

  test('a batch of messages is claimed by their keys, however many wait behind them', async () => {
    const { sql } = gateway.runtime;
    // 20,000 messages answered before; statistics taken when none waited (a vacuum between bursts); then a backlog of 3,000.
    await sql.query(
      `insert into inbox (channel, transport, external_id, sender, body, status, processed_at)
       select 'sms', 'twilio', 'SM-history-${database}-' || n, '+8613800000002', 'HELP', 'processed', now() from generate_series(1, 20000) n`,
    );
    await sql.query('analyze inbox');
    await sql.query(
      `insert into inbox (channel, transport, external_id, sender, body) select 'sms', 'twilio', 'SM-backlog-${database}-' || n, '+8613800000002', 'HELP' from generate_series(1, 3000) n`,
    );
    // The plan a connection would keep for the statement (made for any list of ids, not for one).
    const plan = await sql.transaction(async (tx) => {
      await tx.query('set local plan_cache_mode = force_generic_plan');
      await tx.query(`prepare claim_probe as ${answerInbound}`);
      const [row] = await tx.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>(
        `explain (format json) execute claim_probe(${Array.from({ length: 17 }, () => 'null').join(', ')})`,
      );
      await tx.query('deallocate claim_probe');
      return row!['QUERY PLAN'][0].Plan;
    });
    // How the inbox is read: each message through the primary key; not every waiting message through the partial index of waiting ones, nor a scan of them all.
    const reads = (node: PlanNode): string[] => [
      ...(node['Relation Name'] === 'inbox' && node['Node Type'] !== 'ModifyTable' ? [`${node['Node Type']} ${node['Index Name'] ?? ''}`.trim()] : []),
      ...(node.Plans ?? []).flatMap(reads),
    ];
    expect(reads(plan)).toEqual(['Index Scan inbox_pkey']);
    await sql.query(`update inbox set status = 'failed', processed_at = now() where external_id like 'SM-backlog-%' and status = 'received'`);
  });

  test('the sweep for sends a dead process left in flight reads those, not the whole outbox', async () => {
    const { sql } = gateway.runtime;
    await sql.query(
      `insert into outbox (channel, transport, recipient, body, kind, status, segments, encoding, sent_at)
       select 'sms', 'twilio', '+8613800000002', 'sent ' || n, 'reply', 'delivered', 1, 'GSM-7', now() from generate_series(1, 20000) n`,
    );
    const [stuck] = await sql.query<{ id: string }>(
      `insert into outbox (channel, transport, recipient, body, kind, status, sending_since, updated_at)
       values ('sms', 'twilio', '+8613800000002', 'in flight when its process died', 'reply', 'sending', now() - interval '10 minutes', now() - interval '10 minutes') returning id`,
    );
    await sql.query('analyze outbox');
    // Blocks of the outbox's table read in this transaction (not yet flushed: the difference is the sweep's).
    const fetched = async (tx: typeof sql) =>
      (await tx.query<{ blocks: number }>(`select pg_stat_get_xact_blocks_fetched('outbox'::regclass)::int as blocks`))[0]!.blocks;
    const { abandoned, blocks } = await sql.transaction(async (tx) => {
      const before = await fetched(tx);
      const abandoned = await abandonStuckSends(tx, 60);
      return { abandoned, blocks: (await fetched(tx)) - before };
    });
    expect(abandoned).toBe(1);
    expect((await sql.query<{ status: string }>('select status from outbox where id = $1', [stuck!.id]))[0]!.status).toBe('unknown');
    // The stuck row's page (and the page its new version goes to), not the hundreds of pages of 20,000 sent messages.
    expect(blocks).toBeLessThan(10);
  });
});
