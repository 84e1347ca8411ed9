import { storeInbound, type IncomingMessage, type StoredInbound } from '../adapters/db/messageLog';
import { turnBatcher } from '../adapters/db/batch';
import { enqueueIntake } from '../adapters/queue/queues';
import { HttpError } from './http';
import type { Runtime } from './runtime';

/**
 * Durable intake for every channel. Webhooks arriving in the same event-loop turn are stored in
 * one INSERT and enqueued in one addBulk (group commit); each caller is answered only once its
 * message is stored and enqueued, so an acknowledged message is never lost.
 */
export interface Intake {
  accept(message: IncomingMessage): Promise<StoredInbound>;
}

/** PostgreSQL's text cannot hold a NUL character: such a message is refused before it joins a batch (it would fail the batch). */
const nul = '\u0000';

export function createIntake(runtime: Pick<Runtime, 'sql' | 'queues' | 'live'>): Intake {
  const accept = turnBatcher(async (messages: readonly IncomingMessage[]) => {
    const stored = await storeInbound(runtime.sql, messages);
    // A retry of a message still waiting is enqueued again under the same job id: a no-op, or the repair of a lost enqueue.
    const waiting = stored.filter((s) => s.pending);
    if (waiting.length > 0)
      await enqueueIntake(
        runtime.queues,
        waiting.map((s) => s.message),
      );
    // The console's live views are told without holding the acknowledgement back (publishing never throws).
    void runtime.live.publish(stored.filter((s) => !s.duplicate).map((s) => ({ kind: 'in', id: s.message.inboxId })));
    return stored;
  });
  return {
    accept: (message) =>
      [message.text, message.externalId, message.from, message.to ?? ''].some((field) => field.includes(nul))
        ? Promise.reject(new HttpError(400, 'MALFORMED_BODY', 'the message holds a NUL character'))
        : accept(message),
  };
}
