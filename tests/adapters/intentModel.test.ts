import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { corpusFingerprint, intentClassifier, loadIntentClassifier, textsHeld, trainIntentModel, writeModel } from '../../adapters/nlp/intentModel';
import { trainingCorpus } from '../../commands/understanding/corpus';

/** The model file: trained when missing, unreadable or stale (another corpus), loaded as it is otherwise. */
describe('the NLU model file', () => {
  const corpus = trainingCorpus();
  let dir: string;
  let file: string;
  let lines: { level: string; message: string }[];
  const log = {
    info: (_details: object, message: string) => lines.push({ level: 'info', message }),
    warn: (_details: object, message: string) => lines.push({ level: 'warn', message }),
  };
  const saved = () => JSON.parse(readFileSync(file, 'utf8')) as { fingerprint: string; trainedAt: string; utterances: number };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'fieldline-nlu-'));
    file = join(dir, 'models', 'nlu-model.json');
    lines = [];
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('a missing model is trained, saved whole and said so; the next start loads it without training', async () => {
    const classifier = await loadIntentClassifier(file, corpus, log);
    expect(lines.map((l) => l.level + ' ' + l.message)).toEqual([
      'warn NLU model missing: retraining (run `npm run nlp:train` ahead to skip this)',
      'info NLU model trained and saved',
    ]);
    expect(saved().fingerprint).toBe(corpusFingerprint(corpus));
    expect(saved().utterances).toBe(
      Object.values(corpus)
        .flatMap((intents) => Object.values(intents))
        .flat().length,
    );
    expect((await classifier.classify('zzsku 还有货吗', 'zh'))[0]).toEqual({ intent: 'stock', score: expect.any(Number) });
    expect(readdirSync(join(dir, 'models'))).toEqual(['nlu-model.json']); // no partial file left

    const trainedAt = saved().trainedAt;
    lines = [];
    const again = await loadIntentClassifier(file, corpus, log);
    expect(lines.map((l) => l.level + ' ' + l.message)).toEqual(['info NLU model loaded']);
    expect(saved().trainedAt).toBe(trainedAt);
    expect((await again.classify('how much is zzsku for me', 'en'))[0]!.intent).toBe('price');
  });

  test('a model trained from another corpus is stale: retrained from this one', async () => {
    const older = { en: { price: corpus.en.price!, stock: corpus.en.stock! }, zh: { price: corpus.zh.price!, stock: corpus.zh.stock! } };
    file = join(dir, 'nlu-model.json');
    writeModel(file, await trainIntentModel(older));
    expect(saved().fingerprint).toBe(corpusFingerprint(older));
    const classifier = await loadIntentClassifier(file, corpus, log);
    expect(lines[0]).toEqual({
      level: 'warn',
      message: 'NLU model stale: trained from another corpus: retraining (run `npm run nlp:train` ahead to skip this)',
    });
    expect(saved().fingerprint).toBe(corpusFingerprint(corpus));
    expect((await classifier.classify('thank you so much', 'en'))[0]!.intent).toBe('thanks'); // an intent the old model never had
  });

  test('an unreadable model file is retrained, not trusted', async () => {
    writeFileSync(join(dir, 'nlu-model.json'), '{"fingerprint": "abc", "model": ');
    file = join(dir, 'nlu-model.json');
    await loadIntentClassifier(file, corpus, log);
    expect(lines[0]!.message).toBe('NLU model unreadable: retraining (run `npm run nlp:train` ahead to skip this)');
    expect(saved().fingerprint).toBe(corpusFingerprint(corpus));
  });
});

/** What a worker loads to classify: NLP.js's Nlp class and two languages, not node-nlp's whole require (some 85 MB). */
test('a classifier trains and classifies with none of node-nlp, NLP.js’s other languages, entity recognizers or Excel reader loaded', () => {
  const script = `
    const { trainIntentModel, intentClassifier } = require('./adapters/nlp/intentModel');
    (async () => {
      const model = await trainIntentModel({ en: { stock: ['is it in stock', 'any left'], thanks: ['thank you', 'thanks a lot'] }, zh: { stock: ['还有货吗'], thanks: ['谢谢'] } });
      const guesses = await intentClassifier(model).classify('thanks a lot', 'en');
      const loaded = Object.keys(require.cache).map((path) => path.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/)?.[1]).filter(Boolean);
      console.log(JSON.stringify({ best: guesses[0].intent, packages: [...new Set(loaded)].sort() }));
    })();`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
  expect(run.stderr).toBe('');
  const { best, packages } = JSON.parse(run.stdout) as { best: string; packages: string[] };
  expect(best).toBe('thanks');
  expect(packages).toContain('@nlpjs/nlp');
  expect(packages.filter((name) => name === 'node-nlp' || name === 'xlsx' || /^@nlpjs\/(lang-all|lang-de|builtin-microsoft)$/.test(name))).toEqual([]);
});

test('the texts NLP.js keeps read are bounded, and forgetting them changes no reading', async () => {
  const model = await trainIntentModel({
    en: { stock: ['is it in stock', 'any left'], thanks: ['thank you', 'thanks a lot'] },
    zh: { stock: ['还有货吗'], thanks: ['谢谢'] },
  });
  const bounded = intentClassifier(model, { textsKept: 50 });
  const unbounded = intentClassifier(model, { textsKept: Infinity });
  const texts = Array.from({ length: 120 }, (_, i) => (i % 2 ? `thanks a lot for A${i}` : `A${i} 还有货吗`));
  const read = async (classifier: typeof bounded) => {
    const guesses = [];
    for (const [i, text] of texts.entries()) guesses.push(await classifier.classify(text, i % 2 ? 'en' : 'zh'));
    return guesses;
  };
  expect(await read(bounded)).toEqual(await read(unbounded));
  expect(textsHeld(unbounded)).toBe(120);
  expect(textsHeld(bounded)).toBeGreaterThan(0);
  expect(textsHeld(bounded)).toBeLessThanOrEqual(50);
});
