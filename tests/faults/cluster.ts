import type { ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sleep, startProcess } from '../bench/support';

/**
 * The gateway as production runs it, scaled out: separate processes, each `npm start` with its
 * PROCESS_ROLE, on one PostgreSQL and one Redis. Each process logs (JSON lines, as the gateway
 * writes them) to a file of its own, read after the run.
 */
export interface GatewayProcess {
  name: string;
  role: 'web' | 'worker';
  /** web processes: where the load balancer sends requests */
  url: string | null;
  logFile: string;
  child: ChildProcess;
}

export class Cluster {
  readonly processes = new Map<string, GatewayProcess>();
  /** processes that ended by themselves (a crash), not by a kill or stop of ours */
  readonly crashes: string[] = [];
  private readonly ending = new Set<ChildProcess>();
  constructor(
    private readonly env: Record<string, string>,
    private readonly logDir: string,
  ) {}

  /** Starts a process and waits until it says it is running (a worker: its NLU model loaded). */
  async start(name: string, role: 'web' | 'worker', port = 0): Promise<GatewayProcess> {
    const logFile = join(this.logDir, `${name}.log`);
    const child = startProcess('gateway/main.ts', { ...this.env, PROCESS_ROLE: role, PORT: String(port) }, { stdout: 'pipe' });
    writeFileSync(logFile, '', { flag: 'a' });
    const from = statSync(logFile).size; // a restart appends to the log of the process before it
    const log = createWriteStream(logFile, { flags: 'a' });
    child.stdout!.pipe(log);
    const started = Date.now();
    child.once('exit', (code, signal) => {
      if (!this.ending.has(child)) this.crashes.push(`${name} exited by itself (${code ?? signal}) after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
    const process: GatewayProcess = { name, role, url: role === 'web' ? `http://127.0.0.1:${port}` : null, logFile, child };
    this.processes.set(name, process);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} while starting`);
      if (readFileSync(logFile).subarray(from).toString('utf8').includes('"msg":"fieldline is running"')) break;
      if (Date.now() - started > 120_000) throw new Error(`${name} did not start in 2 minutes`);
      await sleep(100);
    }
    return process;
  }

  /** SIGKILL: no handler runs, whatever was in flight is cut where it stood. */
  async kill(name: string): Promise<void> {
    const { child } = this.processes.get(name)!;
    if (child.exitCode !== null || child.signalCode !== null) return; // it crashed before: nothing to kill
    const exited = new Promise((resolve) => child.once('exit', resolve));
    this.ending.add(child);
    child.kill('SIGKILL');
    await exited;
  }

  async restart(name: string): Promise<void> {
    const { role, url } = this.processes.get(name)!;
    await this.start(name, role, url ? Number(new URL(url).port) : 0);
  }

  /** The web processes alive now: what a load balancer's health check would route to. */
  webUrls(): string[] {
    return [...this.processes.values()].filter((p) => p.role === 'web' && p.child.exitCode === null && p.child.signalCode === null).map((p) => p.url!);
  }

  /** SIGTERM to every process, and waits for them (a graceful stop, as a deploy does). */
  async stop(): Promise<void> {
    await Promise.all(
      [...this.processes.values()].map(async ({ child }) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        const exited = new Promise((resolve) => child.once('exit', resolve));
        this.ending.add(child);
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
      }),
    );
  }
}
