import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NlpManager } from 'node-nlp';
import type { Language } from '../../domain/people';
import type { IntentClassifier, IntentGuess, TrainingCorpus } from '../../domain/ports';
import { englishBigramSteps, hanGramSteps } from './features';

/**
 * node-nlp trains until the error stops moving, which for the Chinese corpus took 280 to 870 epochs
 * (4 to 13 s) as it grew by a few utterances. 300 at most bounds a worker's retraining at ~6 s; on
 * the validation splits it cost 0.7 points on CrossWOZ and nothing elsewhere (English stops by itself near 60).
 */
const neuralSettings = { iterations: 300 };

/** Changes whenever what a model means changes: the file's layout, the settings, node-nlp's version. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a package's own package.json, for its version
const modelFormat = `fieldline-intents/2 ${JSON.stringify(neuralSettings)} node-nlp/${(require('node-nlp/package.json') as { version: string }).version}`;

/**
 * How the model reads Chinese: character n-grams (features.ts), or node-nlp's own CC-CEDICT
 * pipeline, which `npm run nlp:eval` measures beside it.
 */
export type ChineseTokens = 'han-grams' | 'cedict';

/** The model file: node-nlp's export, how it reads Chinese, and the fingerprint of what it was trained from. */
export interface ModelFile {
  fingerprint: string;
  trainedAt: string;
  utterances: number;
  chineseTokens: ChineseTokens;
  model: object;
}

export const corpusFingerprint = (corpus: TrainingCorpus, chineseTokens: ChineseTokens = 'han-grams'): string =>
  createHash('sha256').update(`${modelFormat} ${chineseTokens}`).update(JSON.stringify(corpus)).digest('hex');

/**
 * node-nlp, required on first use: its full require (every language and recognizer it ships, xlsx
 * among them) costs about 750 ms and 55 MB, which a web process, which never classifies, need not pay.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose
const nodeNlp = (): typeof import('node-nlp') => require('node-nlp') as typeof import('node-nlp');

function newManager(chineseTokens: ChineseTokens): NlpManager {
  // autoSave/autoLoad off: the model file is ours (written whole, with its fingerprint).
  // nlu.log off: training would print every epoch.
  // node-nlp takes each language's network settings as an object of its own (it deletes className from it).
  const network = () => ({ default: { className: 'NeuralNlu', ...neuralSettings } });
  const manager = new (nodeNlp().NlpManager)({
    languages: ['en', 'zh'],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    nlu: { log: false, en: network(), zh: network() },
  });
  if (chineseTokens === 'han-grams') for (const [name, step] of Object.entries(hanGramSteps)) manager.container.register(name, step, true);
  for (const [name, step] of Object.entries(englishBigramSteps)) manager.container.register(name, step, true);
  return manager;
}

async function train(corpus: TrainingCorpus, chineseTokens: ChineseTokens): Promise<{ manager: NlpManager; model: ModelFile }> {
  const manager = newManager(chineseTokens);
  let utterances = 0;
  for (const [language, intents] of Object.entries(corpus)) {
    for (const [intent, texts] of Object.entries(intents)) {
      for (const text of texts) manager.addDocument(language, text, intent);
      utterances += texts.length;
    }
  }
  await manager.train();
  const model = JSON.parse(manager.export(true)) as object;
  return { manager, model: { fingerprint: corpusFingerprint(corpus, chineseTokens), trainedAt: new Date().toISOString(), utterances, chineseTokens, model } };
}

/** Trains node-nlp's neural intent classifier on the corpus: the model file's content. */
export async function trainIntentModel(corpus: TrainingCorpus, chineseTokens: ChineseTokens = 'han-grams'): Promise<ModelFile> {
  return (await train(corpus, chineseTokens)).model;
}

/** A classifier over a model file's content. */
export function intentClassifier(file: ModelFile): IntentClassifier {
  const manager = newManager(file.chineseTokens);
  manager.import(file.model);
  return classifierOf(manager);
}

// node-nlp's spell check (a word within one edit of a known one counts as it) compares every unknown token with
// every known feature of about its length; with word pairs among the features it cost 5× at p50 and 10× at p99
// (0.73 → 0.14 ms, 7.7 → 0.8 ms) and changed one held-out reading in 1,420: it is off. Word pairs and character
// bigrams carry most typos through by their unchanged half.
const classifySettings = { spellCheck: false };

function classifierOf(manager: NlpManager): IntentClassifier {
  return {
    async classify(text: string, language: Language): Promise<IntentGuess[]> {
      // The NLU step alone: node-nlp's full process() adds NER, sentiment and answers we do not use.
      const { classifications } = await manager.nlp.nluManager.process({ locale: language, utterance: text, settings: classifySettings });
      return classifications.slice(0, 3).map(({ intent, score }) => ({ intent: intent === 'None' ? 'none' : intent, score }));
    },
  };
}

export interface ModelLog {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
}

/**
 * The classifier from the model file, trained first (and the file written whole, atomically) when
 * the file is missing, unreadable, or was trained from another corpus or format. Training is not
 * done per start: `npm run nlp:train` writes the file ahead.
 */
export async function loadIntentClassifier(file: string, corpus: TrainingCorpus, log: ModelLog): Promise<IntentClassifier> {
  const found = readModel(file);
  if ('model' in found && found.model.fingerprint === corpusFingerprint(corpus)) {
    log.info({ file, trainedAt: found.model.trainedAt }, 'NLU model loaded');
    return intentClassifier(found.model);
  }
  const reason = 'model' in found ? 'stale: trained from another corpus' : found.reason;
  log.warn({ file, reason }, `NLU model ${reason}: retraining (run \`npm run nlp:train\` ahead to skip this)`);
  const started = Date.now();
  const { manager, model } = await train(corpus, 'han-grams');
  writeModel(file, model);
  log.info({ file, ms: Date.now() - started }, 'NLU model trained and saved');
  return classifierOf(manager);
}

function readModel(file: string): { model: ModelFile } | { reason: 'missing' | 'unreadable' } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { reason: 'missing' };
  }
  try {
    const model = JSON.parse(text) as ModelFile;
    return typeof model.fingerprint === 'string' && typeof model.model === 'object' ? { model } : { reason: 'unreadable' };
  } catch {
    return { reason: 'unreadable' };
  }
}

/** Written beside the target and renamed over it: a reader (another worker) never sees half a model. */
export function writeModel(file: string, model: ModelFile): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, JSON.stringify(model));
  renameSync(partial, file);
}
