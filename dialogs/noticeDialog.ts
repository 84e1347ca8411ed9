import { DateTime } from 'luxon';
import { prepareBroadcast, type BroadcastOptions, type BroadcastPreview, type Reach } from '../domain/broadcasts';
import { roles, type Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { fail, ok, type Result } from '../domain/result';
import { dialogTimeoutMinutes } from './orderDialog';

/**
 * A manager's notice by SMS or chat (`NOTICE text`): a broadcast to everyone under them, previewed
 * (how many, who not, cost, when the last has it) and kept, waiting for YES to plan it or NO to drop it.
 */
export interface NoticeState {
  broadcast: string;
  recipients: number;
  finishedBy: string | null;
}

export const noticeStep = 'notice-confirm';

export type NoticeAnswer =
  | { kind: 'sent'; planned: number; finishedBy: Date | null }
  /** the broadcast was confirmed or cancelled meanwhile (at the console) */
  | { kind: 'decided'; status: string }
  | { kind: 'dropped' };

/**
 * The notice previewed for every person under the manager, in their language (one text for both:
 * the manager wrote it once), signed with the manager's name; kept, and the question asked.
 */
export async function startNotice(
  store: Store,
  person: Person,
  text: string,
  options: BroadcastOptions,
  reach: Reach,
): Promise<Result<{ preview: BroadcastPreview }>> {
  const han = /\p{Script=Han}/u.test(text);
  const signed = `${person.name}${han ? '：' : ': '}${text}`;
  const prepared = await prepareBroadcast(
    store.broadcasts,
    { texts: han ? { zh: signed, en: signed } : { en: signed, zh: signed }, audience: { roles: [...roles] }, sendAt: null },
    { operator: null, authority: person.id },
    options,
    reach,
  );
  if (!prepared.ok) return prepared;
  const { id, preview } = prepared.value;
  // An earlier question (a notice not answered, a suggested command) is replaced by this one.
  const earlier = await store.dialogs.open(person.id);
  if (earlier?.kind === 'notice') await store.broadcasts.cancel((earlier.state as NoticeState).broadcast, options.now);
  await store.dialogs.close(person.id);
  const state: NoticeState = { broadcast: id, recipients: preview.recipients.length, finishedBy: preview.finishedBy?.toISOString() ?? null };
  const expiresAt = DateTime.fromJSDate(options.now).plus({ minutes: dialogTimeoutMinutes }).toJSDate();
  if (!(await store.dialogs.save(person.id, { kind: 'notice', step: noticeStep, state, expiresAt }, null))) {
    throw new Error(`dialog of ${person.id} changed under this notice`); // the job retries; the claim keeps it to one effect
  }
  return ok({ preview });
}

/** YES plans the kept notice (once: its broadcast's confirmation is), NO cancels it. */
export async function answerNotice(store: Store, person: Person, yes: boolean, now: Date): Promise<Result<NoticeAnswer>> {
  const open = await store.dialogs.open(person.id);
  if (!open || open.kind !== 'notice' || open.expiresAt <= now) return fail({ code: 'DIALOG.NOTHING_PENDING' });
  await store.dialogs.close(person.id);
  const state = open.state as NoticeState;
  const outcome = yes ? await store.broadcasts.confirm(state.broadcast, now) : await store.broadcasts.cancel(state.broadcast, now);
  if ('status' in outcome) return ok({ kind: 'decided', status: outcome.status });
  if (!yes) return ok({ kind: 'dropped' });
  return ok({ kind: 'sent', planned: (outcome as { planned: number }).planned, finishedBy: state.finishedBy ? new Date(state.finishedBy) : null });
}

/** A notice left unanswered: its broadcast is cancelled with the dialog. */
export async function expireNotice(store: Store, person: Person, now: Date): Promise<void> {
  const open = await store.dialogs.open(person.id);
  if (open?.kind === 'notice') await store.broadcasts.cancel((open.state as NoticeState).broadcast, now);
}
