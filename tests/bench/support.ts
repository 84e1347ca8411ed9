import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** What both benchmarks share: where PostgreSQL and Redis are, and the processes they start. */
export const root = join(__dirname, '..', '..');
export const pgBase = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432';
export const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The recurring jobs unscheduled: a run measures only what it sends itself (no alert about the demo's stock, say). */
export const schedulesOff = {
  DUNNING_SCHEDULE: 'off',
  BIRTHDAYS_SCHEDULE: 'off',
  ALERT_ESCALATION_SCHEDULE: 'off',
  CHECKIN_REMINDERS_SCHEDULE: 'off',
  SALES_REMINDERS_SCHEDULE: 'off',
  STALE_VEHICLES_SCHEDULE: 'off',
};

/** The traffic guard lifted: the same few numbers send thousands of messages (the guard has tests of its own). */
export const guardOff = {
  SENDER_MESSAGES_PER_MINUTE: '0',
  REPEATED_TEXT_LIMIT: '0',
  UNREGISTERED_REPLIES_PER_HOUR: '0',
  UNREGISTERED_REPLIES_PER_PREFIX_PER_HOUR: '0',
};

/** `count` customers in Asia/Shanghai (ids `<idPrefix>1…`, phones +8613900000001…), each with one invoice whose −3 dunning step falls today. */
export async function customersOwingIn3Days(sql: { script(text: string): Promise<void> }, count: number, idPrefix: string): Promise<void> {
  const due = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
  await sql.script(`
    insert into people (id, name, role, phone, language, timezone)
      select '${idPrefix}' || i, 'Customer ' || i, 'customer', '+861390' || lpad(i::text, 7, '0'), case when i % 2 = 0 then 'zh' else 'en' end, 'Asia/Shanghai'
        from generate_series(1, ${count}) as i;
    insert into invoices (number, person, amount, due_date)
      select 'INV-${idPrefix}' || i, '${idPrefix}' || i, 100 + i % 1000, '${due}' from generate_series(1, ${count}) as i;
    analyze;`);
}

/**
 * An entry point in a process of its own (`stdout: 'pipe'` to read what it prints; `nodeArgs`: --cpu-prof, …):
 * compiled from dist/ once `buildOnce` built it, so a baseline runs as compiled as the gateway; else through tsx.
 */
export function startProcess(script: string, env: Record<string, string>, options: { stdout?: 'ignore' | 'pipe'; nodeArgs?: string[] } = {}): ChildProcess {
  const compiled = join(root, 'dist', script.replace(/\.tsx?$/, '.js'));
  const entry = built && existsSync(compiled) ? [compiled] : ['--import', 'tsx', script];
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...entry], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
  });
  child.on('exit', (code) => code && code !== 0 && code !== 143 && console.error(`${script} exited with ${code}`));
  return child;
}

/**
 * A gateway process started as `npm start` starts it: its script, run by a shell as npm runs it (which
 * works out the role's node flags), the compiled build when `npm run build` made it fresh;
 * `nodeArgs` go before npm start's own. The shell execs node, so the child's pid is the gateway's own
 * (its CPU and RSS are read from /proc).
 */
export function startGateway(env: Record<string, string>, options: { nodeArgs?: string[] } = {}): ChildProcess {
  const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
  if (!script.startsWith('node ')) throw new Error(`npm start is not a node command: ${script}`);
  const quoted = [process.execPath, ...(options.nodeArgs ?? [])].map((word) => `'${word.replace(/'/g, `'\\''`)}'`);
  const child = spawn('sh', ['-c', `exec ${quoted.join(' ')} ${script.slice('node '.length)}`], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => code && code !== 0 && code !== 143 && console.error(`the gateway exited with ${code}`));
  return child;
}

/** `npm run build`, once per benchmark: the gateway then runs compiled, as npm start runs it on a built machine. */
let built = false;
export function buildOnce(): void {
  if (!built) execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
  built = true;
}

/** A script that prints its result as JSON on its last line of stdout, run to its end. */
export async function childRate<T>(script: string, env: Record<string, string>): Promise<T> {
  const child = startProcess(script, env, { stdout: 'pipe' });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  await new Promise((resolve) => child.once('exit', resolve));
  return JSON.parse(output.trim().split('\n').at(-1)!);
}
