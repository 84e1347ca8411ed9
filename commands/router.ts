import type { CountryCode } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import { linkTelegramChat } from '../domain/linking';
import type { InboundMessage, Keyboard, OutboundMessage } from '../domain/messages';
import type { Language, Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { splitForSms } from '../domain/sms';
import { dialogTimeoutMinutes } from '../dialogs/orderDialog';
import { proposalStep, takeProposal } from '../dialogs/proposalDialog';
import { mayUse, type AnyCommand, type Rendered } from './command';
import { commandContext, replyLanguage, type CommandOptions } from './commandContext';
import { dialogInput, takesInput } from './dialogInput';
import { aliasTable, commands, type CommandName } from './index';
import { lex } from './lexer';
import { parseLocation } from './location';
import { dropProposal, proposal, proposalTaken } from './proposal';
import { replies } from './replies';
import { smalltalk } from './smalltalk';
import { typedCommand, type Typed } from './typed';
import { understand, type Reading, type Understanding } from './understanding/understand';
import { localTime } from './words';

export interface RouterOptions extends CommandOptions {
  defaultCountry: CountryCode;
  /** free-text understanding, loaded on first use; null: free text gets HELP */
  understanding: (() => Promise<Understanding>) | null;
  /** told what each free text was taken to mean (metrics) */
  onReading?(reading: Reading): void;
  now(): Date;
}


/**
 * Processes one stored message exactly once: who sent it, what they asked, what to answer. A
 * command that writes runs in one transaction with the message's claim and its replies; any other
 * answer is committed with the claim in one statement. A retried job finds the message claimed and
 * commits nothing (null).
 */
export async function processInbound(store: Store, message: InboundMessage, options: RouterOptions): Promise<string[] | null> {
  const person = await store.people.byAddress(message.channel, message.from);
  if (message.payload && (message.payload.kind === 'contact' || message.payload.kind === 'link-code')) return linkChat(store, message, options);
  // Writing again means the chat no longer blocks the bot.
  if (person?.telegramBlocked && message.channel === 'telegram') await store.people.setTelegramBlocked(message.from.replace(/^tg:/, ''), false);
  if (!person && message.channel === 'telegram') {
    const language = replyLanguage(null, message);
    return store.inbox.answer(message.inboxId, null, [askToLink(message, language, replies[language].linkThisChat)]);
  }
  const now = options.now();
  const dialogExpired = person?.dialogExpiresAt != null && person.dialogExpiresAt <= now;
  const choice = await choose(store, person, message, options, now);
  if (!dialogExpired && !choice.command?.changesData) {
    return store.inbox.answer(message.inboxId, person?.id ?? null, await respond(store, person, message, choice, options, now));
  }
  return store.transaction(async (tx) => {
    if (!(await tx.inbox.claim(message.inboxId, person?.id ?? null))) return null;
    const notice = dialogExpired ? await expireDialog(tx, person!, message, options) : [];
    const chosen = choice.answersProposal ? await acceptProposal(tx, person!, choice.command === commands.yes, now) : choice;
    return tx.outbox.add([...notice, ...(await respond(tx, person, message, chosen, options, now))]);
  });
}

/** The command a message is: as typed (its keyword and arguments parse), or a driver's bare location; else text, with the keyword it began with. */
function typedMessage(message: InboundMessage, person: Person | null): Typed & { words: string[] } {
  const lexed = lex(message.text, aliasTable);
  const typed = typedCommand(lexed);
  // A location with no command: a shared Telegram location (anyone: LOC then refuses a non-driver),
  // or a driver's bare coordinates, geo: URI, map link or tracker report.
  if (typed.kind === 'text' && (message.payload?.kind === 'location' || (person?.role === 'driver' && parseLocation(message.text) !== null))) {
    return { kind: 'command', command: 'loc', args: [message.text], words: lexed.words };
  }
  return { ...typed, words: lexed.words };
}

interface Choice {
  command: AnyCommand | undefined;
  args: readonly string[];
  /** YES or NO while a proposal waits: the proposal is taken in the transaction */
  answersProposal?: boolean;
  /** the answer is the command's usage: text began with its keyword, and understanding made nothing else of it */
  usage?: boolean;
}

/**
 * What to run for a message. What the person typed goes to their open dialog when it waits for
 * input, else to its command; YES or NO to a waiting proposal answers it; text that is no command
 * is understood (never in the webhook: this runs in the worker), and only what reads is answered
 * from it; what would change data is proposed. No command and no understanding: HELP.
 */
async function choose(store: Store, person: Person | null, message: InboundMessage, options: RouterOptions, now: Date): Promise<Choice> {
  const typed = typedMessage(message, person);
  if (takesInput(person, typed.kind === 'command' ? typed.command : null, typed.words, now)) return { command: dialogInput, args: typed.words };
  if (typed.kind === 'command') {
    const answersProposal = person?.dialogStep === proposalStep && person.dialogExpiresAt! > now && (typed.command === 'yes' || typed.command === 'no') && typed.args.length === 0;
    return { command: commands[typed.command], args: typed.args, answersProposal };
  }
  // Text that began with a keyword and is understood as nothing else gets that command's usage.
  const otherwise: Choice = typed.keyword ? { command: commands[typed.keyword], args: [], usage: true } : { command: undefined, args: [] };
  if (!person || !options.understanding || message.payload || message.text.trim() === '') return otherwise;
  const reading = await understand(message.text, await options.understanding(), store.catalog, DateTime.fromJSDate(now, { zone: person.timezone ?? options.defaultTimezone }).toISODate()!);
  options.onReading?.(reading);
  const { understood } = reading;
  switch (understood.kind) {
    case 'unsure':
      return otherwise;
    case 'social':
      return { command: smalltalk, args: [understood.intent] };
    case 'proposal':
      // A guess at a command the sender may not use is no proposal: their HELP says what they can do.
      return mayUse(commands[understood.command], person) ? { command: proposal, args: [understood.command, ...understood.args] } : { command: undefined, args: [] };
    case 'incomplete': {
      // Its parse error says what is missing (`How many A100?`); where the words parse (ORDER alone), its usage does.
      const command = commands[understood.command] as AnyCommand;
      return { command, args: understood.args, usage: command.parse(understood.args).ok };
    }
    default:
      return { command: commands[understood.command], args: understood.args };
  }
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
  const say = (reply: string | Rendered) => (typeof reply === 'string' ? toOutbound(message, person, reply) : toOutbound(message, person, reply.text, reply.keyboard));
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

/** A dialog that waited too long is closed, and says so before the answer to what the person wrote now. */
async function expireDialog(store: Store, person: Person, message: InboundMessage, options: RouterOptions): Promise<OutboundMessage[]> {
  await store.dialogs.close(person.id);
  const since = localTime(new Date(person.dialogExpiresAt!.getTime() - dialogTimeoutMinutes * 60_000), person.timezone ?? options.defaultTimezone);
  const language = replyLanguage(person, message);
  const fixing = person.dialogStep?.startsWith('fix-') ?? false;
  const text = person.dialogStep === proposalStep
    ? language === 'zh' ? `您 ${since} 的建议指令已过期，未执行。` : `The command suggested at ${since} expired and was not run.`
    : fixing
      ? language === 'zh' ? `您 ${since} 的报修未完成，已过期，请重新发送 报修。` : `Your service request begun at ${since} expired unfiled; send FIX again.`
      : language === 'zh' ? `您 ${since} 的待确认订单已过期，未提交。` : `Your order waiting since ${since} expired and was not submitted.`;
  return toOutbound(message, person, text);
}

/** Replies are in the sender's language: set by LANG or their profile, else the language they wrote in. */

/** A shared contact card or a link code: the chat is linked to a person, or told why not. */
function linkChat(store: Store, message: InboundMessage, options: RouterOptions): Promise<string[] | null> {
  return store.transaction(async (tx) => {
    const linked = await linkTelegramChat(tx, message, options.now(), options.defaultCountry);
    const person = linked.ok ? linked.value : null;
    if (!(await tx.inbox.claim(message.inboxId, person?.id ?? null))) return null;
    const language = person?.language ?? (message.payload && 'language' in message.payload ? message.payload.language : null) ?? 'en';
    if (linked.ok) return tx.outbox.add(toOutbound(message, person, replies[language].linked(linked.value.name)));
    return tx.outbox.add([askToLink(message, language, replies[language].error(linked.error))]);
  });
}

function askToLink(message: InboundMessage, language: Language, text: string): OutboundMessage {
  return { ...toOutbound(message, null, text)[0]!, keyboard: { kind: 'share-contact', label: replies[language].shareContactButton } };
}

function toOutbound(message: InboundMessage, person: Person | null, text: string, keyboard: Keyboard | null = null): OutboundMessage[] {
  const parts = message.channel === 'sms' ? splitForSms(text) : [text];
  return parts.map((part, i) => ({
    channel: message.channel,
    transport: message.transport,
    to: message.from,
    text: part,
    personId: person?.id ?? null,
    inReplyTo: message.inboxId,
    kind: 'reply',
    // Buttons go under the last part (SMS has none).
    keyboard: message.channel === 'sms' || i < parts.length - 1 ? null : keyboard,
  }));
}

