import { mkdirSync } from 'node:fs';
import pino, { type Logger } from 'pino';
import { migrate } from '../adapters/db/migrate';
import { sqlImporter } from '../adapters/db/importer';
import { pgliteSql, postgresSql, type Sql } from '../adapters/db/sql';
import { sqlStore } from '../adapters/db/store';
import { createQueues, type Queues } from '../adapters/queue/queues';
import { simulatorSender } from '../adapters/sms/simulator';
import { twilioSender } from '../adapters/sms/twilio';
import type { Transport } from '../domain/messages';
import type { Clock, ImportStore, MessageSender, Store } from '../domain/ports';
import type { Config } from './config';
import { createMetrics, type Metrics } from './metrics';

/** Everything a request or a job needs, built once here and passed down (mailroom's runtime). */
export interface Runtime {
  config: Config;
  sql: Sql;
  store: Store;
  importer: ImportStore;
  queues: Queues;
  senders: Partial<Record<Transport, MessageSender>>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** the migrations this start applied; all of them on a fresh database */
  migrated: string[];
  close(): Promise<void>;
}

export interface RuntimeOverrides {
  /** tests: a PostgreSQL schema of their own */
  schema?: string;
  clock?: Clock;
  logger?: Logger;
}

export async function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const sql = await openDatabase(config, overrides.schema);
  const migrated = await migrate(sql);
  const [installation] = await sql.query<{ id: string }>('select id from installation');
  const queues = createQueues(config.redisUrl, config.queuePrefix, installation!.id);
  const senders: Runtime['senders'] = { simulator: simulatorSender() };
  if (config.twilio) senders.twilio = twilioSender(config.twilio);
  return {
    config,
    sql,
    store: sqlStore(sql),
    importer: sqlImporter(sql),
    queues,
    senders,
    clock: overrides.clock ?? { now: () => new Date() },
    logger: overrides.logger ?? pino({ level: config.logLevel, base: undefined }),
    metrics: createMetrics(queues),
    migrated,
    async close() {
      await queues.close();
      await sql.close();
    },
  };
}

export async function openDatabase(config: Config, schema?: string): Promise<Sql> {
  if (config.databaseUrl) {
    if (schema) {
      const admin = postgresSql(config.databaseUrl, { max: 1 });
      await admin.query(`create schema if not exists ${schema}`);
      await admin.close();
    }
    return postgresSql(config.databaseUrl, { schema });
  }
  if (config.dataDir !== ':memory:') mkdirSync(config.dataDir, { recursive: true });
  return pgliteSql(config.dataDir === ':memory:' ? undefined : config.dataDir);
}
