import { nearestCodes, type Product } from './catalog';
import { headroom } from './ledger';
import { lineTotal, sumMoney } from './money';
import type { OrderSummary } from './orders';
import type { Person } from './people';
import type { CreditPosition, Store } from './ports';
import { fail, ok, type DomainError, type Result } from './result';

/** The company's order rules: above this amount an order waits for approval; no line may ask for more than maxQty. */
export interface OrderPolicy {
  approvalAbove: number;
  maxQty: number;
}

export interface DraftLine {
  product: Product;
  qty: number;
  unitPrice: number;
  lineTotal: number;
}

export interface OrderDraft {
  lines: DraftLine[];
  total: number;
  currency: string;
  /** credit limit − balance − open orders, before this order */
  headroom: number;
  /** why the order will wait for the manager, if it will */
  approval: ApprovalReason | null;
}

export type ApprovalReason = { kind: 'credit'; headroom: number } | { kind: 'amount'; above: number };

/** The ledger's one definition of headroom (limit − balance − open orders), of a credit position. */
const headroomOf = (position: CreditPosition) => headroom({ creditLimit: position.creditLimit, balance: position.balance, openOrders: position.openValue });

function approvalNeeded(total: number, headroom: number, policy: OrderPolicy): ApprovalReason | null {
  if (total > headroom) return { kind: 'credit', headroom };
  if (total > policy.approvalAbove) return { kind: 'amount', above: policy.approvalAbove };
  return null;
}

/**
 * An order as the dealer would place it: their own prices, the total, the credit check and the
 * availability check. Nothing is written; an unknown SKU, an absurd quantity or missing stock is a
 * coded refusal.
 */
export async function draftOrder(
  store: Store,
  dealerPerson: Person,
  items: readonly { sku: string; qty: number }[],
  policy: OrderPolicy,
): Promise<Result<OrderDraft>> {
  const dealer = dealerPerson.dealer!;
  const merged = new Map<string, number>();
  for (const item of items) merged.set(item.sku.toUpperCase(), (merged.get(item.sku.toUpperCase()) ?? 0) + item.qty);
  const lines: DraftLine[] = [];
  for (const [sku, qty] of merged) {
    if (qty > policy.maxQty) return fail({ code: 'ORDER.QTY_TOO_LARGE', sku, qty, max: policy.maxQty });
    const price = await store.catalog.dealerPrice(dealer, sku);
    if (!price) return fail({ code: 'SKU.UNKNOWN', sku, suggestions: nearestCodes(sku, await store.catalog.skus()) });
    const available = (await store.catalog.availability(price.product.sku)).reduce((sum, w) => sum + w.available, 0);
    if (available < qty) return fail({ code: 'ORDER.NOT_ENOUGH_STOCK', sku: price.product.sku, available });
    const overAllocation = await allocationRefusal(store, dealer, price.product.sku, qty);
    if (overAllocation) return fail(overAllocation);
    lines.push({ product: price.product, qty, unitPrice: price.unitPrice, lineTotal: lineTotal(price.unitPrice, qty) });
  }
  const position = await store.orders.creditPosition(dealer, false);
  const headroom = position ? headroomOf(position) : 0;
  const total = sumMoney(lines.map((line) => line.lineTotal));
  return ok({ lines, total, currency: lines[0]!.product.currency, headroom, approval: approvalNeeded(total, headroom, policy) });
}

async function allocationRefusal(
  store: Store,
  dealer: string,
  sku: string,
  qty: number,
): Promise<Extract<DomainError, { code: 'ORDER.OVER_ALLOCATION' }> | null> {
  const allocation = await store.catalog.allocation(dealer, sku);
  if (!allocation || allocation.used + qty <= allocation.quota) return null;
  return { code: 'ORDER.OVER_ALLOCATION', sku, quota: allocation.quota, left: Math.max(0, allocation.quota - allocation.used) };
}

export interface SubmittedOrder {
  number: string;
  status: 'approved' | 'pending_approval';
  approval: ApprovalReason | null;
  /** who is asked to approve it */
  approver: Person | null;
}

/**
 * Submits a confirmed draft. The dealer row is locked, so credit is checked against every order
 * committed before; an order within headroom and the amount limit reserves its stock at once and is
 * approved, any other waits for the requester's manager.
 */
export async function submitOrder(store: Store, requester: Person, draft: OrderDraft, policy: OrderPolicy): Promise<Result<SubmittedOrder>> {
  const dealer = requester.dealer!;
  const position = await store.orders.creditPosition(dealer, true);
  const approval = approvalNeeded(draft.total, position ? headroomOf(position) : 0, policy);
  // Under the dealer's lock: no other order of this dealer can take the same allocation meanwhile.
  for (const line of draft.lines) {
    const overAllocation = await allocationRefusal(store, dealer, line.product.sku, line.qty);
    if (overAllocation) return fail(overAllocation);
  }
  const approver = approval && requester.manager ? await store.people.byId(requester.manager) : null;
  if (approval && !approver) return fail({ code: 'ORDER.NO_APPROVER' });
  const number = await store.orders.create({
    dealer,
    requestedBy: requester.id,
    status: approval ? 'pending_approval' : 'approved',
    approvalReason: approval ? approval.kind : null,
    lines: draft.lines.map((line) => ({ sku: line.product.sku, qty: line.qty, unitPrice: line.unitPrice })),
  });
  if (!approval) {
    const reserved = await store.orders.reserve(
      number,
      draft.lines.map((line) => ({ sku: line.product.sku, qty: line.qty })),
    );
    if ('short' in reserved) {
      // Another order took the last units since the draft: nothing is ordered.
      await store.orders.discard(number);
      return fail({ code: 'ORDER.NOT_ENOUGH_STOCK', ...reserved.short });
    }
  }
  return ok({ number, status: approval ? 'pending_approval' : 'approved', approval, approver });
}

export interface Decision {
  order: OrderSummary;
  status: 'approved' | 'rejected';
  reason: string | null;
  requester: Person | null;
}

/** APPROVE / REJECT: only the requester's manager, or one above them, decides; approval reserves the stock. */
export async function decideOrder(
  store: Store,
  approver: Person,
  number: string,
  decision: { approve: boolean; reason: string | null; at: Date },
): Promise<Result<Decision>> {
  const pending = await store.orders.pendingApproval(number);
  if (!pending) return fail({ code: 'ORDER.NOT_PENDING', number });
  const chain = pending.requestedBy ? await store.people.managerChain(pending.requestedBy) : [];
  if (!chain.includes(approver.id)) return fail({ code: 'ORDER.NOT_YOUR_APPROVAL', number: pending.summary.number });
  if (decision.approve) {
    const reserved = await store.orders.reserve(pending.summary.number, pending.lines);
    if ('short' in reserved) return fail({ code: 'ORDER.NOT_ENOUGH_STOCK', ...reserved.short });
  }
  const status = decision.approve ? 'approved' : 'rejected';
  await store.orders.decide(pending.summary.number, { status, by: approver.id, reason: decision.reason, at: decision.at });
  const requester = pending.requestedBy ? await store.people.byId(pending.requestedBy) : null;
  return ok({ order: { ...pending.summary, status }, status, reason: decision.reason, requester });
}
