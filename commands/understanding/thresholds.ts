import calibrated from './thresholds.json';
import type { Thresholds } from './intents';

/** The thresholds `npm run nlp:calibrate` chose on the validation splits (thresholds.json). */
export const calibratedThresholds: Thresholds = { social: calibrated.social, read: calibrated.read, write: calibrated.write };

/** One confidence for every family (NLU_CONFIDENCE), or the calibrated ones. */
export const thresholdsFor = (confidence: number | null): Thresholds =>
  confidence === null ? calibratedThresholds : { social: confidence, read: confidence, write: confidence };
