import type { CatalogStore, IntentClassifier, IntentGuess } from '../../domain/ports';
import type { AnyCommand } from '../command';
import { commands, type CommandName } from '../index';
import { hasHan, normalize, simplified } from '../lexer';
import { candidateCodes, readEntities, type Entities } from './entities';
import { asksAbout, shortAnswer } from './evidence';
import { commandIntents, familyOf, isReadIntent, noIntent, type SocialIntent, type Thresholds } from './intents';

/** The classifier and how sure it must be, per family of intents, before a text is taken to mean something (thresholds.json, or NLU_CONFIDENCE). */
export interface Understanding {
  classifier: IntentClassifier;
  thresholds: Thresholds;
}

/**
 * What a text that is no command was taken to mean. Only `command` is answered at once, and only
 * for intents that read; an intent that would change data is a `proposal` the person confirms.
 */
export type Understood =
  | { kind: 'command'; intent: string; command: CommandName; args: string[] }
  | { kind: 'proposal'; intent: string; command: CommandName; args: string[] }
  /** the command it means lacks what it needs (STOCK without a product): its parse error or usage is the answer */
  | { kind: 'incomplete'; intent: string; command: CommandName; args: string[] }
  | { kind: 'social'; intent: SocialIntent }
  | { kind: 'unsure' };

export interface Reading {
  understood: Understood;
  /** the classifier's guesses, best first; empty when the text had no words */
  guesses: IntentGuess[];
  entities: Entities;
}

/** The intent a reading settled on: `none` when it was unsure. */
export const intentOf = (understood: Understood): string => (understood.kind === 'unsure' ? noIntent : understood.intent);

/**
 * Understands a free text: its entities (product codes checked against the catalogue in one
 * query), its intent from the classifier, and what the sender should get. Traditional characters
 * are read as Simplified. `today` answers the sender's local date, asked only for a month written without a year.
 */
export async function understand(text: string, understanding: Understanding, catalog: Pick<CatalogStore, 'knownCodes'>, today: () => string): Promise<Reading> {
  const read = simplified(text);
  const candidates = candidateCodes(read);
  const known = candidates.length > 0 ? await catalog.knownCodes(candidates) : { skus: [], stores: [], warehouses: [] };
  const { entities, masked } = readEntities(read, known, today);
  const guesses = masked === '' ? [] : await understanding.classifier.classify(masked, hasHan(masked) ? 'zh' : 'en');
  return { understood: decide(guesses, entities, normalize(read), normalize(text), understanding.thresholds), guesses, entities };
}

/**
 * The classifier's best guess, if it is sure enough for its family. A write is proposed only with
 * its evidence: asked for in words but missing what it needs, it is incomplete (its usage is the
 * answer); not asked for, the text is the read it is closest to (a question about the order it
 * names, the price it asks), else the likeliest read the classifier also saw, else nothing.
 * `read` is the text as matched (Simplified), `written` as the person wrote it (a FIX description).
 */
function decide(guesses: readonly IntentGuess[], entities: Entities, read: string, written: string, thresholds: Thresholds): Understood {
  const best = withPleasantries(
    guesses.filter((guess) => !(guess.intent === 'yes' || guess.intent === 'no') || shortAnswer(read)),
    entities,
  );
  const family = best ? familyOf(best.intent) : null;
  if (!best || !family || best.intent === noIntent) return { kind: 'unsure' };
  const intent = commandIntents[best.intent];
  // A write the text does not ask for is the read its own words point to (a price asked, a question
  // about an order), as sure as a write must be; else a read the classifier saw, as sure as a read must be.
  if (intent?.acts === 'writes' && !intent.asks(read)) {
    const pointed = best.score >= thresholds.write ? intent.instead?.(entities, read) : null;
    const closest = pointed ?? guesses.find((guess) => isReadIntent(guess.intent) && guess.score >= thresholds.read)?.intent;
    return closest ? formed(closest, entities, read, written) : { kind: 'unsure' };
  }
  if (best.score < thresholds[family]) return { kind: 'unsure' };
  if (family === 'social') return { kind: 'social', intent: best.intent as SocialIntent };
  return formed(best.intent, entities, read, written);
}

/**
 * A kind word around a request (`要5台A100 谢谢`, `hi, A100 in stock?`) is the request: when the
 * text names a product or a number, a command intent the classifier also saw counts over the
 * greeting or thanks it saw first.
 */
function withPleasantries(guesses: readonly IntentGuess[], entities: Entities): IntentGuess | undefined {
  const [first] = guesses;
  if (!first || familyOf(first.intent) !== 'social' || (entities.items.length === 0 && entities.numbers.length === 0)) return first;
  const request = guesses.find((guess) => commandIntents[guess.intent] && guess.score >= pleasantryShare * first.score);
  return request ? { intent: request.intent, score: first.score + request.score } : first;
}
/** How strong a request must be beside the kind word that outranks it. */
const pleasantryShare = 0.25;

function formed(name: string, entities: Entities, read: string, written: string): Understood {
  const intent = commandIntents[name]!;
  const args = intent.args(entities, written).flatMap((arg) => (arg ? arg.split(' ') : []));
  const complete = (commands[intent.command] as AnyCommand).parse(args).ok && (intent.acts === 'reads' || intent.needs(entities, written));
  if (!complete)
    return intent.acts === 'writes' || asksAbout(name, read) ? { kind: 'incomplete', intent: name, command: intent.command, args } : { kind: 'unsure' };
  return { kind: intent.acts === 'reads' ? 'command' : 'proposal', intent: name, command: intent.command, args };
}
