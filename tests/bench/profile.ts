import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { FakeTwilio } from '../support/twilioFake';
import {
  benchGatewayEnv,
  demoDatabase,
  drained,
  drive,
  duration,
  freeTextQuestion,
  steadyLoad,
  stockQuery,
  stopProcess,
  waitHealthy,
  workersReady,
} from './load';
import { fixedRate } from './phases';
import { buildOnce, root, startGateway } from './support';

/**
 * `npm run bench:profile [-- web all free steady]`: where a gateway process spends its time under the
 * benchmark's load. Each phase runs one gateway with `node --cpu-prof`, drives it as `npm run bench`
 * does (signed STOCK webhooks; `free`: free-text questions; `steady`: the fixed rate), lets it drain, stops it, and sums the
 * profile's samples by function (self time) and by where the code lives (our folders, each package,
 * node's internals, the garbage collector). Results: tests/bench/profiles.md.
 */
interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/**
 * The samples of the loaded stretch: from the first sample inside the webhook's handler to the last
 * one (to the end of the profile where the process drains a queue after the load), so that start-up
 * (compiling modules, loading the console's assets) does not count.
 */
function loadedSamples(profile: CpuProfile, untilEnd: boolean): { samples: number[]; seconds: number } {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const inWebhook = new Map<number, boolean>();
  const underWebhook = (id: number): boolean => {
    const known = inWebhook.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    // The webhook's handler itself (`receive`), not the module's top level, which runs at start-up.
    const own = /gateway\/channels\/twilio\.(ts|js)$/.test(node.callFrame.url) && node.callFrame.functionName === 'receive';
    const up = parent.get(id);
    const answer = own || (up !== undefined && underWebhook(up));
    inWebhook.set(id, answer);
    return answer;
  };
  let at = profile.startTime;
  const times = profile.timeDeltas.map((delta) => (at += delta));
  const first = profile.samples.findIndex((id) => underWebhook(id));
  let last = profile.samples.length - 1;
  if (!untilEnd) while (last > first && !underWebhook(profile.samples[last]!)) last -= 1;
  if (first < 0) return { samples: profile.samples, seconds: (profile.endTime - profile.startTime) / 1e6 };
  return { samples: profile.samples.slice(first, last + 1), seconds: (times[last]! - times[first]!) / 1e6 };
}

/** `steady`: all in one at the benchmark's fixed rate (evenly spaced webhooks, not saturation), where its p99 is measured. */
const phases = {
  web: { role: 'web', load: stockQuery },
  all: { role: 'all', load: stockQuery },
  free: { role: 'all', load: freeTextQuestion },
  steady: { role: 'all', load: stockQuery, rate: fixedRate },
} as const;
type Phase = keyof typeof phases;

/** Where a frame's code lives: one of our folders, a package, node itself, or V8's own (GC, idle, program). */
function areaOf(url: string, functionName: string): string {
  if (!url) return `(${functionName.replace(/[()]/g, '') || 'program'})`;
  if (url.startsWith('node:')) return 'node internals';
  const path = url.replace(/^file:\/\//, '');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pkg) return pkg[1]!;
  const rel = relative(root, path);
  return rel.startsWith('..') ? path : `${rel.split('/')[0]}/`;
}

function summarise(profile: CpuProfile, untilEnd: boolean, top = 25) {
  const loaded = loadedSamples(profile, untilEnd);
  const hits = new Map<number, number>();
  for (const id of loaded.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const total = loaded.samples.length;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const node of profile.nodes) {
    const n = hits.get(node.id) ?? 0;
    if (n === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const where = url ? `${relative(root, url.replace(/^file:\/\//, ''))}:${lineNumber + 1}` : '';
    const name = `${functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + n);
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + n);
  }
  const share = (entries: Map<string, number>, n: number) =>
    [...entries.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, count]) => ({ name, percent: Math.round((count / total) * 1000) / 10 }));
  return { seconds: loaded.seconds, samples: total, areas: share(byArea, 20), functions: share(byFunction, top) };
}

async function main(): Promise<void> {
  buildOnce();
  const asked = process.argv.slice(2).filter((a): a is Phase => a in phases);
  const run: Phase[] = asked.length > 0 ? asked : ['web', 'all', 'free', 'steady'];
  const db = 'fieldline_profile';
  const { admin, sql, databaseUrl } = await demoDatabase(db);
  const twilio = new FakeTwilio();
  const env = benchGatewayEnv(databaseUrl, await twilio.start(), `profile${process.pid}`);
  const sections: string[] = [];
  const results: Record<string, ReturnType<typeof summarise> & { requestsPerSecond: number }> = {};
  for (const phase of run) {
    const definition = phases[phase];
    const { role, load } = definition;
    const rate = 'rate' in definition ? definition.rate : null;
    const dir = mkdtempSync(join(tmpdir(), 'fieldline-prof-'));
    const gateway = startGateway({ ...env, PORT: '3950', PROCESS_ROLE: role }, { nodeArgs: ['--cpu-prof', '--cpu-prof-dir', dir] });
    await waitHealthy('http://127.0.0.1:3950');
    if (role === 'all') await workersReady(sql, env, 1); // the NLU model's loading is start-up, not load
    const requestsPerSecond = rate
      ? (await steadyLoad('http://127.0.0.1:3950', rate, duration)).sentPerSecond
      : (await drive('http://127.0.0.1:3950', load)).requests.average;
    if (role === 'all') await drained(sql, twilio);
    await stopProcess(gateway);
    const file = readdirSync(dir).find((f) => f.endsWith('.cpuprofile'));
    if (!file) throw new Error(`${phase}: no profile written in ${dir}`);
    const summary = {
      ...summarise(JSON.parse(readFileSync(join(dir, file), 'utf8')) as CpuProfile, role === 'all'),
      requestsPerSecond,
    };
    rmSync(dir, { recursive: true, force: true });
    results[phase] = summary;
    const table = (rows: { name: string; percent: number }[]) => rows.map((r) => `| ${r.name.replace(/\|/g, '\\|')} | ${r.percent} |`).join('\n');
    sections.push(`## ${phase}: PROCESS_ROLE=${role}, ${load === stockQuery ? 'STOCK A100' : 'free-text questions'}${rate ? `, a fixed ${rate} webhooks/s` : ''}

${Math.round(summary.requestsPerSecond)} req/s; ${summary.samples} samples over the ${summary.seconds.toFixed(1)} s from the first webhook to the ${role === 'all' ? 'end (the drain included)' : 'last'}.

| where the time goes (self time) | % |
| --- | --- |
${table(summary.areas)}

| top functions (self time) | % |
| --- | --- |
${table(summary.functions)}
`);
  }
  await twilio.stop();
  await sql.close();
  await admin.query(`drop database if exists ${db}`);
  await admin.close();
  const markdown = `# CPU profiles under the benchmark's load (\`npm run bench:profile\`)

Measured ${new Date().toISOString()}; \`node --cpu-prof\` of one gateway process while autocannon (or, for \`steady\`, the fixed-rate generator) drives it as \`npm run bench\` does
(PostgreSQL, Redis, autocannon and the fake Twilio on the same cores). Self time: the samples in which the function itself was running.

${sections.join('\n')}
\`\`\`json
${JSON.stringify(results, null, 2)}
\`\`\`
`;
  writeFileSync(join(__dirname, 'profiles.md'), markdown);
  console.log(markdown);
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
