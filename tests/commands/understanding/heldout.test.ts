import { intentClassifier, trainIntentModel } from '../../../adapters/nlp/intentModel';
import type { AnyCommand } from '../../../commands/command';
import { commands } from '../../../commands/index';
import { publicCorpora, trainingCorpus, writtenCorpus } from '../../../commands/understanding/corpus';
import { commandIntents, noIntent, socialIntents } from '../../../commands/understanding/intents';
import { calibratedThresholds } from '../../../commands/understanding/thresholds';
import type { Understanding } from '../../../commands/understanding/understand';
import { evaluate, heldOutSets, validationSets, type Evaluation } from '../../support/understandingEval';

/**
 * The model trained from the corpus, with the calibrated thresholds, judged on held-out sets it
 * never saw: the test splits of public corpora written by other people (CLINC150, CrossWOZ) and
 * the project's own. Training is deterministic, so the figures are the same on every run;
 * `npm run nlp:eval` writes them out in full. The floors are the figures recorded when issue 13
 * was closed, less a point: a change to the corpus or the reading that costs more fails here.
 */
const floors: Record<string, number> = {
  'fieldline, authored': 0.93,
  'CLINC150 test split (en)': 0.87,
  'CrossWOZ test split (zh)': 0.94,
};

describe('free-text understanding on the held-out sets', () => {
  let understanding: Understanding;
  const results = new Map<string, Evaluation>();
  beforeAll(async () => {
    understanding = { classifier: intentClassifier(await trainIntentModel(trainingCorpus())), thresholds: calibratedThresholds };
    for (const set of heldOutSets) results.set(set.name, await evaluate(understanding, set.items));
  }, 60_000);

  test('messages written by other people are handled as meant at least 90 % of the time, together', () => {
    const others = heldOutSets.filter((set) => set.others).map((set) => results.get(set.name)!);
    const total = others.reduce((sum, e) => sum + e.total, 0);
    expect(total).toBeGreaterThanOrEqual(1000);
    expect(others.reduce((sum, e) => sum + e.correct, 0) / total).toBeGreaterThanOrEqual(0.9);
  });

  test.each(Object.entries(floors))('%s stays at or above its recorded floor (%s)', (name, floor) => {
    expect(results.get(name)!.accuracy).toBeGreaterThanOrEqual(floor);
  });

  test('no held-out message is proposed a write that was not meant, nor has a write done without a YES', () => {
    for (const set of heldOutSets) {
      const result = results.get(set.name)!;
      expect({ set: set.name, unsafe: result.unsafe, executed: result.writesExecuted }).toEqual({ set: set.name, unsafe: [], executed: [] });
    }
  });

  test('entities are read right in at least 95 % of the authored messages that name them', () => {
    expect(results.get('fieldline, authored')!.entityAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  test('no message whose intent writes is done at once: it is proposed, typed, incomplete, or at most answered as a read', async () => {
    const writing = heldOutSets.flatMap((set) => set.items).filter((item) => commandIntents[item.intent]?.acts === 'writes');
    const result = await evaluate(understanding, writing);
    expect(writing.length).toBeGreaterThanOrEqual(60);
    expect(result.writesExecuted).toEqual([]);
    expect(result.outcomes.proposal).toBeGreaterThanOrEqual(writing.length / 2);
  });
});

describe('the corpus and the splits', () => {
  const intentsOf = (language: 'en' | 'zh') => Object.keys(writtenCorpus[language]).sort();
  const expected = [...Object.keys(commandIntents), ...socialIntents, noIntent].sort();

  test('both languages train the same intents: every listed command of the message language, the social ones and "none"', () => {
    expect(intentsOf('en')).toEqual(expected);
    expect(intentsOf('zh')).toEqual(expected);
    const listed = Object.entries(commands)
      .filter(([, c]) => (c as AnyCommand).listed !== false)
      .map(([name]) => name);
    // COMP, SHIFT and PROMO are formed from free text by readers of their own (sighting.ts: the import's brands; asked.ts), not by an intent.
    const formed = [...Object.values(commandIntents).map((intent) => intent.command), 'comp', 'shift', 'promo'];
    expect(listed.filter((name) => !formed.includes(name as never))).toEqual([]);
  });

  test('an intent that forms a command which changes data is marked as one that writes (TICKET n alone only reads)', () => {
    for (const [name, intent] of Object.entries(commandIntents)) {
      const changes = (commands[intent.command] as AnyCommand).changesData === true && intent.command !== 'ticket';
      expect({ name, writes: intent.acts === 'writes' }).toEqual({ name, writes: changes });
    }
  });

  test('every intent has at least five written utterances in each language, and none is written twice', () => {
    for (const language of ['en', 'zh'] as const) {
      for (const [intent, texts] of Object.entries(writtenCorpus[language])) {
        expect({ intent, language, enough: texts.length >= 5 }).toEqual({ intent, language, enough: true });
        expect(new Set(texts).size).toBe(texts.length);
      }
    }
  });

  test('public training data names its source and licence, and only intents the model knows', () => {
    for (const file of publicCorpora) {
      expect(file.source).toEqual(
        expect.objectContaining({
          repo: expect.any(String),
          commit: expect.stringMatching(/^[0-9a-f]{40}$/),
          licence: expect.any(String),
          split: expect.any(String),
        }),
      );
      expect(file.items.filter((item) => !expected.includes(item.intent))).toEqual([]);
    }
  });

  test('no held-out or validation message is trained on, and validation is no part of the held-out figures', () => {
    const trained = new Set([
      ...Object.values(trainingCorpus()).flatMap((intents) => Object.values(intents).flat()),
      ...publicCorpora.flatMap((file) => file.items.map((item) => item.text)),
    ]);
    const written = new Set(Object.values(writtenCorpus).flatMap((intents) => Object.values(intents).flat()));
    const judged = [...heldOutSets, ...validationSets].flatMap((set) => set.items);
    expect(judged.filter((item) => written.has(item.text) || trained.has(item.text))).toEqual([]);
    const heldOutTexts = new Set(heldOutSets.flatMap((set) => set.items.map((item) => item.text)));
    expect(validationSets.flatMap((set) => set.items).filter((item) => heldOutTexts.has(item.text))).toEqual([]);
  });
});
