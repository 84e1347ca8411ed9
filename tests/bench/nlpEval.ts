import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus } from 'node:os';
import { intentClassifier, trainIntentModel } from '../../adapters/nlp/intentModel';
import { aliasTable } from '../../commands/index';
import { lex } from '../../commands/lexer';
import { publicCorpora, trainingCorpus, writtenCorpus } from '../../commands/understanding/corpus';
import { fillSlots } from '../../commands/understanding/entities';
import { calibratedThresholds } from '../../commands/understanding/thresholds';
import type { Understanding } from '../../commands/understanding/understand';
import { calibrate, grid } from '../support/calibration';
import { evaluate, handle, heldOutSets, kinds, percentile, validationSets, type Evaluation, type EvalSet } from '../support/understandingEval';
import { hasTestdata, readTestdata } from '../support/testdata';

/**
 * `npm run nlp:eval`: the intent model trained from commands/understanding/corpus/, judged as the
 * router reads a message (lexer, typed commands, entities, classifier, decision) on the held-out
 * sets: the project's own and the test splits of public corpora written by other people. Per
 * source and language: accuracy, the unsafe count (a write proposed where none was meant), the
 * confusion between reads, writes, kind words and HELP; the thresholds' calibration on the
 * validation splits; real SMS (NUS corpus, read in place); latency against the command lexer in
 * the same run; node-nlp's stock Chinese pipeline beside ours. Results: tests/bench/nlp-results.md.
 */
const out = join(__dirname, 'nlp-results.md');
const ms = (n: number) => `${n.toFixed(3)} ms`;
const pct = (n: number) => `${(100 * n).toFixed(1)} %`;
const heapMb = () => process.memoryUsage().heapUsed / 1e6;

/** The corpus's own sentences with example codes in their slots, for the warm-up. */
const examples = { sku: 'A100', qty: '5', num: '1001', date: 'today', month: '2026-11', store: 'S1', warehouse: 'GZ' };
const warmUpTexts = () =>
  Object.values(writtenCorpus)
    .flatMap((intents) => Object.values(intents).flat())
    .map((text) => fillSlots(text, examples));

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.hrtime.bigint();
  const value = await work();
  return { value, ms: Number(process.hrtime.bigint() - started) / 1e6 };
}

const languageCell = (e: Evaluation, language: 'en' | 'zh') =>
  e.byLanguage[language].total ? `${pct(e.byLanguage[language].correct / e.byLanguage[language].total)} of ${e.byLanguage[language].total}` : '–';
const row = (label: string, e: Evaluation) =>
  `| ${label} | ${e.total} | **${pct(e.accuracy)}** | ${languageCell(e, 'en')} | ${languageCell(e, 'zh')} | ${e.unsafe.length} | ${e.writesExecuted.length} | ${e.outcomes.typed} / ${e.outcomes.command} / ${e.outcomes.proposal} / ${e.outcomes.incomplete} / ${e.outcomes.social} / ${e.outcomes.unsure} |`;

function confusionTable(e: Evaluation): string[] {
  return [
    '| meant ↓ · handled as → | ' + kinds.join(' | ') + ' |',
    '| --- | ' + kinds.map(() => '---').join(' | ') + ' |',
    ...kinds.map((meant) => `| ${meant} | ${kinds.map((got) => e.confusion[meant][got]).join(' | ')} |`),
  ];
}

/** Several evaluations as one (the written-by-others sets together). */
function pooled(evaluations: Evaluation[]): Evaluation {
  const sum = (f: (e: Evaluation) => number) => evaluations.reduce((s, e) => s + f(e), 0);
  const first = evaluations[0]!;
  const total = sum((e) => e.total);
  const correct = sum((e) => e.correct);
  const confusion = Object.fromEntries(
    kinds.map((m) => [m, Object.fromEntries(kinds.map((g) => [g, sum((e) => e.confusion[m][g])]))]),
  ) as Evaluation['confusion'];
  const outcomes = Object.fromEntries(
    Object.keys(first.outcomes).map((k) => [k, sum((e) => e.outcomes[k as keyof Evaluation['outcomes']])]),
  ) as Evaluation['outcomes'];
  const language = (l: 'en' | 'zh') => ({ total: sum((e) => e.byLanguage[l].total), correct: sum((e) => e.byLanguage[l].correct) });
  return {
    ...first,
    total,
    correct,
    accuracy: correct / total,
    byLanguage: { en: language('en'), zh: language('zh') },
    confusion,
    outcomes,
    unsafe: evaluations.flatMap((e) => e.unsafe),
    writesExecuted: evaluations.flatMap((e) => e.writesExecuted),
    misses: evaluations.flatMap((e) => e.misses),
  };
}

