import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sql } from './sql';

const migrationsDir = join(__dirname, 'migrations');

/** Applies the migrations not yet applied, in name order, each in its own transaction. Safe to run from several processes. */
export async function migrate(sql: Sql): Promise<string[]> {
  const files = readdirSync(migrationsDir)
    .filter((name) => name.endsWith('.sql'))
    .sort();
  const applied: string[] = [];
  await sql.transaction(async (tx) => {
    // One process migrates at a time; the others wait here and then find nothing left to do.
    await tx.query('select pg_advisory_xact_lock(727001)');
    await tx.query('create table if not exists schema_migrations (version text primary key, applied_at timestamptz not null default now())');
    const done = new Set((await tx.query<{ version: string }>('select version from schema_migrations')).map((row) => row.version));
    for (const file of files) {
      if (done.has(file)) continue;
      try {
        await tx.script(readFileSync(join(migrationsDir, file), 'utf8'));
      } catch (cause) {
        throw new Error(`applying migration ${file}`, { cause });
      }
      await tx.query('insert into schema_migrations (version) values ($1)', [file]);
      applied.push(file);
    }
  });
  return applied;
}

/** This installation's id (made by the first migration): what tells its queues from another's on a shared Redis. */
export async function installationId(sql: Sql): Promise<string> {
  const [row] = await sql.query<{ id: string }>('select id from installation');
  if (!row) throw new Error('the installation row is missing: were the migrations applied?');
  return row.id;
}

/** Answers when the database answers a query (readiness). */
export async function databaseAnswers(sql: Sql): Promise<void> {
  await sql.query('select 1');
}

/** Creates a PostgreSQL schema of its own (tests, benchmarks) if it does not exist. */
export async function createSchema(sql: Sql, schema: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`not a schema name: ${schema}`);
  await sql.query(`create schema if not exists ${schema}`);
}
