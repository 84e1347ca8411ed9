import { fail, ok } from '../domain/result';
import { addAnother, inputOrder, inputSteps, type DialogOutcome } from '../dialogs/orderDialog';
import { fixSteps, inputFix, type FixOutcome } from '../dialogs/fixDialog';
import { inputReturn, returnSteps, type ReturnOutcome } from '../dialogs/returnDialog';
import type { Language, Person } from '../domain/people';
import type { Command, Rendered } from './command';
import { announceFiled, fixReply } from './fix';
import { dialogReply } from './orderWords';
import { askForApproval, returnReply } from './return';

type Answer = { dialog: 'order'; outcome: DialogOutcome } | { dialog: 'fix'; outcome: FixOutcome } | { dialog: 'return'; outcome: ReturnOutcome };

/**
 * What a person types while their dialog waits for input: a product code or a quantity for an
 * order (or "+" for one more product), a product code or the description of a service request,
 * a return's order, product, quantity or reason.
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
    if (returnSteps.includes(person!.dialogStep ?? '')) {
      const outcome = await inputReturn(store, person!, text, context.returns, now);
      if (outcome.ok && outcome.value.kind === 'requested') askForApproval(context, outcome.value.requested);
      return outcome.ok ? ok({ dialog: 'return' as const, outcome: outcome.value }) : outcome;
    }
    const outcome = await inputOrder(store, person!, text, policy, now);
    return outcome.ok ? ok({ dialog: 'order' as const, outcome: outcome.value }) : outcome;
  },
  render: {
    en: (answer) => reply(answer, 'en'),
    zh: (answer) => reply(answer, 'zh'),
  },
};

function reply(answer: Answer, language: Language): string | Rendered {
  if (answer.dialog === 'fix') return fixReply(answer.outcome, language);
  if (answer.dialog === 'return') return returnReply(answer.outcome, language);
  return dialogReply(answer.outcome, language);
}

/** Whether a message goes to the person's open dialog as input rather than being read as a command. */
export function takesInput(person: Person | null, command: string | null, words: readonly string[], now: Date): boolean {
  if (!person?.dialogStep || !person.dialogExpiresAt || person.dialogExpiresAt <= now || words.length === 0) return false;
  // A service request's description and a return's reason are free text; everything else a dialog takes is one word.
  if (person.dialogStep === 'fix-description' || person.dialogStep === 'return-reason') return command === null;
  if (words.length !== 1) return false;
  if (person.dialogStep === 'confirm') return words[0] === addAnother;
  return [inputSteps, fixSteps, returnSteps].some((steps) => steps.includes(person.dialogStep!)) && command === null;
}
