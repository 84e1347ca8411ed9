import { handoffLapsed } from '../../domain/handoffs';
import { handBack } from '../handoff';
import { desk } from '../deskActions';
import type { Step } from './turn';

/** What the bot still answers while an operator holds the conversation: opting out and in, and HELP. */
const alwaysAnswered = new Set(['stop', 'start', 'help']);

/**
 * A person whose conversation an operator took over in the console: the message is theirs to answer
 * (the console shows it), and the bot says nothing, but to STOP, START and HELP. A hold the operator
 * let lapse (HANDOFF_IDLE_MINUTES without a reply) is handed back first, and the bot answers again.
 */
export const heldByOperator: Step = async ({ store, message, options, now, person, typed }) => {
  const handoff = person?.handoff;
  if (!person || !handoff) return null;
  if (handoffLapsed(handoff, now, options.handoffIdleMinutes)) {
    await desk(store, (tx) => handBack(tx, person, handoff.operatorId, new Date(now.getTime() - options.handoffIdleMinutes * 60_000)));
    return null;
  }
  if (typed.kind === 'command' && alwaysAnswered.has(typed.command)) return null;
  return { answered: await store.inbox.answer(message.inboxId, person.id, []) };
};
