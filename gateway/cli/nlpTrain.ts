import { trainIntentModel, writeModel } from '../../adapters/nlp/intentModel';
import { trainingCorpus } from '../../commands/understanding/corpus';
import { ConfigError, loadConfig } from '../config';

/** `npm run nlp:train`: trains the intent model from commands/understanding/corpus/ into NLU_MODEL_FILE. */
async function main(): Promise<void> {
  let file: string;
  try {
    file = loadConfig().nlu.modelFile;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(`fieldline: ${error.message}`);
    process.exit(1);
  }
  const corpus = trainingCorpus();
  const started = Date.now();
  writeModel(file, await trainIntentModel(corpus));
  const utterances = Object.values(corpus)
    .flatMap((intents) => Object.values(intents))
    .flat().length;
  console.log(`fieldline: NLU model trained on ${utterances} utterances (en, zh) in ${Date.now() - started} ms: ${file}`);
}

main().catch((error: unknown) => {
  console.error(`fieldline: training failed: ${(error as Error).message}`);
  process.exit(1);
});
