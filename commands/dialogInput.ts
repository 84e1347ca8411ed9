import { fail, ok } from '../domain/result';
import { addAnother, inputOrder, inputSteps, type DialogOutcome } from '../dialogs/orderDialog';
import { fixSteps, inputFix, type FixOutcome } from '../dialogs/fixDialog';
import type { Person } from '../domain/people';
import type { Command } from './command';
import { announceFiled, fixReply } from './fix';
import { dialogReply } from './orderWords';

type Answer = { dialog: 'order'; outcome: DialogOutcome } | { dialog: 'fix'; outcome: FixOutcome };

/**
 * What a person types while their dialog waits for input: a product code or a quantity for an
 * order (or "+" for one more product), a product code or the description of a service request.
 * Not a command with a keyword, so it is never in the alias table; the router chooses it when the
 * open dialog takes input.
 */
export const dialogInput: Command<{ text: string }, Answer> = {
  keyword: 'ORDER',
  aliases: [],
  roles: ['dealer', 'customer'],
  changesData: true,
  listed: false,
  usage: { en: 'a product code or a quantity', zh: '产品编号或数量' },
  parse: (args) => (args.length > 0 ? ok({ text: args.join(' ') }) : fail({ code: 'USAGE' })),
  async handle(context, { text }) {
    const { store, person, policy, now } = context;
    if (fixSteps.includes(person!.dialogStep ?? '')) {
      const outcome = await inputFix(store, person!, text, now);
      if (outcome.ok) announceFiled(context, outcome.value);
      return outcome.ok ? ok({ dialog: 'fix' as const, outcome: outcome.value }) : outcome;
    }
    const outcome = await inputOrder(store, person!, text, policy, now);
    return outcome.ok ? ok({ dialog: 'order' as const, outcome: outcome.value }) : outcome;
  },
  render: {
    en: (answer) => (answer.dialog === 'fix' ? fixReply(answer.outcome, 'en') : dialogReply(answer.outcome, 'en')),
    zh: (answer) => (answer.dialog === 'fix' ? fixReply(answer.outcome, 'zh') : dialogReply(answer.outcome, 'zh')),
  },
};

/** Whether a message goes to the person's open dialog as input rather than being read as a command. */
export function takesInput(person: Person | null, command: string | null, words: readonly string[], now: Date): boolean {
  if (!person?.dialogStep || !person.dialogExpiresAt || person.dialogExpiresAt <= now || words.length === 0) return false;
  // A service request's description is free text; everything else a dialog takes is one word.
  if (person.dialogStep === 'fix-description') return command === null;
  if (words.length !== 1) return false;
  if (person.dialogStep === 'confirm') return words[0] === addAnother;
  return (inputSteps.includes(person.dialogStep) || fixSteps.includes(person.dialogStep)) && command === null;
}
