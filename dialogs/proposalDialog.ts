import { DateTime } from 'luxon';
import type { Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { dialogTimeoutMinutes } from './orderDialog';

/**
 * A command proposed from free text ("Did you mean: ORDER A100 5?"), waiting for YES. It is the
 * exact command text: YES runs it as if the person had typed it, NO drops it.
 */
export interface ProposalState {
  command: string;
}

export const proposalStep = 'proposal';

/** Whether the person has a dialog of another kind open (an order waiting for YES, say), which a proposal must not replace. */
export const busyWithDialog = (person: Person, now: Date): boolean =>
  person.dialogStep !== null && person.dialogStep !== proposalStep && person.dialogExpiresAt !== null && person.dialogExpiresAt > now;

/** Saves the proposal, in place of an earlier one. */
export async function propose(store: Store, person: Person, command: string, now: Date): Promise<void> {
  const open = await store.dialogs.open(person.id);
  if (open && open.kind !== 'proposal' && open.expiresAt > now) throw new Error(`${person.id} has a ${open.kind} dialog open; a proposal may not replace it`);
  await store.dialogs.close(person.id);
  const state: ProposalState = { command };
  const saved = await store.dialogs.save(
    person.id,
    { kind: 'proposal', step: proposalStep, state, expiresAt: DateTime.fromJSDate(now).plus({ minutes: dialogTimeoutMinutes }).toJSDate() },
    null,
  );
  if (!saved) throw new Error(`dialog of ${person.id} changed under this proposal`); // the job retries; the claim keeps it to one effect
}

/** The proposed command, taken (the dialog closed) in the caller's transaction; null when none is open any more. */
export async function takeProposal(store: Store, person: Person, now: Date): Promise<string | null> {
  const open = await store.dialogs.open(person.id);
  if (!open || open.kind !== 'proposal' || open.expiresAt <= now) return null;
  await store.dialogs.close(person.id);
  return (open.state as ProposalState).command;
}
