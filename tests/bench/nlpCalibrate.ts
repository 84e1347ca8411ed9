import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { intentClassifier, trainIntentModel } from '../../adapters/nlp/intentModel';
import { trainingCorpus } from '../../commands/understanding/corpus';
import { calibrate } from '../support/calibration';
import { validationSets } from '../support/understandingEval';

/**
 * `npm run nlp:calibrate`: trains the model from the corpus and chooses the thresholds per family
 * of intents on the validation splits only (never the held-out ones), into
 * commands/understanding/thresholds.json, which workers use unless NLU_CONFIDENCE is set.
 */
async function main(): Promise<void> {
  const classifier = intentClassifier(await trainIntentModel(trainingCorpus()));
  const { chosen } = await calibrate(classifier, validationSets);
  const file = join(__dirname, '../../commands/understanding/thresholds.json');
  const pct = (n: number) => Math.round(n * 1000) / 10;
  writeFileSync(
    file,
    `${JSON.stringify(
      {
        about:
          'How sure the intent model must be, per family of intents, chosen by `npm run nlp:calibrate` on the validation splits (never the held-out ones): no write proposed where none was meant, then the highest mean accuracy over the sets. A write is proposed only with its evidence besides (intents.ts), so its threshold may be low. NLU_CONFIDENCE, when set, overrides all three.',
        ...chosen.thresholds,
        validation: { sets: validationSets.map((set) => `${set.name}: ${set.items.length}`), meanAccuracyPercent: pct(chosen.accuracy), unsafe: chosen.unsafe },
      },
      null,
      2,
    )}\n`,
  );
  console.log(`thresholds ${JSON.stringify(chosen.thresholds)}: validation mean accuracy ${pct(chosen.accuracy)} %, unsafe ${chosen.unsafe} → ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
