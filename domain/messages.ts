import type { Language } from './people';

export { channels, transports, type Channel, type Transport } from './channels';
import type { Channel, Transport } from './channels';

/**
 * What a message carries besides text: a chat's shared contact card, or a link code (`/start CODE`).
 * `language` is what the sender's app reports, for replies to someone not linked yet.
 */
export type InboundPayload =
  | { kind: 'contact'; phone: string; contactUserId: string | null; language: Language | null }
  | { kind: 'link-code'; code: string; language: Language | null }
  /** a chat's location (its text is the RFC 5870 `geo:` URI, in WGS-84); live: a Telegram live location started, moved, or ended */
  | { kind: 'location'; live: 'start' | 'update' | 'end' | null; liveUntil: string | null }
  /** a chat's photo (a Telegram file id, `wechat:<MediaId>`); its caption is the message's text (`FIX A100 screen cracked`) */
  | { kind: 'photo'; fileId: string };

/** One message from a person, already stored durably in the inbox. */
export interface InboundMessage {
  inboxId: string;
  channel: Channel;
  transport: Transport;
  /** E.164 phone for sms, `tg:<user id>` for telegram, `wx:<OpenID>` for wechat. */
  from: string;
  text: string;
  payload?: InboundPayload | null;
  receivedAt: Date;
}

/**
 * Buttons under a message where the channel has them (Telegram); SMS sends the text alone, which
 * says what to reply. A choice's `reply` is the text a tap sends back (`YES`, `APPROVE 10001`).
 */
export type Keyboard = { kind: 'share-contact'; label: string } | { kind: 'choices'; choices: { label: string; reply: string }[] };

/**
 * What a message is: a reply to a person's own message, or one of the proactive kinds, listed in
 * priority order (under the daily cap an approval request goes before an alert, …, before a
 * birthday greeting). Proactive messages follow the contact policy; replies are exempt.
 */
export const proactiveKinds = ['approval', 'alert', 'order-status', 'ticket', 'reminder', 'broadcast', 'statement', 'dunning', 'birthday'] as const;
export type ProactiveKind = (typeof proactiveKinds)[number];
export type MessageKind = 'reply' | ProactiveKind;

/**
 * A send whose outcome is unknown where the provider cannot be asked whether it has it (Telegram's
 * Bot API has no message lookup): per kind, sent again or not, and why. A repeated chat message is
 * harmless where a lost one is not; each decision is written on the message.
 */
export const whenOutcomeUnknowable: Record<MessageKind, { sendAgain: boolean; why: string }> = {
  reply: { sendAgain: true, why: 'an answer the person waits for; a repeated one is harmless' },
  reminder: { sendAgain: true, why: 'a reminder seen twice costs nothing; missed, the report is late' },
  approval: { sendAgain: true, why: 'an approver who never sees it stalls the order; APPROVE twice approves once' },
  alert: { sendAgain: true, why: 'an alert must reach its owner; ACK twice acknowledges once' },
  'order-status': { sendAgain: true, why: 'the dealer plans on it; a repeat says the same' },
  ticket: { sendAgain: true, why: 'the technician acts on it; a repeat says the same' },
  broadcast: { sendAgain: true, why: 'a notice seen twice is one more message; one lost leaves a person not told what the rest were' },
  statement: { sendAgain: true, why: 'a statement seen twice asks the same; one missed leaves the month unreconciled' },
  dunning: { sendAgain: true, why: 'a repeated reminder is noted as such; a missed one breaks the ladder' },
  birthday: { sendAgain: true, why: 'a greeting twice is odd but kind; none is worse' },
};

/** A message to send; it goes to the outbox in the transaction that decided it. */
export interface OutboundMessage {
  channel: Channel;
  transport: Transport;
  to: string;
  text: string;
  personId: string | null;
  inReplyTo: string | null;
  kind: MessageKind;
  keyboard?: Keyboard | null;
  /** scheduled: not before this instant (the recipient's window opens) */
  notBefore?: Date | null;
  /** not worth sending after this instant (a birthday greeting on the next day) */
  expiresAt?: Date | null;
  /** planned at most once: a second message with the same key is not added (`dunning:INV-1:7:Dave`) */
  dedupeKey?: string | null;
  /** what the message is about; it is cancelled if that has gone before it leaves (`invoice:INV-1`) */
  reason?: string | null;
}

/** The delivery states Twilio reports, in the order a message moves through them. */
export const deliveryStatuses = ['pending', 'sending', 'queued', 'accepted', 'sent', 'delivered', 'undelivered', 'failed'] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** How a free text was understood, kept with the message (the console shows it; Needs attention lists the unsure). */
export interface MessageReading {
  /**
   * not-allowed: it meant a command the sender may not use (they got HELP); unanswered: the traffic
   * guard held the answer back (`command` says why: echo, a loop with another robot; capped, an
   * unregistered number over its hourly replies)
   */
  outcome: 'command' | 'proposal' | 'incomplete' | 'social' | 'unsure' | 'not-allowed' | 'unanswered';
  /** the classifier's best guess and its score, when it had words to classify */
  intent: string | null;
  confidence: number | null;
  /** the command it became (or was proposed), with its arguments */
  command: string | null;
}
