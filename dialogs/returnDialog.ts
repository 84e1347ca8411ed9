import { DateTime } from 'luxon';
import type { Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { parseQuantity } from '../domain/quantities';
import { fail, ok, type DomainError, type Result } from '../domain/result';
import { checkReturn, requestReturn, type Requested, type ReturnPolicy, type ReturnableLine } from '../domain/returns';
import { dialogTimeoutMinutes } from './orderDialog';

/**
 * The return dialog: a RETURN that lacks its order, product, quantity or reason asks for each in
 * turn, checking every answer as it comes (the dealer's own delivered order inside the window, a
 * product on it, at most what is left to return), then asks for approval as RETURN in full does.
 */
type Given = { order?: string; sku?: string; qty?: number };
export type ReturnDialogState = Given & { step: ReturnStep };
type ReturnStep = 'return-order' | 'return-product' | 'return-qty' | 'return-reason';

/** Steps that take what the person types: one word, or the reason (free text). */
export const returnSteps: readonly string[] = ['return-order', 'return-product', 'return-qty', 'return-reason'];

export type ReturnOutcome =
  | { kind: 'ask-order'; orders: string[]; refusal: DomainError | null }
  | { kind: 'ask-product'; order: string; lines: { sku: string; left: number }[]; refusal: DomainError | null }
  | { kind: 'ask-qty'; order: string; sku: string; left: number; refusal: DomainError | null }
  | { kind: 'ask-reason'; order: string; sku: string; qty: number }
  | { kind: 'requested'; requested: Requested }
  | { kind: 'dropped' };

const leftOf = (line: ReturnableLine) => line.delivered - line.returned;

async function save(store: Store, person: Person, state: ReturnDialogState, version: number | null, now: Date): Promise<void> {
  const expiresAt = DateTime.fromJSDate(now).plus({ minutes: dialogTimeoutMinutes }).toJSDate();
  if (!(await store.dialogs.save(person.id, { kind: 'return', step: state.step, state, expiresAt }, version))) {
    throw new Error(`dialog of ${person.id} changed under this answer`); // the job retries; the claim keeps it to one effect
  }
}

/**
 * Where the given parts lead: the first refusal among them asks that part again (a wrong order asks
 * for the order), else the next part missing is asked for, else the return is requested.
 */
async function advance(
  store: Store,
  person: Person,
  given: Given & { reason?: string },
  policy: ReturnPolicy,
  now: Date,
  version: number | null,
): Promise<Result<ReturnOutcome>> {
  const ask = async (state: ReturnDialogState, outcome: ReturnOutcome): Promise<Result<ReturnOutcome>> => {
    if (version === null) await store.dialogs.close(person.id);
    await save(store, person, state, version, now);
    return ok(outcome);
  };
  const askOrder = async (refusal: DomainError | null) => {
    const since = DateTime.fromJSDate(now).minus({ days: policy.windowDays }).toJSDate();
    return ask({ step: 'return-order' }, { kind: 'ask-order', orders: await store.returns.recentlyDelivered(person.dealer!, since, 5), refusal });
  };
  if (!given.order) return askOrder(null);
  const orderChecked = await checkReturn(store.returns, person, { order: given.order }, policy, now);
  if (!orderChecked.ok) return askOrder(orderChecked.error);
  const { found } = orderChecked.value;
  const order = found.order.number;
  const lines = found.lines.filter((l) => leftOf(l) > 0).map((l) => ({ sku: l.sku, left: leftOf(l) }));
  const askProduct = (refusal: DomainError | null) => ask({ step: 'return-product', order }, { kind: 'ask-product', order, lines, refusal });
  if (!given.sku) return askProduct(null);
  const checked = await checkReturn(store.returns, person, { order, sku: given.sku, qty: given.qty }, policy, now);
  if (!checked.ok && checked.error.code === 'RETURN.NOT_ON_ORDER') return askProduct(checked.error);
  const line = found.lines.find((l) => l.sku.toUpperCase() === given.sku!.toUpperCase())!;
  const askQty = (refusal: DomainError | null) =>
    ask({ step: 'return-qty', order, sku: line.sku }, { kind: 'ask-qty', order, sku: line.sku, left: leftOf(line), refusal });
  if (!checked.ok) return askQty(checked.error); // more than is left
  if (leftOf(line) <= 0)
    return askProduct({ code: 'RETURN.TOO_MANY', number: order, sku: line.sku, delivered: line.delivered, returned: line.returned, left: 0 });
  if (given.qty === undefined) return askQty(null);
  if (!given.reason) return ask({ step: 'return-reason', order, sku: line.sku, qty: given.qty }, { kind: 'ask-reason', order, sku: line.sku, qty: given.qty });
  await store.dialogs.close(person.id);
  const requested = await requestReturn(store, person, { order, sku: line.sku, qty: given.qty, reason: given.reason }, policy, now);
  return requested.ok ? ok({ kind: 'requested', requested: requested.value }) : requested;
}

/** RETURN with every part requests at once (or is refused, storing nothing); with parts missing, it asks for the first one missing. */
export async function startReturn(
  store: Store,
  person: Person,
  given: Given & { reason?: string },
  policy: ReturnPolicy,
  now: Date,
): Promise<Result<ReturnOutcome>> {
  const { order, sku, qty, reason } = given;
  if (!order || !sku || qty === undefined || !reason) return advance(store, person, given, policy, now, null);
  const requested = await requestReturn(store, person, { order, sku, qty, reason }, policy, now);
  return requested.ok ? ok({ kind: 'requested', requested: requested.value }) : requested;
}

/** What the person typed in answer to the step waiting: an order number, a product code, a quantity, or the reason. */
export async function inputReturn(store: Store, person: Person, text: string, policy: ReturnPolicy, now: Date): Promise<Result<ReturnOutcome>> {
  const saved = await store.dialogs.open(person.id);
  if (!saved || saved.kind !== 'return' || saved.expiresAt <= now) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  const { step, ...given } = saved.state as ReturnDialogState;
  const answer = text.trim();
  if (step === 'return-order') return advance(store, person, { order: answer }, policy, now, saved.version);
  if (step === 'return-product') return advance(store, person, { order: given.order, sku: answer }, policy, now, saved.version);
  if (step === 'return-qty') {
    const qty = parseQuantity(answer);
    if (qty === null) return advance(store, person, { order: given.order, sku: given.sku }, policy, now, saved.version);
    return advance(store, person, { ...given, qty }, policy, now, saved.version);
  }
  return advance(store, person, { ...given, reason: answer }, policy, now, saved.version);
}

/** NO while the return dialog asks: nothing is requested. */
export async function dropReturn(store: Store, person: Person, now: Date): Promise<Result<ReturnOutcome>> {
  const saved = await store.dialogs.open(person.id);
  if (!saved || saved.kind !== 'return' || saved.expiresAt <= now) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  await store.dialogs.close(person.id);
  return ok({ kind: 'dropped' });
}
