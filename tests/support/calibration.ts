import type { Family, Thresholds } from '../../commands/understanding/intents';
import type { IntentClassifier } from '../../domain/ports';
import { evaluate, type EvalSet } from './understandingEval';

/** The thresholds tried for each family. */
export const grid = Array.from({ length: 14 }, (_, i) => Math.round((0.3 + i * 0.05) * 100) / 100);

export interface Trial {
  thresholds: Thresholds;
  /** mean of the sets' accuracies: each set counts alike, whatever its size */
  accuracy: number;
  unsafe: number;
}

/** Judges thresholds on the validation sets. */
export async function trial(classifier: IntentClassifier, sets: readonly EvalSet[], thresholds: Thresholds): Promise<Trial> {
  const results = [];
  for (const set of sets) results.push(await evaluate({ classifier, thresholds }, set.items));
  return {
    thresholds,
    accuracy: results.reduce((sum, r) => sum + r.accuracy, 0) / results.length,
    unsafe: results.reduce((sum, r) => sum + r.unsafe.length, 0),
  };
}

/** Safe first, then accurate; on a tie the stricter threshold (fewer guesses said out loud). */
const better = (a: Trial, b: Trial, family: Family) =>
  a.unsafe !== b.unsafe ? a.unsafe < b.unsafe : a.accuracy !== b.accuracy ? a.accuracy > b.accuracy : a.thresholds[family] > b.thresholds[family];

/**
 * Chooses a threshold per family on the validation sets, one family at a time with the others
 * held, until nothing changes: no write proposed where none was meant, then the highest mean
 * accuracy. Returns the choice
 * and, per family, how accuracy moved over the grid at the end (all of it, for the report).
 */
export async function calibrate(
  classifier: IntentClassifier,
  sets: readonly EvalSet[],
  start: Thresholds = { social: 0.7, read: 0.7, write: 0.7 },
): Promise<{ chosen: Trial; sweeps: Record<Family, Trial[]> }> {
  let chosen = await trial(classifier, sets, start);
  const sweeps = { social: [], read: [], write: [] } as Record<Family, Trial[]>;
  for (let round = 0; round < 4; round++) {
    const before = JSON.stringify(chosen.thresholds);
    for (const family of ['write', 'read', 'social'] as const) {
      const trials = [];
      for (const value of grid) trials.push(await trial(classifier, sets, { ...chosen.thresholds, [family]: value }));
      sweeps[family] = trials;
      chosen = trials.reduce((best, t) => (better(t, best, family) ? t : best), chosen);
    }
    if (JSON.stringify(chosen.thresholds) === before) break;
  }
  return { chosen, sweeps };
}
