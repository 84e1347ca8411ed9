import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { NlpManager } from 'node-nlp';
import type { Language } from '../../domain/people';
import type { IntentClassifier, IntentGuess, TrainingCorpus } from '../../domain/ports';
import { hanGramSteps } from './hanGrams';

/** Changes whenever what a model means changes: the tokenisation, the settings, node-nlp's version. */
const modelFormat = `fieldline-intents/1 han-grams/1 node-nlp/${(require('node-nlp/package.json') as { version: string }).version}`;

/** The model file: node-nlp's export, and the fingerprint of the corpus and format it was trained from. */
interface ModelFile {
  fingerprint: string;
  trainedAt: string;
  utterances: number;
  model: unknown;
}

export const corpusFingerprint = (corpus: TrainingCorpus): string => createHash('sha256').update(modelFormat).update(JSON.stringify(corpus)).digest('hex');

function newManager(): NlpManager {
  // autoSave/autoLoad off: the model file is ours (written whole, with its fingerprint).
  // nlu.log off: training would print every epoch.
  const manager = new NlpManager({ languages: ['en', 'zh'], autoSave: false, autoLoad: false, calculateSentiment: false, nlu: { log: false } });
  for (const [name, step] of Object.entries(hanGramSteps)) manager.container.register(name, step, true);
  return manager;
}

/** Trains node-nlp's neural intent classifier on the corpus; answers the model file's text. */
export async function trainIntentModel(corpus: TrainingCorpus): Promise<string> {
  const manager = newManager();
  let utterances = 0;
  for (const [language, intents] of Object.entries(corpus)) {
    for (const [intent, texts] of Object.entries(intents)) {
      for (const text of texts) manager.addDocument(language, text, intent);
      utterances += texts.length;
    }
  }
  await manager.train();
  const file: ModelFile = { fingerprint: corpusFingerprint(corpus), trainedAt: new Date().toISOString(), utterances, model: JSON.parse(manager.export(true)) };
  return JSON.stringify(file);
}

/** A classifier over a model file's text. */
export function intentClassifier(modelText: string): IntentClassifier {
  const manager = newManager();
  manager.import((JSON.parse(modelText) as ModelFile).model as object);
  return {
    async classify(text: string, language: Language): Promise<IntentGuess[]> {
      // The NLU step alone: node-nlp's full process() adds NER, sentiment and answers we do not use.
      const { classifications } = await manager.nlp.nluManager.process({ locale: language, utterance: text, settings: classifySettings });
      return classifications.slice(0, 3).map(({ intent, score }) => ({ intent: intent === 'None' ? 'none' : intent, score }));
    },
  };
}

// Typos within one edit of a word the model knows count as that word ("stok" → stock); two edits misread more than they mend.
const classifySettings = { spellCheck: true, spellCheckDistance: 1 };

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
  const fingerprint = corpusFingerprint(corpus);
  const found = readModel(file);
  if (found.model && found.model.fingerprint === fingerprint) {
    log.info({ file, trainedAt: found.model.trainedAt }, 'NLU model loaded');
    return intentClassifier(found.text!);
  }
  const reason = found.model ? 'stale: trained from another corpus' : found.reason;
  log.warn({ file, reason }, `NLU model ${reason}: retraining (run \`npm run nlp:train\` ahead to skip this)`);
  const started = Date.now();
  const text = await trainIntentModel(corpus);
  writeModel(file, text);
  log.info({ file, ms: Date.now() - started }, 'NLU model trained and saved');
  return intentClassifier(text);
}

function readModel(file: string): { model: ModelFile | null; text: string | null; reason: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return { model: null, text: null, reason: 'missing' };
  }
  try {
    const model = JSON.parse(text) as ModelFile;
    return typeof model.fingerprint === 'string' ? { model, text, reason: '' } : { model: null, text: null, reason: 'unreadable' };
  } catch {
    return { model: null, text: null, reason: 'unreadable' };
  }
}

/** Written beside the target and renamed over it: a reader (another worker) never sees half a model. */
export function writeModel(file: string, text: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, text);
  renameSync(partial, file);
}
