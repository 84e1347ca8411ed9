import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Nlp } from '@nlpjs/nlp';
import type { Language } from '../../domain/people';
import type { IntentClassifier, IntentGuess, TrainingCorpus } from '../../domain/ports';
import { englishBigramSteps, forgetStems, hanGramSteps } from './features';

/**
 * node-nlp trains until the error stops moving, which for the Chinese corpus took 280 to 870 epochs
 * (4 to 13 s) as it grew by a few utterances. 300 at most bounds a worker's retraining at ~6 s; on
 * the validation splits it cost 0.7 points on CrossWOZ and nothing elsewhere (English stops by itself near 60).
 */
const neuralSettings = { iterations: 300 };

/** Changes whenever what a model means changes: the file's layout, the settings, NLP.js's version. */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a package's own package.json, for its version
const modelFormat = `fieldline-intents/2 ${JSON.stringify(neuralSettings)} @nlpjs/nlp/${(require('@nlpjs/nlp/package.json') as { version: string }).version}`;

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
 * NLP.js as node-nlp's NlpManager builds it (a container, then the Nlp class on it), with only the
 * two languages we read: NlpManager also requires every other language NLP.js ships, its own
 * sentiment manager, builtin entity recognizers and an Excel reader (xlsx): with them, loading a model
 * took 181 MB of RSS and 0.5-0.6 s, without them 106 MB and 0.15 s.
 * Required on first use: a web process, which never classifies, loads none of it.
 */
function newNlp(chineseTokens: ChineseTokens): Nlp {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded lazily on purpose */
  const { containerBootstrap } = require('@nlpjs/core-loader') as typeof import('@nlpjs/core-loader');
  const container = containerBootstrap();
  container.use((require('@nlpjs/lang-en') as typeof import('@nlpjs/lang-en')).LangEn);
  container.use((require('@nlpjs/lang-zh') as typeof import('@nlpjs/lang-zh')).LangZh);
  const { Nlp: NlpClass } = require('@nlpjs/nlp') as typeof import('@nlpjs/nlp');
  /* eslint-enable @typescript-eslint/no-require-imports */
  // autoSave/autoLoad off: the model file is ours (written whole, with its fingerprint).
  // nlu.log off: training would print every epoch.
  // NLP.js takes each language's network settings as an object of its own (it deletes className from it).
  const network = () => ({ default: { className: 'NeuralNlu', ...neuralSettings } });
  const nlp = new NlpClass({
    container,
    languages: ['en', 'zh'],
    autoSave: false,
    autoLoad: false,
    calculateSentiment: false,
    nlu: { log: false, en: network(), zh: network() },
  });
  if (chineseTokens === 'han-grams') for (const [name, step] of Object.entries(hanGramSteps)) container.register(name, step, true);
  for (const [name, step] of Object.entries(englishBigramSteps)) container.register(name, step, true);
  return nlp;
}

async function train(corpus: TrainingCorpus, chineseTokens: ChineseTokens): Promise<{ nlp: Nlp; model: ModelFile }> {
  const nlp = newNlp(chineseTokens);
  let utterances = 0;
  for (const [language, intents] of Object.entries(corpus)) {
    for (const [intent, texts] of Object.entries(intents)) {
      for (const text of texts) nlp.addDocument(language, text, intent);
      utterances += texts.length;
    }
  }
  await nlp.train();
  // A copy, as NlpManager's export made one: the file holds no object the classifier goes on to use.
  const model = JSON.parse(JSON.stringify(nlp.toJSON())) as object;
  return { nlp, model: { fingerprint: corpusFingerprint(corpus, chineseTokens), trainedAt: new Date().toISOString(), utterances, chineseTokens, model } };
}

/** Trains node-nlp's neural intent classifier on the corpus: the model file's content. */
export async function trainIntentModel(corpus: TrainingCorpus, chineseTokens: ChineseTokens = 'han-grams'): Promise<ModelFile> {
  return (await train(corpus, chineseTokens)).model;
}

/** A classifier over a model file's content. */
export function intentClassifier(file: ModelFile, options: { textsKept?: number } = {}): IntentClassifier {
  const nlp = newNlp(file.chineseTokens);
  nlp.fromJSON(file.model);
  return classifierOf(nlp, options.textsKept);
}

// node-nlp's spell check (a word within one edit of a known one counts as it) compares every unknown token with
// every known feature of about its length; with word pairs among the features it cost 5× at p50 and 10× at p99
// (0.73 → 0.14 ms, 7.7 → 0.8 ms) and changed one held-out reading in 1,420: it is off. Word pairs and character
// bigrams carry most typos through by their unchanged half.
const classifySettings = { spellCheck: false };

/**
 * NLP.js keeps every text it read until the hour is out, twice (the tokenizer's tokens, Nlu's
 * features), and its stemmer every word for good: ~1.5 kB a distinct text, so 150,000 distinct
 * texts in an hour would fill a worker's 256 MB heap. Forgotten every this many texts instead
 * (100,000 distinct texts then hold 0 MB, not 155); texts repeated in between still skip the pipeline.
 */
const textsKeptAtMost = 10_000;

const nlps = new WeakMap<IntentClassifier, Nlp>();

function classifierOf(nlp: Nlp, textsKept = textsKeptAtMost): IntentClassifier {
  let read = 0;
  const classifier: IntentClassifier = {
    async classify(text: string, language: Language): Promise<IntentGuess[]> {
      // The NLU step alone: node-nlp's full process() adds NER, sentiment and answers we do not use.
      const { classifications } = await nlp.nluManager.process({ locale: language, utterance: text, settings: classifySettings });
      if (++read >= textsKept) {
        forgetTexts(nlp);
        read = 0;
      }
      return classifications.slice(0, 3).map(({ intent, score }) => ({ intent: intent === 'None' ? 'none' : intent, score }));
    },
  };
  nlps.set(classifier, nlp);
  return classifier;
}

const domainsOf = (nlp: Nlp) => Object.values(nlp.nluManager.domainManagers).flatMap((manager) => Object.values(manager.domains));
const forgetTexts = (nlp: Nlp) => {
  for (const domain of domainsOf(nlp)) if (domain.cache) domain.cache.results = {};
  for (const language of ['en', 'zh']) {
    const tokenizer = nlp.container.get(`tokenizer-${language}`);
    if (tokenizer && 'cache' in tokenizer) tokenizer.cache = undefined;
  }
  forgetStems();
};

/** How many texts a classifier's NLP.js holds read (for the test of their bound). */
export const textsHeld = (classifier: IntentClassifier): number =>
  domainsOf(nlps.get(classifier)!).reduce(
    (sum, domain) => sum + Object.values(domain.cache?.results ?? {}).reduce((texts, byText) => texts + Object.keys(byText).length, 0),
    0,
  );

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
  const { nlp, model } = await train(corpus, 'han-grams');
  writeModel(file, model);
  log.info({ file, ms: Date.now() - started }, 'NLU model trained and saved');
  return classifierOf(nlp);
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
