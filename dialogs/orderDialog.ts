import { DateTime } from 'luxon';
import { draftOrder, submitOrder, type OrderDraft, type SubmittedOrder } from '../domain/ordering';
import type { Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { fail, ok, type Result } from '../domain/result';
import type { OrderPolicy } from '../domain/ordering';

/** A dialog waits this long for its answer; after it, it expires and says so when the person writes next. */
export const dialogTimeoutMinutes = 30;

type Items = { sku: string; qty: number }[];

/** The order dialog's steps and what each keeps (persisted as JSON with a version). */
export type OrderDialogState =
  | { step: 'confirm'; items: Items }
  | { step: 'replace'; items: Items; replacement: Items };

/** What an answer did: the outcome of a dialog step, as a discriminated union. */
export type DialogOutcome =
  | { kind: 'awaiting'; draft: OrderDraft; replacing: boolean }
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

/** ORDER: drafts the order and asks to confirm it, or, with an order already waiting, whether to replace it. */
export async function startOrder(store: Store, person: Person, items: Items, policy: OrderPolicy, now: Date): Promise<Result<DialogOutcome>> {
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

/** YES or NO to the open dialog. */
export async function answerOrder(store: Store, person: Person, yes: boolean, policy: OrderPolicy, now: Date): Promise<Result<DialogOutcome>> {
  const open = await load(store, person, now);
  if (!open) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  const { state, version } = open;
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
