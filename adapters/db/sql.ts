import { Pool, type PoolClient, types } from 'pg';
import type { PGlite, Transaction } from '@electric-sql/pglite';

/**
 * A statement run on every message: PostgreSQL parses and plans it once per connection
 * (a named prepared statement) instead of on every call. Its plan may be kept for the
 * connection's life: a statement that joins a table which grows from empty (the outbox) by
 * a list of ids can keep a small table's sequential scan; such a one is left unprepared
 * (messageLog's recordSentStatement, store's answerInbound). Statistics go stale too: a partial
 * index of waiting rows, analysed when none waited, looks empty to the planner however many wait,
 * so a statement that looks rows up by key does not name that index's condition (answerInbound).
 */
export interface NamedStatement {
  name: string;
  text: string;
}
export const statement = (name: string, text: string): NamedStatement => ({ name, text });

/** The one SQL surface the store uses, with two real implementations: a PostgreSQL server and embedded PGlite. */
export interface Sql {
  readonly kind: 'postgres' | 'pglite';
  query<Row = Record<string, unknown>>(text: string | NamedStatement, params?: unknown[]): Promise<Row[]>;
  /** Several statements without parameters (a migration file). */
  script(text: string): Promise<void>;
  /** Runs `work` in one transaction; nested calls join the outer one. */
  transaction<T>(work: (tx: Sql) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

// bigint ids and counts fit a JS number for this domain's lifetimes; keep ids as strings anyway.
types.setTypeParser(types.builtins.INT8, (value) => value);

const textOf = (query: string | NamedStatement): string => (typeof query === 'string' ? query : query.text);
const toConfig = (query: string | NamedStatement, values?: unknown[]) => (typeof query === 'string' ? { text: query, values } : { ...query, values });

export function postgresSql(connectionString: string, options: { schema?: string; max?: number } = {}): Sql {
  const pool = new Pool({
    connectionString,
    max: options.max ?? 20,
    options: options.schema ? `-c search_path=${options.schema}` : undefined,
  });
  // An idle client losing its server connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  const onClient = (client: PoolClient): Sql => ({
    kind: 'postgres',
    query: async (text, params) => (await client.query(toConfig(text, params))).rows,
    script: async (text) => void (await client.query(text)),
    transaction: (work) => work(onClient(client)),
    close: async () => undefined,
  });
  return {
    kind: 'postgres',
    query: async (text, params) => (await pool.query(toConfig(text, params))).rows,
    script: async (text) => void (await pool.query(text)),
    async transaction(work) {
      const client = await pool.connect();
      // The connection lost while the transaction waits on our code (the server restarting) is an
      // 'error' event on the checked-out client, which would end the process unheard; heard, the next
      // query fails and the transaction with it, and the broken client is discarded, not pooled again.
      let lost: Error | undefined;
      const onLost = (error: Error) => void (lost = error);
      client.on('error', onLost);
      try {
        await client.query('begin');
        const result = await work(onClient(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback').catch(() => undefined);
        throw error;
      } finally {
        client.off('error', onLost);
        client.release(lost);
      }
    },
    close: () => pool.end(),
  };
}

export async function pgliteSql(dataDir: string | undefined): Promise<Sql> {
  // PGlite ships as ESM and CommonJS; load it only when the embedded mode is used.
  const { PGlite } = await import('@electric-sql/pglite');
  const db: PGlite = await PGlite.create(dataDir ? { dataDir } : {});
  const onTransaction = (tx: Transaction): Sql => ({
    kind: 'pglite',
    query: async (text, params) => (await tx.query(textOf(text), params)).rows as never,
    script: async (text) => void (await tx.exec(text)),
    transaction: (work) => work(onTransaction(tx)),
    close: async () => undefined,
  });
  return {
    kind: 'pglite',
    query: async (text, params) => (await db.query(textOf(text), params)).rows as never,
    script: async (text) => void (await db.exec(text)),
    transaction: (work) => db.transaction((tx) => work(onTransaction(tx))),
    close: () => db.close(),
  };
}
