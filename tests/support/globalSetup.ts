import { loadIntentClassifier } from '../../adapters/nlp/intentModel';
import { trainingCorpus } from '../../commands/understanding/corpus';
import { loadConfig } from '../../gateway/config';

/**
 * Before any test: the NLU model file the test gateways load (NLU_MODEL_FILE, as configured),
 * trained once if it is missing or stale, so no worker trains it while a message waits (a simulated
 * reply has 5 s) and two test processes never train it side by side.
 */
export default async function globalSetup(): Promise<void> {
  const { nlu } = loadConfig({ ...process.env, LOG_LEVEL: 'silent' });
  const quiet = { info: () => {}, warn: () => {} };
  await loadIntentClassifier(nlu.modelFile, trainingCorpus(), quiet);
}
