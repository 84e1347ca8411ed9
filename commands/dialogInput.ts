import { fail, ok } from '../domain/result';
import { addAnother, inputOrder, inputSteps, type DialogOutcome } from '../dialogs/orderDialog';
import type { Person } from '../domain/people';
import type { Command } from './command';
import { dialogReply } from './orderWords';

/**
 * What a person types while their dialog waits for a product code or a quantity (or "+" for one
 * more product): not a command with a keyword, so it is never in the alias table; the router
 * chooses it when the open dialog takes input.
 */
export const dialogInput: Command<{ text: string }, DialogOutcome> = {
  keyword: 'ORDER',
  aliases: [],
  roles: ['dealer'],
  changesData: true,
  listed: false,
  usage: { en: 'a product code or a quantity', zh: '产品编号或数量' },
  parse: (args) => (args.length === 1 ? ok({ text: args[0]! }) : fail({ code: 'USAGE' })),
  handle: ({ store, person, policy, now }, { text }) => inputOrder(store, person!, text, policy, now),
  render: { en: (outcome) => dialogReply(outcome, 'en'), zh: (outcome) => dialogReply(outcome, 'zh') },
};

/** Whether a message goes to the person's open dialog as input rather than being read as a command. */
export function takesInput(person: Person | null, command: string | null, words: readonly string[], now: Date): boolean {
  if (!person?.dialogStep || !person.dialogExpiresAt || person.dialogExpiresAt <= now || words.length !== 1) return false;
  if (person.dialogStep === 'confirm') return words[0] === addAnother;
  return inputSteps.includes(person.dialogStep) && command === null;
}
