import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commands } from '../../commands/index';
import type { AnyCommand } from '../../commands/command';
import type { Entities } from '../../commands/understanding/entities';
import { understand, type Understanding, type Understood } from '../../commands/understanding/understand';
import type { KnownCodes } from '../../domain/catalog';
import { demoDocumentPath } from '../../gateway/demo/load';

/** One held-out message: its intent and the entities it names (only those it names are checked). */
export interface HeldOutItem {
  text: string;
  intent: string;
  sku?: string;
  qty?: number;
  items?: [string, number][];
  number?: string;
  date?: string;
  month?: string;
  store?: string;
  warehouse?: string;
  language?: string;
}

export const heldOut = JSON.parse(readFileSync(join(__dirname, '../commands/understanding/heldout.json'), 'utf8')) as { today: string; items: HeldOutItem[] };

/** The demo catalogue's codes, answering `knownCodes` in memory as the store does from its tables. */
export function demoCatalog(): { knownCodes(words: readonly string[]): Promise<KnownCodes> } {
  const demo = JSON.parse(readFileSync(demoDocumentPath, 'utf8')) as { products: { sku: string }[]; stores: { code: string }[]; warehouses: { code: string }[] };
  const among = (codes: string[], words: readonly string[]) => codes.filter((code) => words.some((word) => word.toUpperCase() === code.toUpperCase()));
  return {
    knownCodes: async (words) => ({ skus: among(demo.products.map((p) => p.sku), words), stores: among(demo.stores.map((s) => s.code), words), warehouses: among(demo.warehouses.map((w) => w.code), words) }),
  };
}

const entityKeys = ['sku', 'qty', 'items', 'number', 'date', 'month', 'store', 'warehouse', 'language'] as const;

function entityValue(key: (typeof entityKeys)[number], entities: Entities): unknown {
  switch (key) {
    case 'sku':
      return entities.items[0]?.sku;
    case 'qty':
      return entities.items[0]?.qty ?? undefined;
    case 'items':
      return entities.items.map((item) => [item.sku, item.qty]);
    case 'number':
      return entities.numbers[0];
    default:
      return entities[key] ?? undefined;
  }
}

export interface Evaluation {
  total: number;
  intentAccuracy: number;
  perIntent: { intent: string; support: number; precision: number; recall: number }[];
  /** per entity kind: how many items named one, and how many were read right */
  entities: { key: string; expected: number; correct: number }[];
  entityAccuracy: number;
  /** items whose intent was one that writes and that were answered at once instead of proposed: must be none */
  writesExecuted: string[];
  outcomes: Record<Understood['kind'], number>;
  misses: { text: string; expected: string; got: string; score: number }[];
  entityMisses: { text: string; key: string; expected: unknown; got: unknown }[];
  /** milliseconds per message, in order */
  latenciesMs: number[];
}

/** Runs every item through `understand` exactly as the router does (entity reading, the catalogue, the classifier, the decision). */
export async function evaluate(understanding: Understanding, items: readonly HeldOutItem[], today: string): Promise<Evaluation> {
  const catalog = demoCatalog();
  const outcomes = { command: 0, proposal: 0, incomplete: 0, social: 0, unsure: 0 };
  const results: { item: HeldOutItem; got: string; score: number }[] = [];
  const entityCounts = new Map<string, { expected: number; correct: number }>(entityKeys.map((key) => [key, { expected: 0, correct: 0 }]));
  const evaluation: Pick<Evaluation, 'writesExecuted' | 'misses' | 'entityMisses' | 'latenciesMs'> = { writesExecuted: [], misses: [], entityMisses: [], latenciesMs: [] };
  for (const item of items) {
    const started = process.hrtime.bigint();
    const reading = await understand(item.text, understanding, catalog, today);
    evaluation.latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    const got = reading.guess && reading.guess.score >= understanding.threshold ? reading.guess.intent : 'none';
    outcomes[reading.understood.kind] += 1;
    if (reading.understood.kind === 'command' && (commands[reading.understood.command] as AnyCommand).changesData && reading.understood.command !== 'ticket') evaluation.writesExecuted.push(item.text);
    results.push({ item, got, score: reading.guess?.score ?? 0 });
    if (got !== item.intent) evaluation.misses.push({ text: item.text, expected: item.intent, got, score: reading.guess?.score ?? 0 });
    for (const key of entityKeys) {
      if (item[key] === undefined) continue;
      const counts = entityCounts.get(key)!;
      counts.expected += 1;
      const value = entityValue(key, reading.entities);
      if (JSON.stringify(value) === JSON.stringify(item[key])) counts.correct += 1;
      else evaluation.entityMisses.push({ text: item.text, key, expected: item[key], got: value });
    }
  }
  const intents = [...new Set(items.map((item) => item.intent))].sort();
  const perIntent = intents.map((intent) => {
    const predicted = results.filter((r) => r.got === intent).length;
    const truePositive = results.filter((r) => r.got === intent && r.item.intent === intent).length;
    const support = items.filter((item) => item.intent === intent).length;
    return { intent, support, precision: predicted ? truePositive / predicted : 0, recall: truePositive / support };
  });
  const entities = [...entityCounts].map(([key, counts]) => ({ key, ...counts })).filter((e) => e.expected > 0);
  const expected = entities.reduce((sum, e) => sum + e.expected, 0);
  return {
    total: items.length,
    intentAccuracy: results.filter((r) => r.got === r.item.intent).length / items.length,
    perIntent,
    entities,
    entityAccuracy: entities.reduce((sum, e) => sum + e.correct, 0) / expected,
    outcomes,
    ...evaluation,
  };
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
