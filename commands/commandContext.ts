import type { CompetitorPolicy } from '../domain/competitors';
import type { AttendancePolicy } from '../domain/attendance';
import type { BroadcastPolicy } from '../domain/broadcasts';
import type { ReturnPolicy } from '../domain/returns';
import type { DeliveryPolicy } from '../domain/deliveries';
import type { Channel, InboundMessage, OutboundMessage } from '../domain/messages';
import type { OrderPolicy } from '../domain/ordering';
import type { Language, Person } from '../domain/people';
import type { Store } from '../domain/ports';
import type { SellOutPolicy } from '../domain/sellOut';
import { addressOf } from './addressing';
import { mayUse, type AnyCommand, type CommandContext } from './command';
import { commands } from './index';
import { hasHan } from './lexer';

/** What a command's handler may know and do beyond its store: the policies, and where notices may go. */
export interface CommandOptions {
  defaultTimezone: string;
  policy: OrderPolicy;
  returns: ReturnPolicy;
  attendance: AttendancePolicy;
  delivery: DeliveryPolicy;
  sellOut: SellOutPolicy;
  competitors: CompetitorPolicy;
  /** the channels the gateway can send on (configured providers) */
  reachable: readonly Channel[];
  /** the contact policy, price, pace and length limit a manager's NOTICE reckons with */
  broadcast: BroadcastPolicy;
}

const allCommands = Object.values(commands) as AnyCommand[];

export const replyLanguage = (person: Person | null, message: InboundMessage): Language => person?.language ?? (hasHan(message.text) ? 'zh' : 'en');

/**
 * The context a command runs in, for a message by SMS or chat (the router) or an action taken at
 * the desk by an operator linked to the person (commands/deskActions.ts): the same checks, and the
 * notifications it makes collected to be queued with its changes. `cause`: a simulated conversation
 * stays in the simulator.
 */
export function commandContext(
  store: Store,
  person: Person | null,
  message: InboundMessage,
  options: CommandOptions,
  now: Date,
  cause: 'simulated' | 'real',
): { context: CommandContext; notifications: OutboundMessage[] } {
  const notifications: OutboundMessage[] = [];
  const context: CommandContext = {
    store,
    person,
    message,
    language: replyLanguage(person, message),
    timezone: person?.timezone ?? options.defaultTimezone,
    now,
    available: allCommands.filter((c) => c.roles !== 'anyone' && mayUse(c, person)),
    policy: options.policy,
    returns: options.returns,
    attendance: options.attendance,
    delivery: options.delivery,
    sellOut: options.sellOut,
    competitors: options.competitors,
    broadcast: options.broadcast,
    reach: { defaultTimezone: options.defaultTimezone, reachable: options.reachable, simulated: cause === 'simulated' || options.reachable.length === 0 },
    notify(kind, recipient, text, { keyboard, dedupeKey } = {}) {
      const address = addressOf(recipient, cause, options.reachable);
      const language = recipient.language ?? 'en';
      if (address)
        notifications.push({
          ...address,
          text: text[language],
          personId: recipient.id,
          inReplyTo: null,
          kind,
          keyboard: keyboard?.[language] ?? null,
          dedupeKey: dedupeKey ?? null,
        });
    },
  };
  return { context, notifications };
}
