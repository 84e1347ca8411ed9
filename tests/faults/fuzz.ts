import fc from 'fast-check';
import { hostileProperties } from '../support/hostile';

/**
 * A million generated inputs through the parsers (issue 17, part 5, at volume), shared out by how
 * fast each parser is; prints its result as one line of JSON for tests/faults/run.ts.
 */
const runs = Number(process.env.FUZZ_RUNS ?? 1_000_000);
const shares = { lexer: 0.4, location: 0.4, importDocument: 0.15, telegramUpdate: 0.05 } as const;
const started = Date.now();
const failures: string[] = [];
const perProperty: Record<string, number> = {};
for (const [name, share] of Object.entries(shares) as [keyof typeof shares, number][]) {
  const numRuns = Math.round(runs * share);
  perProperty[name] = numRuns;
  try {
    fc.assert(hostileProperties[name], { numRuns });
  } catch (error) {
    failures.push(`${name}: ${(error as Error).message.slice(0, 500)}`);
  }
}
console.log(JSON.stringify({ runs: Object.values(perProperty).reduce((a, b) => a + b, 0), seconds: (Date.now() - started) / 1000, failures, perProperty }));
