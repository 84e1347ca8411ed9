import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

/** What both benchmarks share: where PostgreSQL and Redis are, and the processes they start. */
export const root = join(__dirname, '..', '..');
export const pgBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A TypeScript entry point in a process of its own (`stdout: 'pipe'` to read what it prints; `nodeArgs`: --cpu-prof, …). */
export function startProcess(script: string, env: Record<string, string>, options: { stdout?: 'ignore' | 'pipe'; nodeArgs?: string[] } = {}): ChildProcess {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
  });
  child.on('exit', (code) => code && code !== 0 && code !== 143 && console.error(`${script} exited with ${code}`));
  return child;
}
