import type { CountryCode } from 'libphonenumber-js';
import type { InboundMessage, Keyboard, MessageReading, OutboundMessage } from '../../domain/messages';
import type { Language, Person } from '../../domain/people';
import type { Store, TrafficGuard } from '../../domain/ports';
import { splitForSms } from '../../domain/sms';
import type { AnyCommand } from '../command';
import type { CommandOptions } from '../commandContext';
import { replies } from '../replies';
import type { Typed } from '../typed';
import type { Reading, Understanding } from '../understanding/understand';

export interface RouterOptions extends CommandOptions {
  defaultCountry: CountryCode;
  /** free-text understanding, loaded on first use; null: free text gets HELP */
  understanding: (() => Promise<Understanding>) | null;
  /** told what each free text was taken to mean (metrics) */
  onReading?(reading: Reading): void;
  /** a conversation an operator took over goes back to the bot after this long without their reply */
  handoffIdleMinutes: number;
  /** what holds answers back: loops with other robots, unregistered numbers over their cap (none: all answered) */
  guard?: TrafficGuard;
  now(): Date;
}

/** One message on its way through the router's steps, read once: who sent it, and the command its text types. */
export interface Turn {
  store: Store;
  message: InboundMessage;
  options: RouterOptions;
  now: Date;
  person: Person | null;
  /** the lexer's reading of the text: its words, and the command it is, if it is one */
  typed: Typed & { words: string[] };
  /**
   * How a free text was understood, set by the step that understood it (even when it passes the
   * message on): kept with the message by the update that claims or answers it, not by one of its own.
   */
  reading: MessageReading | null;
}

/** What runs for a message. */
export interface Choice {
  command: AnyCommand | undefined;
  args: readonly string[];
  /** YES or NO while a proposal waits: the proposal is taken in the transaction */
  answersProposal?: boolean;
  /** the answer is the command's usage: text began with its keyword, and understanding made nothing else of it */
  usage?: boolean;
}

/**
 * A step answers the message itself (its replies' outbox ids; null: it was processed already),
 * chooses what runs, or passes the message on to the next step (null) — grammY's Composer, in order.
 */
export type StepResult = { answered: string[] | null } | { choice: Choice } | null;
export type Step = (turn: Turn) => Promise<StepResult>;

/** A reply to the message, in SMS segments on SMS; buttons under the last part. */
export function toOutbound(message: InboundMessage, person: Person | null, text: string, keyboard: Keyboard | null = null): OutboundMessage[] {
  const parts = message.channel === 'sms' ? splitForSms(text) : [text];
  return parts.map((part, i) => ({
    channel: message.channel,
    transport: message.transport,
    to: message.from,
    text: part,
    personId: person?.id ?? null,
    inReplyTo: message.inboxId,
    kind: 'reply',
    keyboard: message.channel === 'sms' || i < parts.length - 1 ? null : keyboard,
  }));
}

/** A reply under a "share my phone number" button: how an unlinked chat links itself. */
export function askToLink(message: InboundMessage, language: Language, text: string): OutboundMessage {
  const [reply] = toOutbound(message, null, text);
  // WeChat has no such button: its users send the code, or scan a QR code.
  return message.channel === 'telegram' ? { ...reply!, keyboard: { kind: 'share-contact', label: replies[language].shareContactButton } } : reply!;
}
