import { postgresSql } from '../../adapters/db/sql';
import { databaseUrl } from '../support/gateway';

/** The PostgreSQL adapter when the server goes away under it (found by the fault run: a restart ended a gateway process). */
describe('a transaction whose connection is cut', () => {
  const sql = postgresSql(databaseUrl, { max: 2 });
  const admin = postgresSql(databaseUrl, { max: 1 });
  afterAll(async () => {
    await sql.close();
    await admin.close();
  });

  test('fails the transaction, not the process; the pool goes on with a new connection', async () => {
    const outcome = sql.transaction(async (tx) => {
      const [{ pid }] = (await tx.query<{ pid: number }>('select pg_backend_pid() as pid')) as [{ pid: number }];
      await admin.query('select pg_terminate_backend($1)', [pid]);
      await new Promise((resolve) => setTimeout(resolve, 300)); // the lost connection's error event arrives while no query runs
      return tx.query('select 1 as one');
    });
    await expect(outcome).rejects.toThrow();
    expect(await sql.query<{ one: number }>('select 1 as one')).toEqual([{ one: 1 }]);
    expect(await sql.transaction((tx) => tx.query<{ two: number }>('select 2 as two'))).toEqual([{ two: 2 }]);
  });
});
