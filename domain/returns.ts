import { DateTime } from 'luxon';
import type { LedgerStore } from './ledger';
import { lineTotal, sumMoney } from './money';
import type { Person } from './people';
import { fail, ok, type Result } from './result';

/**
 * Returns (退货): a dealer asks to send back some of a delivered order's goods, within the return
 * window, at most what was delivered and not returned yet (a return rejected gives its quantity back).
 * The request waits for the dealer's manager (or one above them), as an order does; approved, the
 * goods are expected; received (by the API or the import), stock on hand rises and a credit note
 * lowers the dealer's balance by the returned lines at the order's prices.
 */
export type ReturnStatus = 'pending_approval' | 'approved' | 'rejected' | 'received';

export interface ReturnPolicy {
  /** days after delivery a return may be asked for (RETURN_WINDOW_DAYS) */
  windowDays: number;
}

/** What may still be returned of an order: per line, delivered and already returned (or asked). */
export interface Returnable {
  order: { number: string; dealer: string; status: string; deliveredAt: Date | null; currency: string };
  lines: { sku: string; delivered: number; returned: number; price: number }[];
}

export interface ReturnRecord {
  number: string;
  order: string;
  dealer: string;
  status: ReturnStatus;
  requestedBy: string | null;
  reason: string;
  lines: { sku: string; qty: number; price: number }[];
  value: number;
  currency: string;
}

export interface ReturnStore {
  /** The order with its lines' delivered and returned quantities, locked until the transaction ends; null when there is no such order. */
  returnable(order: string): Promise<Returnable | null>;
  create(request: {
    order: string;
    dealer: string;
    requestedBy: string;
    approver: string;
    reason: string;
    lines: { sku: string; qty: number; price: number }[];
    at: Date;
  }): Promise<string>;
  /** A return, locked until the transaction ends. */
  byNumber(number: string): Promise<ReturnRecord | null>;
  decide(number: string, decision: { status: 'approved' | 'rejected'; by: string; reason: string | null; at: Date }): Promise<void>;
  /** Marks an approved return received: stock on hand rises by its lines. */
  receive(number: string, at: Date): Promise<void>;
  /** The dealer's orders delivered since `since`, with something left to return, newest first. */
  recentlyDelivered(dealer: string, since: Date, limit: number): Promise<string[]>;
  /** A dealer's returns still open (waiting for approval, or approved and not received), newest first. */
  openOf(dealer: string, limit: number): Promise<{ number: string; status: ReturnStatus; order: string }[]>;
}

export const isReturnNumber = (token: string): boolean => /^R\d+$/i.test(token);

export interface Requested {
  record: ReturnRecord;
  approver: Person;
}

/** What may still be returned of one line of an order. */
export type ReturnableLine = Returnable['lines'][number];

/**
 * What is given of a return so far, checked in order: the order (the dealer's own, delivered,
 * inside the window), then its line, then the quantity. The first refusal, or the order with the
 * line (null until a product is given). The guided dialog checks each answer with it as it comes.
 */
export async function checkReturn(
  returns: ReturnStore,
  dealerPerson: Person,
  request: { order: string; sku?: string | null; qty?: number | null },
  policy: ReturnPolicy,
  now: Date,
): Promise<Result<{ found: Returnable; line: ReturnableLine | null }>> {
  const found = await returns.returnable(request.order);
  // Another dealer's order is no order of this dealer's: the same answer as none.
  if (!found || found.order.dealer !== dealerPerson.dealer) return fail({ code: 'ORDER.NOT_FOUND', number: request.order });
  const { order } = found;
  if (order.status !== 'delivered' || !order.deliveredAt) return fail({ code: 'RETURN.NOT_DELIVERED', number: order.number, status: order.status });
  const last = DateTime.fromJSDate(order.deliveredAt).plus({ days: policy.windowDays });
  if (last.toMillis() < now.getTime())
    return fail({ code: 'RETURN.TOO_LATE', number: order.number, deliveredOn: DateTime.fromJSDate(order.deliveredAt).toISODate()!, days: policy.windowDays });
  if (!request.sku) return ok({ found, line: null });
  const line = found.lines.find((l) => l.sku.toUpperCase() === request.sku!.toUpperCase());
  if (!line) return fail({ code: 'RETURN.NOT_ON_ORDER', number: order.number, sku: request.sku, skus: found.lines.map((l) => l.sku) });
  const left = line.delivered - line.returned;
  if (request.qty != null && request.qty > left)
    return fail({ code: 'RETURN.TOO_MANY', number: order.number, sku: line.sku, delivered: line.delivered, returned: line.returned, left });
  return ok({ found, line });
}

