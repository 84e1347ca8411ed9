import { DateTime } from 'luxon';
import { draftOrder, submitOrder, type OrderDraft, type SubmittedOrder } from '../domain/ordering';
import type { Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { fail, ok, type DomainError, type Result } from '../domain/result';
import { nearestCodes } from '../domain/catalog';
import { parseQuantity } from '../domain/quantities';
import type { OrderPolicy } from '../domain/ordering';

/** A dialog waits this long for its answer; after it, it expires and says so when the person writes next. */
export const dialogTimeoutMinutes = 30;

type Items = { sku: string; qty: number }[];

/** The order dialog's steps and what each keeps (persisted as JSON with a version). */
export type OrderDialogState =
  | { step: 'pick'; items: Items }
  | { step: 'quantity'; items: Items; sku: string }
  | { step: 'confirm'; items: Items }
  | { step: 'replace'; items: Items; replacement: Items };

/** Steps that take what the person types (a product code, a quantity) rather than a command. */
export const inputSteps: readonly string[] = ['pick', 'quantity'];
/** Typed in the confirm step (the "➕" button): pick one more product. */
export const addAnother = '+';

/** What an answer did: the outcome of a dialog step, as a discriminated union. */
export type DialogOutcome =
  | { kind: 'awaiting'; draft: OrderDraft; replacing: boolean }
  | { kind: 'pick'; skus: string[]; refusal: DomainError | null }
  | { kind: 'quantity'; sku: string; refusal: DomainError | null }
  | { kind: 'completed'; order: SubmittedOrder; draft: OrderDraft }
  | { kind: 'cancelled' }
  | { kind: 'kept'; draft: OrderDraft };

const expiry = (now: Date) => DateTime.fromJSDate(now).plus({ minutes: dialogTimeoutMinutes }).toJSDate();

async function load(store: Store, person: Person, now: Date): Promise<{ state: OrderDialogState; version: number } | null> {
  const saved = await store.dialogs.open(person.id);
  if (!saved || saved.kind !== 'order' || saved.expiresAt <= now) return null;
  return { state: saved.state as OrderDialogState, version: saved.version };
}

async function save(store: Store, person: Person, state: OrderDialogState, version: number | null, now: Date): Promise<void> {
  if (!(await store.dialogs.save(person.id, { kind: 'order', step: state.step, state, expiresAt: expiry(now) }, version))) {
    throw new Error(`dialog of ${person.id} changed under this answer`); // the job retries; the claim keeps it to one effect
  }
}

/**
 * ORDER: drafts the order and asks to confirm it, or, with an order already waiting, whether to
 * replace it. ORDER alone builds the order step by step: pick a product, its quantity, another, confirm.
 */
export async function startOrder(store: Store, person: Person, items: Items, policy: OrderPolicy, now: Date): Promise<Result<DialogOutcome>> {
  if (items.length === 0) {
    await store.dialogs.close(person.id);
    await save(store, person, { step: 'pick', items: [] }, null, now);
    return ok({ kind: 'pick', skus: await store.catalog.skus(), refusal: null });
  }
  const draft = await draftOrder(store, person, items, policy);
  if (!draft.ok) return draft;
  const open = await load(store, person, now);
  if (open) {
    await save(store, person, { step: 'replace', items: open.state.items, replacement: items }, open.version, now);
    return ok({ kind: 'awaiting', draft: draft.value, replacing: true });
  }
  await store.dialogs.close(person.id); // an expired one, if any
  await save(store, person, { step: 'confirm', items }, null, now);
  return ok({ kind: 'awaiting', draft: draft.value, replacing: false });
}

/** What the person typed while the dialog waits for a product code, a quantity, or "+" (one more product). */
export async function inputOrder(store: Store, person: Person, text: string, policy: OrderPolicy, now: Date): Promise<Result<DialogOutcome>> {
  const open = await load(store, person, now);
  if (!open) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  const { state, version } = open;
  if (state.step === 'confirm' && text === addAnother) {
    await save(store, person, { step: 'pick', items: state.items }, version, now);
    return ok({ kind: 'pick', skus: await store.catalog.skus(), refusal: null });
  }
  if (state.step === 'pick') {
    const product = await store.catalog.product(text);
    if (!product)
      return ok({
        kind: 'pick',
        skus: await store.catalog.skus(),
        refusal: { code: 'SKU.UNKNOWN', sku: text, suggestions: nearestCodes(text, await store.catalog.skus()) },
      });
    await save(store, person, { step: 'quantity', items: state.items, sku: product.sku }, version, now);
    return ok({ kind: 'quantity', sku: product.sku, refusal: null });
  }
  if (state.step === 'quantity') {
    const qty = parseQuantity(text);
    if (qty === null) return ok({ kind: 'quantity', sku: state.sku, refusal: null });
    const items = [...state.items, { sku: state.sku, qty }];
    const draft = await draftOrder(store, person, items, policy);
    if (!draft.ok) {
      // The line that cannot be had is dropped; the rest of the order stays.
      await save(store, person, { step: 'pick', items: state.items }, version, now);
      return ok({ kind: 'pick', skus: await store.catalog.skus(), refusal: draft.error });
    }
    await save(store, person, { step: 'confirm', items }, version, now);
    return ok({ kind: 'awaiting', draft: draft.value, replacing: false });
  }
  return fail({ code: 'DIALOG.NOTHING_PENDING' });
}

/** YES or NO to the open dialog. */
export async function answerOrder(store: Store, person: Person, yes: boolean, policy: OrderPolicy, now: Date): Promise<Result<DialogOutcome>> {
  const open = await load(store, person, now);
  if (!open) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  const { state, version } = open;
  if (state.step === 'pick' || state.step === 'quantity') {
    // YES while building: submit what is there; NO: drop it all.
    if (!yes || state.items.length === 0) {
      await store.dialogs.close(person.id);
      return ok({ kind: 'cancelled' });
    }
  }
  if (state.step === 'replace') {
    const items = yes ? state.replacement : state.items;
    await save(store, person, { step: 'confirm', items }, version, now);
    const draft = await draftOrder(store, person, items, policy);
    if (!draft.ok) return draft;
    return ok(yes ? { kind: 'awaiting', draft: draft.value, replacing: false } : { kind: 'kept', draft: draft.value });
  }
  await store.dialogs.close(person.id);
  if (!yes) return ok({ kind: 'cancelled' });
  // Prices, credit and stock as they are now, not as they were when the dialog began.
  const draft = await draftOrder(store, person, state.items, policy);
  if (!draft.ok) return draft;
  const order = await submitOrder(store, person, draft.value, policy);
  return order.ok ? ok({ kind: 'completed', order: order.value, draft: draft.value }) : order;
}
