import type { Channel, InboundMessage } from '../domain/messages';
import { mayAcknowledge } from '../domain/alerts';
import type { Person } from '../domain/people';
import { mayUse, type Command } from './command';
import { commandContext, type CommandOptions } from './commandContext';
import type { OrderStatus } from '../domain/orders';
import type { Store } from '../domain/ports';
import { fail, ok, type DomainError, type Result } from '../domain/result';
import { moveTicketAtDesk } from '../domain/serviceDesk';
import { receiveReturn } from '../domain/returns';
import { formatMoney } from '../domain/money';
import { addressOf } from './addressing';
import { noticeOrderStatus } from './orderNotices';
import { noticeTicketAssigned } from './ticketNotices';

/**
 * What operators do at the desk (the REST API, the console): the domain's operations with the
 * notices they cause, queued in the same transaction, exactly as an SMS command queues its replies.
 * Each answers a Result with a stable code (gateway/errors.ts maps codes to HTTP statuses) and is
 * run through desk(), which rolls a refused action back.
 */
export interface DeskOptions {
  reachable: readonly Channel[];
  defaultTimezone: string;
  now: Date;
}

/** Moves an order (approved, shipped with its stops, delivered, cancelled) and tells the dealer's people. */
export async function moveOrder(
  tx: Store,
  number: string,
  move: { to: OrderStatus; eta?: Date; driver?: string; stops?: readonly ({ store: string } | { dealer: string })[] },
  options: DeskOptions,
): Promise<Result<{ number: string; from: OrderStatus; to: OrderStatus; notified: number }>> {
  const change = await tx.orders.setStatus(number, move.to, { eta: move.eta, driver: move.driver });
  if ('refused' in change)
    return fail(
      change.refused === 'unknown' ? { code: 'ORDER.NOT_FOUND', number } : { code: 'ORDER.CANNOT_MOVE', number, from: change.refused.from, to: move.to },
    );
  if (change.to === 'shipped') {
    const dealer = (await tx.orders.summary(change.number))!.dealer;
    const added = await tx.deliveries.addStops(change.number, move.stops ?? [{ dealer }]);
    // Named stops must be located; the default stop (the dealer) is skipped when it has no location.
    if ('unlocated' in added && move.stops) return fail({ code: 'DELIVERY.UNLOCATED', places: added.unlocated });
  }
  const notified = await noticeOrderStatus(tx, [change], options);
  return ok({ number: change.number, from: change.from, to: change.to, notified: notified.length });
}

/**
 * The goods of an approved return arrived (the warehouse says so through the API): stock on hand
 * rises, a credit note lowers the dealer's balance, and the dealer who asked is told with the new balance.
 */
export async function receiveReturnAtDesk(
  tx: Store,
  number: string,
  options: DeskOptions,
): Promise<Result<{ number: string; credited: number; balance: number }>> {
  const received = await receiveReturn(tx, number, options.now);
  if (!received.ok) return received;
  const { record, requester } = received.value;
  const balance = (await tx.ledger.account(record.dealer, options.now.toISOString().slice(0, 10)))!.balance;
  const address = requester && addressOf(requester, 'real', options.reachable);
  if (requester && address) {
    const [credited, now] = [formatMoney(record.value, record.currency), formatMoney(balance, record.currency)];
    const text = {
      en: `Return ${record.number} received: ${credited} credited to your account; your balance is now ${now}.`,
      zh: `退货 ${record.number} 已收货：${credited} 已冲减您的应付款，当前余额 ${now}。`,
    };
    await tx.outbox.add([{ ...address, text: text[requester.language ?? 'en'], personId: requester.id, inReplyTo: null, kind: 'order-status' }]);
  }
  return ok({ number: record.number, credited: record.value, balance });
}

/** Assigns a ticket (the filer and the point's technicians are told), or closes or cancels it. */
export async function moveTicket(
  tx: Store,
  number: string,
  move: { to: 'assigned'; servicePoint: string } | { to: 'closed' | 'cancelled'; note: string | null },
  options: DeskOptions,
): Promise<Result<{ number: string; from: string; to: string }>> {
  const moved = await moveTicketAtDesk(tx, number, move, options.now);
  if (!moved.ok) return moved;
  if (move.to === 'assigned') await noticeTicketAssigned(tx, number, options);
  return ok({ number, ...moved.value });
}

/** Resolves an open alert, for its owner or a manager above them (whom ACK lets acknowledge it); still true, the next check raises it again. */
export async function resolveAlert(tx: Store, person: Person, id: string, now: Date): Promise<Result<{ id: string }>> {
  const alert = await tx.alerts.byId(id);
  if (!alert) return fail({ code: 'ALERT.NOT_FOUND', id });
  if (!mayAcknowledge(alert, await tx.people.managerChain(alert.owner), person.id)) return fail({ code: 'ALERT.NOT_YOURS', id });
  if (!(await tx.alerts.resolve(id, now))) return fail({ code: 'ALERT.CLOSED', id });
  return ok({ id });
}

/**
 * Runs a desk action in one transaction. A refusal rolls the whole action back, also one found after
 * a write (an order shipped to a stop without a location): the actions above rely on it.
 */
export async function desk<T>(store: Store, action: (tx: Store) => Promise<Result<T>>): Promise<Result<T>> {
  try {
    return await store.transaction(async (tx) => {
      const result = await action(tx);
      if (!result.ok) throw new Refused(result.error);
      return result;
    });
  } catch (error) {
    if (error instanceof Refused) return fail(error.refusal);
    throw error;
  }
}

/** A refusal carried out of the transaction, which it rolls back. */
class Refused extends Error {
  constructor(readonly refusal: DomainError) {
    super(refusal.code);
  }
}

/**
 * A command run at the desk by an operator linked to a person, with that person's authority: the
 * command's own role check, parse and handler, and the notices it makes queued in the transaction,
 * exactly as if the person had sent it (a manager's APPROVE, an ACK). What the person would have
 * been answered is the Result.
 */
export async function actAs<Args, Answer>(
  tx: Store,
  person: Person,
  command: Command<Args, Answer>,
  args: readonly string[],
  options: CommandOptions & { now: Date },
): Promise<Result<Answer>> {
  if (!mayUse(command, person)) return fail({ code: 'ACTOR.NO_AUTHORITY', person: person.id, action: command.keyword });
  const parsed = command.parse(args);
  if (!parsed.ok) throw new Error(`${command.keyword} ${args.join(' ')}: the desk sent arguments the command does not take`);
  const message: InboundMessage = {
    inboxId: '0',
    channel: 'sms',
    transport: 'twilio',
    from: person.phone ?? `person:${person.id}`,
    text: `${command.keyword} ${args.join(' ')}`,
    receivedAt: options.now,
  };
  const { context, notifications } = commandContext(tx, person, message, options, options.now, 'real');
  const outcome = await command.handle(context, parsed.value);
  if ('silent' in outcome) throw new Error(`${command.keyword} answered nothing at the desk`);
  if (outcome.ok) await tx.outbox.add(notifications);
  return outcome;
}