async function main(): Promise<void> {
  const corpus = trainingCorpus();
  const heapBefore = heapMb();
  const training = await timed(() => trainIntentModel(corpus));
  const modelText = JSON.stringify(training.value);
  const loading = await timed(async () => intentClassifier(JSON.parse(modelText))); // as a start reads the file
  const understanding: Understanding = { classifier: loading.value, thresholds: calibratedThresholds };
  const heapAfter = heapMb();

  // Warm-up: the corpus's own sentences (with codes in their slots) through the same path, so the JIT is warm
  // and the held-out texts below are each classified for the first time (node-nlp caches by text).
  for (const text of warmUpTexts()) await handle(text, understanding);

  const results: { set: EvalSet; evaluation: Evaluation }[] = [];
  for (const set of heldOutSets) results.push({ set, evaluation: await evaluate(understanding, set.items) });
  const authored = results.find((r) => !r.set.others)!;
  const others = pooled(results.filter((r) => r.set.others).map((r) => r.evaluation));
  const batch = (name: string) =>
    evaluate(
      understanding,
      authored.set.items.filter((item) => item.batch === name),
    );
  const issue13 = await batch('issue-13');
  const fresh = await batch('fresh');
  const cedict = await evaluate(
    { classifier: intentClassifier(await trainIntentModel(corpus, 'cedict')), thresholds: calibratedThresholds },
    authored.set.items,
  );

  // The thresholds: what calibration on the validation splits chooses now, and how accuracy moves with each.
  const calibration = await calibrate(understanding.classifier, validationSets);
  const stale = JSON.stringify(calibration.chosen.thresholds) !== JSON.stringify(calibratedThresholds);

  // Real SMS: nothing in them is meant for us; count what the router would have done.
  let real: { total: number; outcomes: Evaluation['outcomes']; writes: string[]; answers: string[]; latenciesMs: number[] } | null = null;
  if (hasTestdata) {
    const sample = readTestdata<{ random_sample_en: { text: string }[]; random_sample_zh: { text: string }[] }>('sms_corpus_nus_sample_200.json');
    const probe = readTestdata<{ messages: { text: string }[] }>('sms_corpus_nus_keyword_probe_80.json');
    const texts = [...sample.random_sample_en, ...sample.random_sample_zh, ...probe.messages].map((m) => m.text);
    const outcomes = { typed: 0, command: 0, proposal: 0, incomplete: 0, social: 0, unsure: 0 };
    const writes: string[] = [];
    const answers: string[] = [];
    const latenciesMs: number[] = [];
    for (const text of texts) {
      const { value: handled, ms: took } = await timed(() => handle(text, understanding));
      latenciesMs.push(took);
      outcomes[handled.outcome] += 1;
      if (handled.writes) writes.push(`${text.slice(0, 60)} → ${handled.outcome === 'typed' ? 'typed' : 'proposed'} ${handled.writes}`);
      if (handled.outcome === 'command') answers.push(`${text.slice(0, 60)} → ${handled.intent}`);
    }
    real = { total: texts.length, outcomes, writes, answers, latenciesMs };
  }

  // Baseline in the same run: the command path's own reading of the same texts (lexer and alias table).
  const texts = authored.set.items.map((item) => item.text);
  const lexing: number[] = [];
  for (let round = 0; round < 2; round++) {
    for (const text of texts) {
      const started = process.hrtime.bigint();
      lex(text, aliasTable);
      if (round === 1) lexing.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const latencies = [...results.flatMap((r) => r.evaluation.latenciesMs), ...(real?.latenciesMs ?? [])];
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  const lexP50 = percentile(lexing, 50);
  const utterances = Object.values(corpus)
    .flatMap((i) => Object.values(i))
    .flat().length;
  const t = calibratedThresholds;

  const lines = [
    '# Free-text understanding: evaluation',
    '',
    `Run ${new Date().toISOString()} on ${cpus().length}× ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; \`npm run nlp:eval\`. Thresholds (commands/understanding/thresholds.json): social ${t.social}, read ${t.read}, write ${t.write}. Each message is read as the router reads it: typed as a command when it parses as one, else understood.`,
    '',
    '## Held-out sets, never trained on nor calibrated on',
    '',
    '"Unsafe": a write proposed (or typed) where none, or another, was meant. "Writes executed": a write answered at once from free text. Outcomes: typed / answered / proposed / incomplete (usage) / kind word / HELP.',
    '',
    '| source | messages | accuracy | en | zh | unsafe | writes executed | outcomes |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map((r) => row(r.set.name, r.evaluation)),
    row('**written by others, together**', others),
    row('authored: the issue-13 batch (real phrasing, written before the changes)', issue13),
    row('authored: the issue-8 fresh batch', fresh),
    row("authored, with node-nlp's CEDICT zh pipeline instead of Han n-grams", cedict),
    '',
    '### Reads, writes, kind words and HELP: what was meant against how it was handled',
    '',
    'Written by others, together:',
    '',
    ...confusionTable(others),
    '',
    'Authored:',
    '',
    ...confusionTable(authored.evaluation),
    '',
    ...(authored.evaluation.entities.length
      ? [
          'Entities, by kind (authored):',
          '',
          '| entity | named | read right |',
          '| --- | --- | --- |',
          ...authored.evaluation.entities.map((e) => `| ${e.key} | ${e.expected} | ${e.correct} (${pct(e.correct / e.expected)}) |`),
          '',
        ]
      : []),
    'Per intent, authored (precision / recall):',
    '',
    '| intent | messages | precision | recall |',
    '| --- | --- | --- | --- |',
    ...authored.evaluation.perIntent.map((p) => `| ${p.intent} | ${p.support} | ${pct(p.precision)} | ${pct(p.recall)} |`),
    '',
    '## Thresholds: calibration on the validation splits',
    '',
    `Validation sets: ${validationSets.map((s) => `${s.name} (${s.items.length})`).join('; ')}. Chosen now: social ${calibration.chosen.thresholds.social}, read ${calibration.chosen.thresholds.read}, write ${calibration.chosen.thresholds.write}: mean accuracy ${pct(calibration.chosen.accuracy)}, unsafe ${calibration.chosen.unsafe}${stale ? ' — **differs from thresholds.json: run `npm run nlp:calibrate`**' : ' (as thresholds.json)'}.`,
    '',
    "Mean validation accuracy (unsafe) as one family's threshold moves, the others held at the choice:",
    '',
    `| family | ${grid.join(' | ')} |`,
    `| --- | ${grid.map(() => '---').join(' | ')} |`,
    ...(['social', 'read', 'write'] as const).map(
      (family) => `| ${family} | ${calibration.sweeps[family].map((s) => `${(100 * s.accuracy).toFixed(1)}${s.unsafe ? ` (${s.unsafe})` : ''}`).join(' | ')} |`,
    ),
    '',
    '## Misread',
    '',
    ...results.flatMap((r) => [
      `${r.set.name} (${r.evaluation.misses.length}):`,
      '',
      ...r.evaluation.misses.map((m) => `- \`${m.text}\`: ${m.expected} → ${m.got} (${m.outcome})`),
      '',
    ]),
    ...(authored.evaluation.entityMisses.length
      ? [
          'Entities misread (authored):',
          '',
          ...authored.evaluation.entityMisses.map((m) => `- \`${m.text}\`: ${m.key} ${JSON.stringify(m.expected)} → ${JSON.stringify(m.got)}`),
          '',
        ]
      : []),
    '## Real SMS (NUS SMS Corpus, read in place; no message in it is meant for us)',
    '',
    ...(real
      ? [
          `${real.total} messages: typed ${real.outcomes.typed}, answered ${real.outcomes.command}, proposed ${real.outcomes.proposal} (${pct(real.outcomes.proposal / real.total)}; each only a question, nothing done), incomplete ${real.outcomes.incomplete}, social ${real.outcomes.social}, HELP ${real.outcomes.unsure}.`,
          '',
          ...real.writes.map((p) => `- write: \`${p}\``),
          ...real.answers.map((p) => `- answered: \`${p}\``),
        ]
      : ['../shared/testdata is absent: not measured.']),
    '',
    '## Latency per message (lexer, entities, catalogue lookup in memory, classification; first sight of each text, after warm-up)',
    '',
    '| measure | p50 | p99 |',
    '| --- | --- | --- |',
    `| reading a message (${latencies.length} messages: held-out${real ? ' and real SMS' : ''}) | ${ms(p50)} | ${ms(p99)} |`,
    `| baseline, same run: the command lexer alone on the authored texts | ${ms(lexP50)} | ${ms(percentile(lexing, 99))} |`,
    `| ratio reading / lexer (p50) | ${(p50 / lexP50).toFixed(1)}× | |`,
    '',
    `Training: ${training.ms.toFixed(0)} ms for ${utterances} utterances (${publicCorpora.map((c) => `${c.items.length} from ${c.source.repo}`).join(', ')}); model file ${(modelText.length / 1024).toFixed(0)} KiB, loaded in ${loading.ms.toFixed(0)} ms; heap ${heapBefore.toFixed(0)} → ${heapAfter.toFixed(0)} MB with the model loaded (the NLP.js parts it needs, required on first use, included).`,
    '',
    `Aims (issue 13): written by others ≥ 90 % (${others.accuracy >= 0.9 ? 'met' : 'NOT met'}, ${pct(others.accuracy)}), no unsafe proposal on any held-out set (${results.every((r) => r.evaluation.unsafe.length === 0) ? 'met' : 'NOT met'}), no write executed without confirmation (${results.every((r) => r.evaluation.writesExecuted.length === 0) ? 'met' : 'NOT met'}), p99 ≤ 10 ms (${p99 <= 10 ? 'met' : 'NOT met'}).`,
    '',
  ];
  writeFileSync(out, lines.join('\n'));
  console.log(lines.slice(0, 18).join('\n'));
  console.log(`… written to ${out}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
