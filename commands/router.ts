import type { InboundMessage, OutboundMessage } from '../domain/messages';
import type { Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { dialogTimeoutMinutes } from '../dialogs/orderDialog';
import { proposalStep, takeProposal } from '../dialogs/proposalDialog';
import { expireNotice, noticeStep } from '../dialogs/noticeDialog';
import { mayUse, type Rendered } from './command';
import { commandContext, replyLanguage } from './commandContext';
import { aliasTable, commands, type CommandName } from './index';
import { lex } from './lexer';
import { parseLocation } from './location';
import { dropProposal, proposalTaken } from './proposal';
import { replies } from './replies';
import { asked, asTyped, otherwise, sighted, toDialog, understood } from './steps/choosing';
import { guarded } from './steps/guarded';
import { heldByOperator } from './steps/held';
import { linkChat, unblockChat, unlinkedChat } from './steps/linking';
import { toOutbound, type Choice, type RouterOptions, type Step, type Turn } from './steps/turn';
import { typedCommand } from './typed';
import { localTime } from './words';

export type { RouterOptions } from './steps/turn';

/**
 * What happens to a message, in order: each step answers it, chooses what runs, or passes it on.
 * The first three answer chats that are not linked yet; the next holds back answers to loops and
 * SMS pumping; the next leaves a conversation an operator took over to them; the last four choose; runChoice then answers the choice, in one transaction when it writes.
 */
const steps: readonly Step[] = [linkChat, unblockChat, unlinkedChat, guarded, heldByOperator, toDialog, asTyped, sighted, asked, understood, otherwise];

/**
 * Processes one stored message exactly once: who sent it, what they asked, what to answer. A
 * command that writes runs in one transaction with the message's claim and its replies; any other
 * answer is committed with the claim in one statement. A retried job finds the message claimed and
 * commits nothing (null).
 */
export async function processInbound(store: Store, message: InboundMessage, options: RouterOptions): Promise<string[] | null> {
  const person = asSeenBy(message, await store.people.byAddress(message.channel, message.from));
  const turn: Turn = { store, message, options, now: options.now(), person, typed: typedMessage(message, person), reading: null };
  for (const step of steps) {
    const result = await step(turn);
    if (!result) continue;
    return 'answered' in result ? result.answered : runChoice(turn, result.choice);
  }
  throw new Error('the last step always chooses');
}

/** Answers a choice: in one statement when nothing changes, else in a transaction with the claim (and an expired dialog's notice). */
async function runChoice({ store, message, options, now, person, reading }: Turn, choice: Choice): Promise<string[] | null> {
  const dialogExpired = person?.dialogExpiresAt != null && person.dialogExpiresAt <= now;
  if (!dialogExpired && !choice.command?.changesData) {
    return store.inbox.answer(message.inboxId, person?.id ?? null, await respond(store, person, message, choice, options, now), reading);
  }
  return store.transaction(async (tx) => {
    if (!(await tx.inbox.claim(message.inboxId, person?.id ?? null, reading))) return null;
    const notice = dialogExpired ? await expireDialog(tx, person!, message, options, now) : [];
    const chosen = choice.answersProposal ? await acceptProposal(tx, person!, choice.command === commands.yes, now) : choice;
    return tx.outbox.add([...notice, ...(await respond(tx, person, message, chosen, options, now))]);
  });
}

/**
 * The person as the message's sender knew them: a dialog step that began after the message arrived
 * (another message of theirs, taken first, opened it) was never seen by them, and the message does
 * not answer it (two YES sent together run a proposal once; the second does not submit the order the
 * first opened). The YES and NO commands check the same under the dialog's lock.
 */
function asSeenBy(message: InboundMessage, person: Person | null): Person | null {
  if (!person?.dialogSince || person.dialogSince <= message.receivedAt) return person;
  return { ...person, dialogStep: null, dialogExpiresAt: null, dialogSince: null };
}

/** The command a message is: as typed (its keyword and arguments parse), or a driver's bare location; else text, with the keyword it began with. */
function typedMessage(message: InboundMessage, person: Person | null): Turn['typed'] {
  const lexed = lex(message.text, aliasTable);
  const typed = typedCommand(lexed);
  // A location with no command: a shared Telegram location (anyone: LOC then refuses a non-driver),
  // or a driver's bare coordinates, geo: URI, map link or tracker report.
  if (typed.kind === 'text' && (message.payload?.kind === 'location' || (person?.role === 'driver' && parseLocation(message.text) !== null))) {
    return { kind: 'command', command: 'loc', args: [message.text], words: lexed.words };
  }
  return { ...typed, words: lexed.words };
}

/** YES runs the proposed command as if typed; NO drops it. Taken under the dialog's lock, so two YES run it once. */
async function acceptProposal(store: Store, person: Person, yes: boolean, now: Date): Promise<Choice> {
  const proposed = await takeProposal(store, person, now);
  if (proposed === null) return { command: proposalTaken, args: [] };
  const { command, args } = lex(proposed, aliasTable);
  if (!yes) return { command: dropProposal, args: [command!, ...args] };
  return { command: commands[command as CommandName], args };
}

/**
 * The messages one message causes, rendered in each reader's language: the replies to the sender
 * and any notifications a command made (an approval request, a decision). Never silence, but for a repeated STOP.
 */
export async function respond(
  store: Store,
  person: Person | null,
  message: InboundMessage,
  { command, args, usage }: Choice,
  options: RouterOptions,
  now: Date,
): Promise<OutboundMessage[]> {
  const { context, notifications } = commandContext(store, person, message, options, now, message.transport === 'simulator' ? 'simulated' : 'real');
  const say = (reply: string | Rendered) =>
    typeof reply === 'string' ? toOutbound(message, person, reply) : toOutbound(message, person, reply.text, reply.keyboard);
  if (!person && command?.roles !== 'anyone') return say(replies[context.language].notRegistered);
  // Anything that is no command and was not understood gets the sender's HELP.
  const chosen = command ?? commands.help;
  if (!mayUse(chosen, person)) return say(replies[context.language].refused(chosen.keyword));
  if (usage) return say(replies[context.language].usage(chosen.usage[context.language]));
  const parsed = command ? chosen.parse(args) : commands.help.parse([]);
  if (!parsed.ok) {
    const error = parsed.error;
    return say(error.code === 'USAGE' ? replies[context.language].usage(chosen.usage[context.language]) : replies[context.language].error(error));
  }
  const outcome = await chosen.handle(context, parsed.value);
  if ('silent' in outcome) return [];
  return [...say(outcome.ok ? chosen.render[context.language](outcome.value, context) : replies[context.language].error(outcome.error)), ...notifications];
}

/** A dialog that waited too long is closed (a notice's broadcast cancelled), and says so before the answer to what the person wrote now. */
async function expireDialog(store: Store, person: Person, message: InboundMessage, options: RouterOptions, now: Date): Promise<OutboundMessage[]> {
  if (person.dialogStep === noticeStep) await expireNotice(store, person, now);
  await store.dialogs.close(person.id);
  const since = localTime(new Date(person.dialogExpiresAt!.getTime() - dialogTimeoutMinutes * 60_000), person.timezone ?? options.defaultTimezone);
  const language = replyLanguage(person, message);
  const kind =
    person.dialogStep === proposalStep
      ? 'proposal'
      : person.dialogStep === noticeStep
        ? 'notice'
        : person.dialogStep?.startsWith('fix-')
          ? 'fix'
          : person.dialogStep?.startsWith('return-')
            ? 'return'
            : 'order';
  return toOutbound(message, person, expired[kind][language](since));
}

const expired: Record<'proposal' | 'notice' | 'fix' | 'return' | 'order', Record<'en' | 'zh', (since: string) => string>> = {
  proposal: { en: (since) => `The command suggested at ${since} expired and was not run.`, zh: (since) => `您 ${since} 的建议指令已过期，未执行。` },
  notice: { en: (since) => `Your notice prepared at ${since} expired and was not sent.`, zh: (since) => `您 ${since} 的通知已过期，未发送。` },
  fix: {
    en: (since) => `Your service request begun at ${since} expired unfiled; send FIX again.`,
    zh: (since) => `您 ${since} 的报修未完成，已过期，请重新发送 报修。`,
  },
  return: {
    en: (since) => `Your return begun at ${since} expired and was not asked; send RETURN again.`,
    zh: (since) => `您 ${since} 的退货申请未完成，已过期，请重新发送 退货。`,
  },
  order: {
    en: (since) => `Your order waiting since ${since} expired and was not submitted.`,
    zh: (since) => `您 ${since} 的待确认订单已过期，未提交。`,
  },
};
