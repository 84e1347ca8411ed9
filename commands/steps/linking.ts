import { chatUserId, isChatChannel } from '../../domain/channels';
import { linkChat as linkToPerson, typedLinkCode } from '../../domain/linking';
import type { InboundMessage } from '../../domain/messages';
import { blockedOn } from '../addressing';
import { replyLanguage } from '../commandContext';
import { replies } from '../replies';
import { askToLink, toOutbound, type Step } from './turn';

/**
 * A shared contact card or a link code (a Telegram deep link, a WeChat QR code's scene, or the code
 * typed by a chat user not linked yet): the chat is linked to a person, or told why not.
 */
export const linkChat: Step = async ({ store, message, options, person }) => {
  const linking = linkingMessage(message, person !== null);
  if (!linking) return null;
  const answered = await store.transaction(async (tx) => {
    const linked = await linkToPerson(tx, linking, options.now(), options.defaultCountry);
    const linkedPerson = linked.ok ? linked.value : null;
    if (!(await tx.inbox.claim(message.inboxId, linkedPerson?.id ?? null))) return null;
    const language = linkedPerson?.language ?? (linking.payload && 'language' in linking.payload ? linking.payload.language : null) ?? 'en';
    if (linked.ok) return tx.outbox.add(toOutbound(message, linkedPerson, replies[language].linked(linked.value.name)));
    return tx.outbox.add([askToLink(message, language, replies[language].error(linked.error))]);
  });
  return { answered };
};

function linkingMessage(message: InboundMessage, linked: boolean): InboundMessage | null {
  const kind = message.payload?.kind;
  if (kind === 'contact' || kind === 'link-code') return message;
  const code = !linked && isChatChannel(message.channel) ? typedLinkCode(message.text) : null;
  return code ? { ...message, payload: { kind: 'link-code', code, language: replyLanguage(null, message) } } : null;
}

/** Writing again means the chat no longer blocks the bot (nor has unsubscribed from the account). */
export const unblockChat: Step = async ({ store, message, person }) => {
  if (person && blockedOn(person, message.channel) && isChatChannel(message.channel))
    await store.people.setChatBlocked(message.channel, chatUserId(message.from), false);
  return null;
};

/** A chat linked to no one is asked to link itself, whatever it wrote. */
export const unlinkedChat: Step = async ({ store, message, person }) => {
  if (person || !isChatChannel(message.channel)) return null;
  const language = replyLanguage(null, message);
  const text = message.channel === 'wechat' ? replies[language].linkThisWechat : replies[language].linkThisChat;
  return { answered: await store.inbox.answer(message.inboxId, null, [askToLink(message, language, text)]) };
};
