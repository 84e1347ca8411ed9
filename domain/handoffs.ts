import type { Channel, Transport } from './channels';

/**
 * An operator holding a person's conversation from the console: the person's messages go to the
 * operator, and the bot answers only STOP, START and HELP, until the operator hands it back or
 * stops replying for the idle limit (HANDOFF_IDLE_MINUTES).
 */
export interface Handoff {
  operatorId: string;
  /** the conversation held: the person's address on one channel, and the transport it came by */
  peer: string;
  channel: Channel;
  transport: Transport;
  since: Date;
  /** the operator's last reply, or the take-over */
  lastAt: Date;
}

/** The conversation a take-over holds: where the operator's replies go. */
export type HeldConversation = Pick<Handoff, 'peer' | 'channel' | 'transport'>;

/** Whether a handoff lapsed: no operator reply for the idle limit. */
export const handoffLapsed = (handoff: Handoff, now: Date, idleMinutes: number): boolean => now.getTime() - handoff.lastAt.getTime() >= idleMinutes * 60_000;

/**
 * The longest reply an operator may send on a channel: ten SMS segments' worth, one Telegram message,
 * or one WeChat customer-service text (2,048 bytes of UTF-8: 680 Chinese characters).
 */
export const replyLimit: Record<Channel, number> = { sms: 1600, telegram: 4096, wechat: 680 };

export interface HandoffStore {
  /** Takes the person's conversation for the operator: the holder (this operator, or the one who held it already), and whether this took it. */
  take(personId: string, operatorId: string, conversation: HeldConversation, now: Date): Promise<{ holder: Handoff; taken: boolean }>;
  /** The operator replied: the idle clock starts again. False when they do not hold it (any more). */
  touch(personId: string, operatorId: string, now: Date): Promise<boolean>;
  /**
   * Ends the handoff: by its holder (operatorId), or whoever holds it (null); with `idleBefore`, only
   * if the operator has not replied since. The handoff that ended, if one did.
   */
  release(personId: string, operatorId: string | null, idleBefore?: Date): Promise<Handoff | null>;
  /** Handoffs whose operator has not replied since `before`. */
  idleSince(before: Date): Promise<{ personId: string; handoff: Handoff }[]>;
}
