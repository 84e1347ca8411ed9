import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { readFileSafe } from './load';

/**
 * The CPU time each part of a run used (Linux /proc; user + system), beside the wall clock: on a
 * machine whose cores everything shares, the CPU a message costs in each process says what a rate
 * is made of, and what rate the cores allow at all.
 */
export interface CpuSplit {
  wallSeconds: number;
  /** the processes under test (gateways, the SDK alone, a bare server) */
  measured: number;
  /** this process (load generator, fake Twilio) and its load children */
  load: number;
  /** every PostgreSQL server process, those that exited meanwhile included */
  postgres: number;
  redis: number;
}

/** clock ticks per second of /proc's times (CLK_TCK, 100 on Linux) */
const tick = 100;

/** utime + stime of a process in seconds (with its waited-for children's: cutime + cstime); 0 when it is gone. */
function cpuOf(pid: number, withChildren = false): number {
  const stat = readFileSafe(`/proc/${pid}/stat`);
  if (!stat) return 0;
  // Fields after the command's closing parenthesis, from field 3 (state): utime is field 14.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const [utime, stime, cutime, cstime] = [11, 12, 13, 14].map((i) => Number(fields[i]));
  return (utime! + stime! + (withChildren ? cutime! + cstime! : 0)) / tick;
}

function processesNamed(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (/^\d+$/.test(entry) && readFileSafe(`/proc/${entry}/comm`).trim() === name) pids.push(Number(entry));
  }
  return pids;
}

/** PostgreSQL's CPU: every server process now, plus what its backends that have exited used (the postmaster's children's times). */
function postgresCpu(): number {
  const pids = processesNamed('postgres');
  const parentOf = (pid: number) => Number(readFileSafe(`/proc/${pid}/stat`).split(') ')[1]?.split(' ')[1] ?? 0);
  const postmasters = pids.filter((pid) => !pids.includes(parentOf(pid)));
  return pids.reduce((sum, pid) => sum + cpuOf(pid, postmasters.includes(pid)), 0);
}

const redisCpu = () => processesNamed('redis-server').reduce((sum, pid) => sum + cpuOf(pid), 0);
const selfCpu = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * Starts counting now; `read()` answers what each part used since (call it before the measured
 * processes exit: an exited child's time is not kept).
 */
export function cpuMeter(measured: readonly ChildProcess[], loadChildren: readonly ChildProcess[] = []) {
  const sample = () => ({
    at: Date.now(),
    measured: measured.reduce((sum, child) => sum + cpuOf(child.pid!), 0),
    load: selfCpu() + loadChildren.reduce((sum, child) => sum + cpuOf(child.pid!), 0),
    postgres: postgresCpu(),
    redis: redisCpu(),
  });
  const start = sample();
  return {
    read(): CpuSplit {
      const end = sample();
      return {
        wallSeconds: (end.at - start.at) / 1000,
        measured: end.measured - start.measured,
        load: end.load - start.load,
        postgres: end.postgres - start.postgres,
        redis: end.redis - start.redis,
      };
    },
  };
}

/** CPU milliseconds per message, by part, and the whole. */
export function perMessage(split: CpuSplit, messages: number) {
  const ms = (seconds: number) => Math.round(((seconds * 1000) / messages) * 1000) / 1000;
  return {
    measured: ms(split.measured),
    load: ms(split.load),
    postgres: ms(split.postgres),
    redis: ms(split.redis),
    total: ms(split.measured + split.load + split.postgres + split.redis),
  };
}

/**
 * How busy the machine's cores were from now until `read()` (Linux /proc/stat): the share of all
 * cores' time not idle (steal, time the host gave another guest, included), and steal alone, in %.
 */
export function coresBusy() {
  const sample = () => readFileSafe('/proc/stat').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const start = sample();
  return {
    read(): { busyPercent: number; stealPercent: number } {
      // user nice system idle iowait irq softirq steal …
      const spent = sample().map((value, i) => value - start[i]!);
      const total = spent.slice(0, 8).reduce((sum, value) => sum + value, 0);
      const percent = (ticks: number) => Math.round((100 * ticks) / total);
      return { busyPercent: percent(total - spent[3]! - spent[4]!), stealPercent: percent(spent[7]!) };
    },
  };
}
