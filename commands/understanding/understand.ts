import type { CatalogStore, IntentClassifier, IntentGuess } from '../../domain/ports';
import type { AnyCommand } from '../command';
import { commands, type CommandName } from '../index';
import { hasHan, normalize } from '../lexer';
import { candidateCodes, readEntities, type Entities } from './entities';
import { commandIntents, noIntent, socialIntents, type SocialIntent } from './intents';

/** The classifier and how sure it must be before a text is taken to mean something (NLU_CONFIDENCE). */
export interface Understanding {
  classifier: IntentClassifier;
  threshold: number;
}

/**
 * What a text that is no command was taken to mean. Only `command` is answered at once, and only
 * for intents that read; an intent that would change data is a `proposal` the person confirms.
 */
export type Understood =
  | { kind: 'command'; command: CommandName; args: string[] }
  | { kind: 'proposal'; command: CommandName; args: string[] }
  /** the command it means lacks what it needs (STOCK without a product): its parse error or usage is the answer */
  | { kind: 'incomplete'; command: CommandName; args: string[] }
  | { kind: 'social'; intent: SocialIntent }
  | { kind: 'unsure' };

export interface Reading {
  understood: Understood;
  /** the classifier's best guess, null when the text had no words */
  guess: IntentGuess | null;
  entities: Entities;
}

/**
 * Understands a free text: its entities (product codes checked against the catalogue in one
 * query), its intent from the classifier, and what the sender should get. `today` is the sender's
 * local date, for months written without a year.
 */
export async function understand(text: string, understanding: Understanding, catalog: Pick<CatalogStore, 'knownCodes'>, today: string): Promise<Reading> {
  const candidates = candidateCodes(text);
  const known = candidates.length > 0 ? await catalog.knownCodes(candidates) : { skus: [], stores: [], warehouses: [] };
  const { entities, masked } = readEntities(text, known, today);
  const [guess = null] = masked === '' ? [] : await understanding.classifier.classify(masked, hasHan(masked) ? 'zh' : 'en');
  return { understood: decide(guess, entities, normalize(text), understanding.threshold), guess, entities };
}

function decide(guess: IntentGuess | null, entities: Entities, text: string, threshold: number): Understood {
  if (!guess || guess.score < threshold || guess.intent === noIntent) return { kind: 'unsure' };
  if ((socialIntents as readonly string[]).includes(guess.intent)) return { kind: 'social', intent: guess.intent as SocialIntent };
  const intent = commandIntents[guess.intent];
  if (!intent) return { kind: 'unsure' };
  const args = intent.args(entities, text).flatMap((arg) => (arg ? arg.split(' ') : []));
  if (!(commands[intent.command] as AnyCommand).parse(args).ok) return { kind: 'incomplete', command: intent.command, args };
  return { kind: intent.acts === 'reads' ? 'command' : 'proposal', command: intent.command, args };
}
