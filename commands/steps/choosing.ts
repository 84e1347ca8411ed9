import { DateTime } from 'luxon';
import { proposalStep } from '../../dialogs/proposalDialog';
import { mayUse, type AnyCommand } from '../command';
import { dialogInput, takesInput } from '../dialogInput';
import { commands } from '../index';
import { proposal } from '../proposal';
import { smalltalk } from '../smalltalk';
import { understand, type Reading } from '../understanding/understand';
import { readSighting } from '../understanding/sighting';
import { askedAbout } from '../understanding/asked';
import type { MessageReading } from '../../domain/messages';
import type { Step } from './turn';

/** What the person typed goes to their open dialog when it waits for input. */
export const toDialog: Step = async ({ person, typed, now }) =>
  takesInput(person, typed.kind === 'command' ? typed.command : null, typed.words, now) ? { choice: { command: dialogInput, args: typed.words } } : null;

/** A typed command runs; YES or NO to a waiting proposal answers it. */
export const asTyped: Step = async ({ person, typed, now }) => {
  if (typed.kind !== 'command') return null;
  const answersProposal =
    person?.dialogStep === proposalStep && person.dialogExpiresAt! > now && (typed.command === 'yes' || typed.command === 'no') && typed.args.length === 0;
  return { choice: { command: commands[typed.command], args: typed.args, answersProposal } };
};

/**
 * Text that is no command is understood (never in the webhook: this runs in the worker): only what
 * reads is answered from it; what would change data is proposed. Unsure: the next step decides.
 */
export const understood: Step = async (turn) => {
  const { store, message, person, options, now } = turn;
  if (!person || !options.understanding || message.payload || message.text.trim() === '') return null;
  const reading = await understand(message.text, await options.understanding(), store.catalog, () =>
    DateTime.fromJSDate(now, { zone: person.timezone ?? options.defaultTimezone }).toISODate()!,
  );
  options.onReading?.(reading);
  const { understood: meant } = reading;
  // Text read as a command the sender may not use is kept as such: the desk sees it in Needs attention.
  const allowed = !('command' in meant) || mayUse(commands[meant.command] as AnyCommand, person);
  turn.reading = kept(reading, allowed);
  switch (meant.kind) {
    case 'unsure':
      return null;
    case 'social':
      return { choice: { command: smalltalk, args: [meant.intent] } };
    case 'proposal':
      // A guess at a command the sender may not use is no proposal: their HELP says what they can do.
      return { choice: allowed ? { command: proposal, args: [meant.command, ...meant.args] } : { command: undefined, args: [] } };
    case 'incomplete': {
      // Its parse error says what is missing (`How many A100?`); where the words parse (ORDER alone), its usage does.
      const command = commands[meant.command] as AnyCommand;
      // As with a proposal, a write the sender may not use is no answer (a driver's `到了` read as a check-in): their HELP.
      if (command.changesData && !allowed) return { choice: { command: undefined, args: [] } };
      return { choice: { command, args: meant.args, usage: command.parse(meant.args).ok } };
    }
    default:
      return { choice: { command: commands[meant.command], args: meant.args } };
  }
};

/**
 * Free text naming a known competitor brand, one of its models and a price, from someone who may
 * send COMP: proposed as that COMP (never stored unconfirmed). Read before the intent model, whose
 * corpus does not know the brands.
 */
export const sighted: Step = async ({ store, message, person }) => {
  // A sighting has a price: text without a digit costs no look-up of the brands.
  if (!person || message.payload || !/\d/.test(message.text) || !mayUse(commands.comp as AnyCommand, person)) return null;
  const found = readSighting(message.text, await store.competitors.brands());
  if (!found) return null;
  return { choice: { command: proposal, args: ['comp', found.brand, found.model, found.price, ...(found.qty ? ['sold', found.qty] : [])] } };
};

/** A promoter's question about their roster or promotions, in words the readers know: answered as SHIFT or PROMO. */
export const asked: Step = async ({ message, person }) => {
  if (!person || message.payload) return null;
  const about = askedAbout(message.text);
  const command = about && commands[about];
  return command && mayUse(command as AnyCommand, person) ? { choice: { command, args: [] } } : null;
};

/** Nothing else: text that began with a keyword gets that command's usage; anything else, HELP. */
export const otherwise: Step = async ({ typed }) => ({
  choice: typed.kind === 'text' && typed.keyword ? { command: commands[typed.keyword], args: [], usage: true } : { command: undefined, args: [] },
});

/** A reading as the message keeps it: what it became (or that the sender may not use it), and the classifier's best guess. */
function kept({ understood: meant, guesses }: Reading, allowed: boolean): MessageReading {
  const best = guesses[0] ?? null;
  const command = 'command' in meant ? [commands[meant.command].keyword, ...meant.args].join(' ') : null;
  return {
    outcome: allowed ? meant.kind : 'not-allowed',
    intent: best?.intent ?? null,
    confidence: best ? Math.round(best.score * 1000) / 1000 : null,
    command,
  };
}
