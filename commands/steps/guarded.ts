import type { InboundMessage } from '../../domain/messages';
import type { Store } from '../../domain/ports';
import { replyLanguage } from '../commandContext';
import { commands } from '../index';
import { replies } from '../replies';
import { toOutbound, type Step } from './turn';

/**
 * Messages whose answer the traffic guard holds back: the same free text bouncing between the bot
 * and another robot (an auto-reply loop; commands and a dialog's answers are never held back for
 * repeating), and unregistered numbers past their hourly replies (SMS pumping: each reply would be paid for). The message is processed, unanswered, with the reason kept
 * beside it for the console. STOP and START always take effect.
 */
export const guarded: Step = async ({ store, message, options, person, typed }) => {
  const { guard } = options;
  if (!guard || (typed.kind === 'command' && commands[typed.command].roles === 'anyone')) return null;
  // A loop is free text bouncing; a command (YES to one order after another) or a dialog's answer repeats for good reasons.
  const mayBeEcho = typed.kind === 'text' && !person?.dialogStep;
  const reason =
    mayBeEcho && (await guard.echoing(message.from, message.text))
      ? 'echo'
      : !person && message.channel === 'sms' && !(await guard.answerUnregistered(message.from))
        ? 'capped'
        : null;
  if (!reason) return null;
  // The reason is kept by the update that marks the message processed: whoever sees it processed sees why.
  const unanswered = { outcome: 'unanswered', intent: null, confidence: null, command: reason } as const;
  return { answered: await store.inbox.answer(message.inboxId, person?.id ?? null, [], unanswered) };
};

/** How long one notice covers: the guard's own spell (trafficGuard's noticeSpellSeconds). */
const noticeSpellMs = 600_000;

/**
 * The one notice a sender the guard slows down gets (the worker holds their messages back, to be
 * answered in turn). The guard remembers it in Redis; the outbox too, by a dedupe key for the spell
 * the message arrived in, so a Redis that lost its data (or a worker killed between the two) tells
 * nobody twice.
 */
export async function tellSlowedDown(store: Store, message: InboundMessage): Promise<void> {
  const person = await store.people.byAddress(message.channel, message.from);
  const text = replies[replyLanguage(person, message)].slowedDown;
  const spell = Math.floor(message.receivedAt.getTime() / noticeSpellMs);
  await store.transaction((tx) =>
    tx.outbox.add(toOutbound(message, person, text).map((m) => ({ ...m, inReplyTo: null, dedupeKey: `slowed:${message.channel}:${message.from}:${spell}` }))),
  );
}
