import type { CompetitorPolicy } from '../domain/competitors';
import type { InboundMessage, Keyboard, ProactiveKind } from '../domain/messages';
import type { Language, Person, Role } from '../domain/people';
import type { Store } from '../domain/ports';
import type { DomainError, Result } from '../domain/result';
import type { OrderPolicy } from '../domain/ordering';
import type { AttendancePolicy } from '../domain/attendance';
import type { DeliveryPolicy } from '../domain/deliveries';
import type { SellOutPolicy } from '../domain/sellOut';
import type { BroadcastPolicy, Reach } from '../domain/broadcasts';
import type { ReturnPolicy } from '../domain/returns';

/** What a command handler gets: the transaction-bound store and who is asking. */
export interface CommandContext {
  store: Store;
  /** null only for commands open to unregistered senders (STOP, START) */
  person: Person | null;
  message: InboundMessage;
  language: Language;
  timezone: string;
  now: Date;
  /** the commands this sender may use, for HELP */
  available: readonly AnyCommand[];
  policy: OrderPolicy;
  returns: ReturnPolicy;
  attendance: AttendancePolicy;
  delivery: DeliveryPolicy;
  sellOut: SellOutPolicy;
  competitors: CompetitorPolicy;
  broadcast: BroadcastPolicy;
  /** where a notice this command sends can go (a simulated conversation's stays in the simulator) */
  reach: Reach;
  /**
   * A message to someone else, committed with this command's changes (an approval request, a
   * decision); it is proactive, so the contact policy applies to it.
   */
  notify(kind: ProactiveKind, person: Person, text: Record<Language, string>, options?: { keyboard?: Record<Language, Keyboard>; dedupeKey?: string }): void;
}

/** A reply with buttons where the channel has them. */
export interface Rendered {
  text: string;
  keyboard: Keyboard;
}

/** A parse failure names what was wrong; parsing never touches I/O. */
export type ParseError = { code: 'USAGE' } | { code: 'QTY.INVALID'; token: string } | { code: 'QTY.MISSING'; sku: string };

/** A handler's outcome: a typed answer, a coded refusal, or nothing to say (a repeated STOP). */
export type Outcome<Answer> = Result<Answer, DomainError> | { ok: true; silent: true };

/**
 * One command: its words, who may use it, a pure parser, a handler calling domain/, and the
 * renderers of its answers in both languages. Adding a command is one file plus one line in index.ts.
 */
export interface Command<Args, Answer> {
  keyword: string;
  aliases: readonly string[];
  /** 'anyone' includes senders who are not registered */
  roles: readonly Role[] | 'everyone' | 'anyone';
  /** true: the handler writes, so it runs in one transaction with the claim and the replies */
  changesData?: boolean;
  /** false: not listed by HELP (YES and NO answer a dialog's question) */
  listed?: boolean;
  usage: Record<Language, string>;
  parse(args: readonly string[]): Result<Args, ParseError>;
  handle(context: CommandContext, args: Args): Promise<Outcome<Answer>>;
  render: Record<Language, (answer: Answer, context: CommandContext) => string | Rendered>;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyCommand = Command<any, any>;

export function mayUse(command: AnyCommand, person: Person | null): boolean {
  if (command.roles === 'anyone') return true;
  if (!person) return false;
  return command.roles === 'everyone' || command.roles.includes(person.role);
}
