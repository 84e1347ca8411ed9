import { linkTelegramChat } from '../../domain/linking';
import { replyLanguage } from '../commandContext';
import { replies } from '../replies';
import { askToLink, toOutbound, type Step } from './turn';

/** A shared contact card or a link code: the chat is linked to a person, or told why not. */
export const linkChat: Step = async ({ store, message, options }) => {
  if (!message.payload || (message.payload.kind !== 'contact' && message.payload.kind !== 'link-code')) return null;
  const answered = await store.transaction(async (tx) => {
    const linked = await linkTelegramChat(tx, message, options.now(), options.defaultCountry);
    const person = linked.ok ? linked.value : null;
    if (!(await tx.inbox.claim(message.inboxId, person?.id ?? null))) return null;
    const language = person?.language ?? (message.payload && 'language' in message.payload ? message.payload.language : null) ?? 'en';
    if (linked.ok) return tx.outbox.add(toOutbound(message, person, replies[language].linked(linked.value.name)));
    return tx.outbox.add([askToLink(message, language, replies[language].error(linked.error))]);
  });
  return { answered };
};

/** Writing again means the chat no longer blocks the bot. */
export const unblockChat: Step = async ({ store, message, person }) => {
  if (person?.telegramBlocked && message.channel === 'telegram') await store.people.setTelegramBlocked(message.from.replace(/^tg:/, ''), false);
  return null;
};

/** A Telegram chat linked to no one is asked to link itself, whatever it wrote. */
export const unlinkedChat: Step = async ({ store, message, person }) => {
  if (person || message.channel !== 'telegram') return null;
  const language = replyLanguage(null, message);
  return { answered: await store.inbox.answer(message.inboxId, null, [askToLink(message, language, replies[language].linkThisChat)]) };
};
