import { handoffLapsed, replyLimit, type Handoff, type HeldConversation } from '../domain/handoffs';
import type { OutboundMessage } from '../domain/messages';
import type { Language, Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { fail, ok, type Result } from '../domain/result';

/**
 * A person's conversation taken over from the console (issue 16): the operator answers instead of
 * the bot, through the person's channel, and hands it back. The person is told once when a person
 * answers and once when the bot is back. Run each in a transaction (desk()): the handoff and the
 * notice it causes commit together.
 */

const told: Record<'answering' | 'botBack', Record<Language, string>> = {
  answering: {
    en: 'A person from our team is answering you now.',
    zh: '现在由我们的工作人员为您解答。',
  },
  botBack: {
    en: 'You are talking to the fieldline bot again. Send HELP for your commands.',
    zh: '您已回到 fieldline 自动回复，发送 帮助 查看可用指令。',
  },
};

/** A message to the person in the conversation held: a reply (exempt from quiet hours), unless the person opted out there. */
async function toConversation(tx: Store, person: Person, held: HeldConversation, text: string, dedupeKey?: string): Promise<OutboundMessage[]> {
  if (await tx.contacts.isOptedOut(held.channel, held.peer)) return [];
  return [{ ...held, to: held.peer, text, personId: person.id, inReplyTo: null, kind: 'reply', dedupeKey }];
}

/** Takes the conversation; another operator's hold is refused with who holds it. Taking it again is no second notice. */
export async function takeOver(tx: Store, person: Person, operatorId: string, held: HeldConversation, now: Date): Promise<Result<Handoff>> {
  const { holder, taken } = await tx.handoffs.take(person.id, operatorId, held, now);
  if (holder.operatorId !== operatorId) return fail({ code: 'HANDOFF.HELD', operator: holder.operatorId });
  if (taken) await tx.outbox.add(await toConversation(tx, person, held, told.answering[person.language ?? 'en']));
  return ok(holder);
}

/**
 * The operator's reply, once: the form's idempotency key is the message's dedupe key, so a form
 * sent twice (a lost connection, a double click) queues one message. Refused when empty, too long
 * for the channel, when the person opted out there, or when this operator does not hold the conversation.
 */
export async function operatorReply(
  tx: Store,
  person: Person,
  operatorId: string,
  reply: { text: string; key: string },
  now: Date,
): Promise<Result<{ queued: boolean }>> {
  const handoff = person.handoff;
  if (!handoff || handoff.operatorId !== operatorId) return fail({ code: 'HANDOFF.NOT_HELD' });
  const text = reply.text.trim();
  if (text === '') return fail({ code: 'REPLY.EMPTY' });
  if (text.length > replyLimit[handoff.channel]) return fail({ code: 'REPLY.TOO_LONG', length: text.length, max: replyLimit[handoff.channel] });
  if (await tx.contacts.isOptedOut(handoff.channel, handoff.peer)) return fail({ code: 'REPLY.OPTED_OUT', channel: handoff.channel });
  await tx.handoffs.touch(person.id, operatorId, now);
  const ids = await tx.outbox.add(await toConversation(tx, person, handoff, text, `console-reply:${reply.key}`));
  return ok({ queued: ids.length > 0 });
}

/** Hands the conversation back to the bot (by its holder, or by anyone when `operatorId` is null) and tells the person. */
export async function handBack(tx: Store, person: Person, operatorId: string | null, idleBefore?: Date): Promise<Result<Handoff>> {
  const ended = await tx.handoffs.release(person.id, operatorId, idleBefore);
  if (!ended) return fail({ code: 'HANDOFF.NOT_HELD' });
  await tx.outbox.add(await toConversation(tx, person, ended, told.botBack[person.language ?? 'en']));
  return ok(ended);
}

/** Hands back every conversation whose operator has not replied for the idle limit; answers those handed back. */
export async function handBackIdle(store: Store, now: Date, idleMinutes: number): Promise<{ personId: string; handoff: Handoff }[]> {
  const idleBefore = new Date(now.getTime() - idleMinutes * 60_000);
  const idle = await store.handoffs.idleSince(idleBefore);
  const handedBack: { personId: string; handoff: Handoff }[] = [];
  for (const { personId } of idle) {
    const ended = await store.transaction(async (tx) => {
      const person = await tx.people.byId(personId);
      if (!person?.handoff || !handoffLapsed(person.handoff, now, idleMinutes)) return null;
      // Released only if still idle: a reply since the listing keeps the hold.
      const released = await handBack(tx, person, person.handoff.operatorId, idleBefore);
      return released.ok ? released.value : null;
    });
    if (ended) handedBack.push({ personId, handoff: ended });
  }
  return handedBack;
}
