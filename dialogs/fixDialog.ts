import { DateTime } from 'luxon';
import { nearestCodes } from '../domain/catalog';
import type { Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { fail, ok, type DomainError, type Result } from '../domain/result';
import { fileTicket, type Filed } from '../domain/serviceDesk';
import type { TicketPriority } from '../domain/tickets';
import { dialogTimeoutMinutes } from './orderDialog';

/**
 * The service-request dialog: a FIX that lacks its product or its description (a photo sent with
 * the caption FIX, say) asks for what is missing, then files the ticket.
 */
export type FixDialogState =
  | { step: 'fix-product'; serial: string | null; photoFileId: string | null }
  | { step: 'fix-description'; sku: string; serial: string | null; photoFileId: string | null };

/** Steps that take what the person types: a product code (one word), or the description (free text). */
export const fixSteps: readonly string[] = ['fix-product', 'fix-description'];

export type FixOutcome =
  { kind: 'ask-product'; refusal: DomainError | null } | { kind: 'ask-description'; sku: string } | { kind: 'filed'; filed: Filed; description: string };

const priorityOf = (description: string): TicketPriority => (/\burgent\b|紧急|加急/i.test(description) ? 'urgent' : 'normal');

async function save(store: Store, person: Person, state: FixDialogState, version: number | null, now: Date): Promise<void> {
  const expiresAt = DateTime.fromJSDate(now).plus({ minutes: dialogTimeoutMinutes }).toJSDate();
  if (!(await store.dialogs.save(person.id, { kind: 'fix', step: state.step, state, expiresAt }, version))) {
    throw new Error(`dialog of ${person.id} changed under this answer`); // the job retries; the claim keeps it to one effect
  }
}

/** FIX with everything files at once; FIX missing the product or the description asks for it. */
export async function startFix(
  store: Store,
  person: Person,
  request: { sku: string | null; serial: string | null; description: string | null; photoFileId: string | null },
  now: Date,
): Promise<Result<FixOutcome>> {
  const product = request.sku ? await store.catalog.product(request.sku) : null;
  if (request.sku && !product) return fail({ code: 'SKU.UNKNOWN', sku: request.sku, suggestions: nearestCodes(request.sku, await store.catalog.skus()) });
  if (product && request.description) {
    const filed = await fileTicket(
      store,
      person,
      {
        sku: product.sku,
        serial: request.serial,
        description: request.description,
        priority: priorityOf(request.description),
        photoFileId: request.photoFileId,
      },
      now,
    );
    return filed.ok ? ok({ kind: 'filed', filed: filed.value, description: request.description }) : filed;
  }
  await store.dialogs.close(person.id);
  if (!product) {
    await save(store, person, { step: 'fix-product', serial: request.serial, photoFileId: request.photoFileId }, null, now);
    return ok({ kind: 'ask-product', refusal: null });
  }
  await save(store, person, { step: 'fix-description', sku: product.sku, serial: request.serial, photoFileId: request.photoFileId }, null, now);
  return ok({ kind: 'ask-description', sku: product.sku });
}

/** What the person typed in answer: the product code, then the description, which files the ticket. */
export async function inputFix(store: Store, person: Person, text: string, now: Date): Promise<Result<FixOutcome>> {
  const saved = await store.dialogs.open(person.id);
  if (!saved || saved.kind !== 'fix' || saved.expiresAt <= now) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  const state = saved.state as FixDialogState;
  if (state.step === 'fix-product') {
    const product = await store.catalog.product(text);
    if (!product) return ok({ kind: 'ask-product', refusal: { code: 'SKU.UNKNOWN', sku: text, suggestions: nearestCodes(text, await store.catalog.skus()) } });
    await save(store, person, { step: 'fix-description', sku: product.sku, serial: state.serial, photoFileId: state.photoFileId }, saved.version, now);
    return ok({ kind: 'ask-description', sku: product.sku });
  }
  await store.dialogs.close(person.id);
  const filed = await fileTicket(
    store,
    person,
    { sku: state.sku, serial: state.serial, description: text, priority: priorityOf(text), photoFileId: state.photoFileId },
    now,
  );
  return filed.ok ? ok({ kind: 'filed', filed: filed.value, description: text }) : filed;
}
