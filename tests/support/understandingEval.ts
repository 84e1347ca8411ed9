import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { aliasTable, commands, type CommandName } from '../../commands/index';
import type { AnyCommand } from '../../commands/command';
import { hasHan, lex } from '../../commands/lexer';
import { typedCommand } from '../../commands/typed';
import type { Entities } from '../../commands/understanding/entities';
import { commandIntents, familyOf, noIntent, type Family } from '../../commands/understanding/intents';
import { intentOf, understand, type Understanding, type Understood } from '../../commands/understanding/understand';
import type { KnownCodes } from '../../domain/catalog';
import { demoDocumentPath } from '../../gateway/demo/load';

/** One held-out message: its intent (or others that are as right) and the entities it names (only those it names are checked). */
export interface HeldOutItem {
  text: string;
  intent: string;
  also?: string[];
  batch?: string;
  split?: 'validation';
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

/** A set of messages to judge the understanding on, and who wrote them. */
export interface EvalSet {
  name: string;
  /** written by other people (a public corpus), not by this project */
  others: boolean;
  items: HeldOutItem[];
}

const here = join(__dirname, '../commands/understanding');
const readSet = (file: string) => JSON.parse(readFileSync(join(here, file), 'utf8')) as { today?: string; source?: { name: string }; items: HeldOutItem[] };

/** The authored held-out set (heldout.json): months are relative to its `today`; every item marked `split: validation` is for calibration only. */
export const heldOut = readSet('heldout.json') as { today: string; items: HeldOutItem[] };
export const today = heldOut.today;

/** The held-out sets, never trained on nor calibrated on: the project's own, and the test splits of public corpora. */
export const heldOutSets: EvalSet[] = [
  { name: 'fieldline, authored', others: false, items: heldOut.items.filter((item) => item.split !== 'validation') },
  { name: 'CLINC150 test split (en)', others: true, items: readSet('public/clinc150.test.json').items },
  { name: 'CrossWOZ test split (zh)', others: true, items: readSet('public/crosswoz.test.json').items },
];

/** What the thresholds are chosen on (npm run nlp:calibrate): the validation splits. */
export const validationSets: EvalSet[] = [
  { name: 'fieldline, authored (validation)', others: false, items: heldOut.items.filter((item) => item.split === 'validation') },
  { name: 'CLINC150 validation split (en)', others: true, items: readSet('public/clinc150.val.json').items },
  { name: 'CrossWOZ validation split, second half (zh)', others: true, items: readSet('public/crosswoz.val.json').items },
];

/** The demo catalogue's codes, answering `knownCodes` in memory as the store does from its tables. */
export function demoCatalog(): { knownCodes(words: readonly string[]): Promise<KnownCodes> } {
  const demo = JSON.parse(readFileSync(demoDocumentPath, 'utf8')) as {
    products: { sku: string }[];
    stores: { code: string }[];
    warehouses: { code: string }[];
  };
  const among = (codes: string[], words: readonly string[]) => codes.filter((code) => words.some((word) => word.toUpperCase() === code.toUpperCase()));
  return {
    knownCodes: async (words) => ({
      skus: among(
        demo.products.map((p) => p.sku),
        words,
      ),
      stores: among(
        demo.stores.map((s) => s.code),
        words,
      ),
      warehouses: among(
        demo.warehouses.map((w) => w.code),
        words,
      ),
    }),
  };
}

/** The intent a command stands for (`in` is checkin). */
const intentOfCommand = (command: CommandName): string => Object.entries(commandIntents).find(([, intent]) => intent.command === command)?.[0] ?? command;

/** What a whole message came to, as the router takes it: typed as a command, or understood (a keyword kept as the fallback). */
export interface Handled {
  /** typed: the message was the command; otherwise what understanding made of it */
  outcome: 'typed' | Understood['kind'];
  intent: string;
  /** the command that would change data at once (typed) or on YES (proposed) */
  writes: CommandName | null;
  entities: Entities | null;
}

export async function handle(text: string, understanding: Understanding, catalog = demoCatalog()): Promise<Handled> {
  const typed = typedCommand(lex(text, aliasTable));
  if (typed.kind === 'command') {
    const command = commands[typed.command] as AnyCommand;
    // YES and NO only answer a question a dialog asked; TICKET n alone reads.
    const answers = typed.command === 'yes' || typed.command === 'no' || (typed.command === 'ticket' && typed.args.length <= 1);
    return { outcome: 'typed', intent: intentOfCommand(typed.command), writes: command.changesData && !answers ? typed.command : null, entities: null };
  }
  const { understood, entities } = await understand(text, understanding, catalog, () => today);
  // Text that began with a keyword and was understood as nothing else gets the keyword's usage.
  if (understood.kind === 'unsure' && typed.keyword) return { outcome: 'incomplete', intent: intentOfCommand(typed.keyword), writes: null, entities };
  return { outcome: understood.kind, intent: intentOf(understood), writes: understood.kind === 'proposal' ? understood.command : null, entities };
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

/** An intent's family, with none its own: what the read/write confusion counts. */
export type Kind = Family | 'none';
const kindOf = (intent: string): Kind => (intent === noIntent ? 'none' : (familyOf(intent) ?? 'none'));
export const kinds: readonly Kind[] = ['read', 'write', 'social', 'none'];

export interface Evaluation {
  total: number;
  correct: number;
  accuracy: number;
  /** per language of the message (Chinese when it has Han characters) */
  byLanguage: Record<'en' | 'zh', { total: number; correct: number }>;
  perIntent: { intent: string; support: number; precision: number; recall: number }[];
  /** a write proposed (or typed) where none, or another, was meant: must be none */
  unsafe: { text: string; expected: string; writes: string }[];
  /** a write answered at once from free text, never proposed: must be none */
  writesExecuted: string[];
  /** expected kind → the kind it was handled as */
  confusion: Record<Kind, Record<Kind, number>>;
  outcomes: Record<Handled['outcome'], number>;
  entities: { key: string; expected: number; correct: number }[];
  entityAccuracy: number | null;
  misses: { text: string; expected: string; got: string; outcome: string }[];
  entityMisses: { text: string; key: string; expected: unknown; got: unknown }[];
  /** milliseconds per message, in order */
  latenciesMs: number[];
}

/** Runs every item through the router's reading (lexer, typed commands, entities, the catalogue, the classifier, the decision). */
export async function evaluate(understanding: Understanding, items: readonly HeldOutItem[]): Promise<Evaluation> {
  const catalog = demoCatalog();
  const outcomes = { typed: 0, command: 0, proposal: 0, incomplete: 0, social: 0, unsure: 0 };
  const confusion = Object.fromEntries(kinds.map((k) => [k, Object.fromEntries(kinds.map((g) => [g, 0]))])) as Evaluation['confusion'];
  const byLanguage = { en: { total: 0, correct: 0 }, zh: { total: 0, correct: 0 } };
  const results: { item: HeldOutItem; got: string; right: boolean }[] = [];
  const entityCounts = new Map<string, { expected: number; correct: number }>(entityKeys.map((key) => [key, { expected: 0, correct: 0 }]));
  const found: Pick<Evaluation, 'unsafe' | 'writesExecuted' | 'misses' | 'entityMisses' | 'latenciesMs'> = {
    unsafe: [],
    writesExecuted: [],
    misses: [],
    entityMisses: [],
    latenciesMs: [],
  };
  for (const item of items) {
    const started = process.hrtime.bigint();
    const handled = await handle(item.text, understanding, catalog);
    found.latenciesMs.push(Number(process.hrtime.bigint() - started) / 1e6);
    outcomes[handled.outcome] += 1;
    const right = handled.intent === item.intent || (item.also ?? []).includes(handled.intent);
    results.push({ item, got: handled.intent, right });
    const language = hasHan(item.text) ? 'zh' : 'en';
    byLanguage[language].total += 1;
    if (right) byLanguage[language].correct += 1;
    else found.misses.push({ text: item.text, expected: item.intent, got: handled.intent, outcome: handled.outcome });
    confusion[kindOf(item.intent)][handled.outcome === 'unsure' ? 'none' : kindOf(handled.intent)] += 1;
    if (handled.writes && commandIntents[item.intent]?.command !== handled.writes)
      found.unsafe.push({ text: item.text, expected: item.intent, writes: handled.writes });
    if (handled.outcome === 'command' && (commands[handled.intent as CommandName] as AnyCommand | undefined)?.changesData && handled.intent !== 'ticket')
      found.writesExecuted.push(item.text);
    if (!handled.entities) continue;
    for (const key of entityKeys) {
      if (item[key] === undefined) continue;
      const counts = entityCounts.get(key)!;
      counts.expected += 1;
      const value = entityValue(key, handled.entities);
      if (JSON.stringify(value) === JSON.stringify(item[key])) counts.correct += 1;
      else found.entityMisses.push({ text: item.text, key, expected: item[key], got: value });
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
  const correct = results.filter((r) => r.right).length;
  return {
    total: items.length,
    correct,
    accuracy: correct / items.length,
    byLanguage,
    perIntent,
    confusion,
    outcomes,
    entities,
    entityAccuracy: expected ? entities.reduce((sum, e) => sum + e.correct, 0) / expected : null,
    ...found,
  };
}

export const percentile = (values: readonly number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};
