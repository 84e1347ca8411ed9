import type { Language } from '../../domain/people';
import type { TrainingCorpus } from '../../domain/ports';
import en from './corpus/en.json';
import zh from './corpus/zh.json';
import clinc150 from './corpus/public/clinc150.train.json';
import crosswoz from './corpus/public/crosswoz.train.json';
import { simplified } from '../lexer';
import { fillSlots, readEntities } from './entities';

/** The training corpus as written (corpus/en.json, corpus/zh.json): per intent, utterances with `{slot}`s. */
export const writtenCorpus: Record<Language, Record<string, string[]>> = { en, zh };

/**
 * Real phrasing written by other people, from the training splits of public corpora, each file
 * with its source, licence and how it was chosen (corpus/public/): CLINC150's crowd-written English
 * requests and out-of-scope chatter, CrossWOZ's crowd-written Chinese dialogue turns.
 */
export interface PublicCorpus {
  source: { name: string; repo: string; commit: string; path: string; split: string; licence: string };
  language: Language;
  items: { text: string; intent: string }[];
}
export const publicCorpora: readonly PublicCorpus[] = [clinc150 as PublicCorpus, crosswoz as PublicCorpus];

const noCodes = { skus: [], stores: [], warehouses: [] };
/** An utterance as the classifier learns it: read by the same entity reader as a live message, so both are split and masked alike. */
const learnt = (text: string) => readEntities(simplified(text), noCodes, () => '2000-01-01').masked;

/** The corpus as the classifier learns it: the written utterances with their slots filled by placeholders, and the public ones as they are. */
export function trainingCorpus(): TrainingCorpus {
  const corpus: TrainingCorpus = { en: {}, zh: {} };
  const add = (language: Language, intent: string, text: string) => {
    const texts = (corpus[language][intent] ??= []);
    if (!texts.includes(text)) texts.push(text);
  };
  for (const language of ['en', 'zh'] as const) {
    for (const [intent, texts] of Object.entries(writtenCorpus[language])) for (const text of texts) add(language, intent, learnt(fillSlots(text)));
  }
  for (const file of publicCorpora) for (const item of file.items) add(file.language, item.intent, learnt(item.text));
  return corpus;
}
