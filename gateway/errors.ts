import type { DomainError, Result } from '../domain/result';
import { replies } from '../commands/replies';
import { HttpError } from './http';

/**
 * The HTTP status of every refusal the domain can answer: one table for every route, so that a
 * refusal reads the same over SMS (its reply) and over HTTP (this status, the same code, the same
 * words). A code added to DomainError without a row here does not compile.
 */
const statusOf: Record<DomainError['code'], number> = {
  'SKU.UNKNOWN': 404,
  'WAREHOUSE.UNKNOWN': 404,
  'ORDER.NOT_FOUND': 404,
  'LINK.NOT_OWN_CONTACT': 403,
  'LINK.UNKNOWN_PHONE': 404,
  'LINK.CODE_REFUSED': 409,
  'ORDER.QTY_TOO_LARGE': 422,
  'ORDER.NOT_ENOUGH_STOCK': 409,
  'ORDER.OVER_ALLOCATION': 409,
  'ORDER.NO_APPROVER': 409,
  'ORDER.NOT_PENDING': 409,
  'ORDER.NOT_YOUR_APPROVAL': 403,
  'ORDER.CANNOT_MOVE': 409,
  'DIALOG.NOTHING_PENDING': 409,
  'STATEMENT.NONE': 409,
  'RETURN.NOT_DELIVERED': 409,
  'RETURN.TOO_LATE': 409,
  'RETURN.NOT_ON_ORDER': 400,
  'RETURN.TOO_MANY': 409,
  'RETURN.NOT_PENDING': 409,
  'RETURN.NOT_YOUR_APPROVAL': 403,
  'RETURN.NOT_FOUND': 404,
  'RETURN.NOT_APPROVED': 409,
  'REBATE.NOT_PENDING': 409,
  'COMP.UNKNOWN_BRAND': 404,
  'PROMO.NOT_FOUND': 404,
  'COMP.UNKNOWN_MODEL': 404,
  'REBATE.NOT_YOUR_APPROVAL': 403,
  'ALERT.NOT_FOUND': 404,
  'ALERT.NOT_YOURS': 403,
  'ALERT.CLOSED': 409,
  'STORE.UNKNOWN': 404,
  'STORE.NOT_ASSIGNED': 403,
  'CHECKIN.ALREADY_OPEN': 409,
  'CHECKIN.NONE': 409,
  'POSITION.INVALID': 400,
  'DATE.INVALID': 400,
  'DATE.FUTURE': 400,
  'DATE.TOO_OLD': 400,
  'SALES.WHICH_STORE': 409,
  'PAY.NO_PLAN': 404,
  'LOCATION.UNREADABLE': 400,
  'TICKET.NOT_FOUND': 404,
  'TICKET.NOT_YOURS': 403,
  'TICKET.CANNOT': 409,
  'SELL_OUT.NOT_FOUND': 404,
  'SELL_OUT.REPLACED': 409,
  'SELL_OUT.DECIDED': 409,
  'BROADCAST.NO_AUDIENCE': 400,
  'BROADCAST.NOBODY': 422,
  'BROADCAST.NO_TEXT': 400,
  'BROADCAST.TOO_LONG': 400,
  'BROADCAST.SEND_AT': 400,
  'PERSON.NOT_FOUND': 404,
  'SERVICE_POINT.UNKNOWN': 400,
  'DELIVERY.UNLOCATED': 400,
  'ACTOR.NOT_LINKED': 403,
  'ACTOR.NO_AUTHORITY': 403,
  'HANDOFF.HELD': 409,
  'HANDOFF.NOT_HELD': 409,
  'REPLY.EMPTY': 400,
  'REPLY.TOO_LONG': 400,
  'REPLY.OPTED_OUT': 409,
};

/** A refusal as an HTTP error: its status, its code, its reply in English as the message and in both languages as details. */
export function refusal(error: DomainError): HttpError {
  return new HttpError(statusOf[error.code], error.code, replies.en.error(error), { messages: { en: replies.en.error(error), zh: replies.zh.error(error) } });
}

/** The value of a Result, or its refusal thrown as the HTTP error the route answers. */
export function orRefuse<T>(result: Result<T>): T {
  if (!result.ok) throw refusal(result.error);
  return result.value;
}