/** RETURN order sku qty reason: checked against the order, its deliveries and earlier returns; nothing is stored when refused. */
export async function requestReturn(
  store: { returns: ReturnStore; people: { byId(id: string): Promise<Person | null> } },
  dealerPerson: Person,
  request: { order: string; sku: string; qty: number; reason: string },
  policy: ReturnPolicy,
  now: Date,
): Promise<Result<Requested>> {
  const checked = await checkReturn(store.returns, dealerPerson, request, policy, now);
  if (!checked.ok) return checked;
  const { order } = checked.value.found;
  const line = checked.value.line!;
  const approver = dealerPerson.manager ? await store.people.byId(dealerPerson.manager) : null;
  if (!approver) return fail({ code: 'ORDER.NO_APPROVER' });
  const lines = [{ sku: line.sku, qty: request.qty, price: line.price }];
  const number = await store.returns.create({
    order: order.number,
    dealer: order.dealer,
    requestedBy: dealerPerson.id,
    approver: approver.id,
    reason: request.reason,
    lines,
    at: now,
  });
  return ok({
    record: {
      number,
      order: order.number,
      dealer: order.dealer,
      status: 'pending_approval',
      requestedBy: dealerPerson.id,
      reason: request.reason,
      lines,
      value: returnValue(lines),
      currency: order.currency,
    },
    approver,
  });
}

export const returnValue = (lines: readonly { qty: number; price: number }[]): number => sumMoney(lines.map((l) => lineTotal(l.price, l.qty)));

/** What deciding and receiving a return read and write. */
interface ReturnDeps {
  returns: ReturnStore;
  people: { byId(id: string): Promise<Person | null>; managerChain(id: string): Promise<string[]> };
}

export interface ReturnDecision {
  record: ReturnRecord;
  status: 'approved' | 'rejected';
  reason: string | null;
  requester: Person | null;
}

/** APPROVE R… / REJECT R… reason: the requester's manager, or one above them, decides a return waiting for approval. */
export async function decideReturn(
  store: ReturnDeps,
  approver: Person,
  number: string,
  decision: { approve: boolean; reason: string | null; at: Date },
): Promise<Result<ReturnDecision>> {
  const record = await store.returns.byNumber(number);
  if (!record || record.status !== 'pending_approval') return fail({ code: 'RETURN.NOT_PENDING', number: record?.number ?? number.toUpperCase() });
  const chain = record.requestedBy ? await store.people.managerChain(record.requestedBy) : [];
  if (!chain.includes(approver.id)) return fail({ code: 'RETURN.NOT_YOUR_APPROVAL', number: record.number });
  const status = decision.approve ? 'approved' : 'rejected';
  await store.returns.decide(record.number, { status, by: approver.id, reason: decision.reason, at: decision.at });
  const requester = record.requestedBy ? await store.people.byId(record.requestedBy) : null;
  return ok({ record: { ...record, status }, status, reason: decision.reason, requester });
}

/**
 * The goods of an approved return arrived: stock on hand rises, and a credit note (a ledger entry,
 * once per return) lowers the dealer's balance by the returned lines at the order's prices.
 */
export async function receiveReturn(
  store: ReturnDeps & { ledger: Pick<LedgerStore, 'post'> },
  number: string,
  at: Date,
): Promise<Result<{ record: ReturnRecord; requester: Person | null }>> {
  const record = await store.returns.byNumber(number);
  if (!record) return fail({ code: 'RETURN.NOT_FOUND', number });
  if (record.status !== 'approved') return fail({ code: 'RETURN.NOT_APPROVED', number: record.number, status: record.status });
  await store.returns.receive(record.number, at);
  await store.ledger.post([
    {
      dealer: record.dealer,
      kind: 'credit-note',
      amount: -record.value,
      currency: record.currency,
      reference: record.number,
      note: `return ${record.number} of order ${record.order}`,
    },
  ]);
  const requester = record.requestedBy ? await store.people.byId(record.requestedBy) : null;
  return ok({ record: { ...record, status: 'received' }, requester });
}
