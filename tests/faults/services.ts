import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import IORedis from 'ioredis';
import { sleep } from '../bench/support';

/**
 * The fault run's own PostgreSQL and Redis, on ports of their own: restarting them (the faults)
 * touches nothing else on the machine, and a run leaves nothing behind.
 */
export interface Service {
  url: string;
  /** stops it abruptly (a crash: PostgreSQL recovers from its WAL; Redis comes back empty) and starts it again */
  crashAndRestart(downMs: number): Promise<void>;
  stop(): Promise<void>;
}

/** A port nothing listens on now: the kernel's choice for a listener on port 0 (a random one may be taken, by an outgoing connection even). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * initdb and pg_ctl of the installed server, as the postgres user when run as root (initdb refuses
 * root). fsync is off: a crash of the server process (what the run does) loses nothing with it, as
 * the operating system keeps what was written; a committed transaction is on disk before the commit returns.
 */
export async function privatePostgres(): Promise<Service> {
  const bin = process.env.PG_BIN ?? join('/usr/lib/postgresql', readdirSync('/usr/lib/postgresql').sort().at(-1)!, 'bin');
  const dir = mkdtempSync(join(tmpdir(), 'fl-faults-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
    chownSync(dir, uid, gid);
  }
  const run = (tool: string, args: string[]) =>
    execFileSync(asRoot ? 'runuser' : join(bin, tool), asRoot ? ['-u', 'postgres', '--', join(bin, tool), ...args] : args, { stdio: 'pipe' });
  run('initdb', ['-D', dir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions']);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300 -c full_page_writes=off`;
  const start = () => run('pg_ctl', ['-D', dir, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async crashAndRestart(downMs) {
      run('pg_ctl', ['-D', dir, '-m', 'immediate', 'stop']);
      await sleep(downMs);
      start();
    },
    async stop() {
      run('pg_ctl', ['-D', dir, '-m', 'immediate', 'stop']);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** redis-server without persistence, as CI starts it: a restart comes back with no keys at all. */
export async function privateRedis(): Promise<Service> {
  const port = await freePort();
  let server: ChildProcess;
  const start = async () => {
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let said = '';
    for (const stream of [server.stdout!, server.stderr!]) stream.on('data', (chunk: Buffer) => void (said = (said + chunk.toString()).slice(-2000)));
    const probe = new IORedis(`redis://127.0.0.1:${port}`, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    probe.on('error', () => undefined);
    for (let i = 0; ; i++) {
      if (
        await probe.connect().then(
          () => probe.ping(),
          () => null,
        )
      )
        break;
      if (i > 100) throw new Error('redis-server did not start');
      await sleep(50);
    }
    probe.disconnect();
  };
  const kill = async () => {
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill('SIGKILL');
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}`,
    async crashAndRestart(downMs) {
      await kill();
      await sleep(downMs);
      await start();
    },
    stop: kill,
  };
}
