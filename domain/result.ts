/** Business refusals are values, not exceptions (style.md). Throw only for bugs. */
export type Result<T, E = DomainError> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const fail = <E>(error: E): Result<never, E> => ({ ok: false, error });

/** Stable codes; replies are rendered from them in both languages. */
export type DomainError =
  | { code: 'SKU.UNKNOWN'; sku: string; suggestions: string[] }
  | { code: 'WAREHOUSE.UNKNOWN'; warehouse: string; known: string[] }
  | { code: 'ORDER.NOT_FOUND'; number: string }
  | { code: 'LINK.NOT_OWN_CONTACT' }
  | { code: 'LINK.UNKNOWN_PHONE'; phone: string }
  | { code: 'LINK.CODE_REFUSED'; reason: 'unknown' | 'used' | 'expired' }
  | { code: 'ORDER.QTY_TOO_LARGE'; sku: string; qty: number; max: number }
  | { code: 'ORDER.NOT_ENOUGH_STOCK'; sku: string; available: number }
  | { code: 'ORDER.OVER_ALLOCATION'; sku: string; left: number; quota: number }
  | { code: 'ORDER.NO_APPROVER' }
  | { code: 'ORDER.NOT_PENDING'; number: string }
  | { code: 'ORDER.NOT_YOUR_APPROVAL'; number: string }
  | { code: 'DIALOG.NOTHING_PENDING' }
  | { code: 'STATEMENT.NONE' }
  | { code: 'RETURN.NOT_DELIVERED'; number: string; status: string }
  | { code: 'RETURN.TOO_LATE'; number: string; deliveredOn: string; days: number }
  | { code: 'RETURN.NOT_ON_ORDER'; number: string; sku: string; skus: string[] }
  | { code: 'RETURN.TOO_MANY'; number: string; sku: string; delivered: number; returned: number; left: number }
  | { code: 'RETURN.NOT_PENDING'; number: string }
  | { code: 'RETURN.NOT_YOUR_APPROVAL'; number: string }
  | { code: 'RETURN.NOT_FOUND'; number: string }
  | { code: 'RETURN.NOT_APPROVED'; number: string; status: string }
  | { code: 'PROMO.NOT_FOUND'; promotion: string }
  | { code: 'COMP.UNKNOWN_BRAND'; brand: string; suggestions: string[] }
  | { code: 'COMP.UNKNOWN_MODEL'; brand: string; model: string; suggestions: string[] }
  | { code: 'REBATE.NOT_PENDING'; number: string }
  | { code: 'REBATE.NOT_YOUR_APPROVAL'; number: string }
  | { code: 'ALERT.NOT_FOUND'; id: string }
  | { code: 'ALERT.NOT_YOURS'; id: string }
  | { code: 'ALERT.CLOSED'; id: string }
  | { code: 'BROADCAST.NO_AUDIENCE' }
  | { code: 'BROADCAST.NOBODY'; excluded: number }
  | { code: 'BROADCAST.NO_TEXT'; language: 'en' | 'zh' | null; recipients?: number }
  | { code: 'BROADCAST.TOO_LONG'; language: 'en' | 'zh'; segments: number; max: number }
  | { code: 'BROADCAST.SEND_AT'; reason: 'past' | 'too-far' }
  | { code: 'STORE.UNKNOWN'; store: string }
  | { code: 'STORE.NOT_ASSIGNED'; store: string; assigned: string[] }
  | { code: 'CHECKIN.ALREADY_OPEN'; store: string; since: string }
  | { code: 'CHECKIN.NONE' }
  | { code: 'POSITION.INVALID' }
  | { code: 'DATE.INVALID' }
  | { code: 'DATE.FUTURE'; day: string }
  | { code: 'DATE.TOO_OLD'; day: string; maxDays: number }
  | { code: 'SALES.WHICH_STORE'; assigned: string[] }
  | { code: 'PAY.NO_PLAN'; month: string }
  /** `asked`: the command the position was for, whose form the reply shows */
  | {
      code: 'LOCATION.UNREADABLE';
      reason: 'out-of-range' | 'ambiguous' | 'address-only' | 'short-link' | 'other-datum' | 'needs-full-code' | 'unrecognised';
      asked: 'loc' | 'in';
    }
  | { code: 'TICKET.NOT_FOUND'; number: string }
  | { code: 'TICKET.NOT_YOURS'; number: string }
  | { code: 'TICKET.CANNOT'; number: string; status: string }
  | { code: 'SELL_OUT.NOT_FOUND'; id: string }
  | { code: 'SELL_OUT.REPLACED'; id: string }
  | { code: 'SELL_OUT.DECIDED'; id: string; decision: 'accepted' | 'rejected' }
  | { code: 'PERSON.NOT_FOUND'; id: string }
  | { code: 'SERVICE_POINT.UNKNOWN'; servicePoint: string }
  | { code: 'ORDER.CANNOT_MOVE'; number: string; from: string; to: string }
  | { code: 'DELIVERY.UNLOCATED'; places: string[] }
  /** an operator acting with a person's authority: they are linked to no one, or that person may not do this */
  | { code: 'ACTOR.NOT_LINKED' }
  | { code: 'ACTOR.NO_AUTHORITY'; person: string; action: string }
  /** a conversation taken over from the console (domain/handoffs.ts) */
  | { code: 'HANDOFF.HELD'; operator: string }
  | { code: 'HANDOFF.NOT_HELD' }
  | { code: 'REPLY.EMPTY' }
  | { code: 'REPLY.TOO_LONG'; length: number; max: number }
  | { code: 'REPLY.OPTED_OUT'; channel: string };
