import type { Language } from '../../domain/people';
import type { TrainingCorpus } from '../../domain/ports';
import en from './corpus/en.json';
import zh from './corpus/zh.json';
import { fillSlots, readEntities } from './entities';

/** The training corpus as written (corpus/en.json, corpus/zh.json): per intent, utterances with `{slot}`s. */
export const writtenCorpus: Record<Language, Record<string, string[]>> = { en, zh };

const noCodes = { skus: [], stores: [], warehouses: [] };

/**
 * The corpus as the classifier learns it: slots filled with their placeholders, and each utterance
 * read by the same entity reader as a live message, so both are split and masked alike.
 */
export function trainingCorpus(): TrainingCorpus {
  const learnt = (intents: Record<string, string[]>) =>
    Object.fromEntries(Object.entries(intents).map(([intent, texts]) => [intent, texts.map((text) => readEntities(fillSlots(text), noCodes, '2000-01-01').masked)]));
  return { en: learnt(writtenCorpus.en), zh: learnt(writtenCorpus.zh) };
}
