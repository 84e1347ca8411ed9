import { randomUUID } from 'node:crypto';
import { inboundStatus, repliesLeaving, repliesTo, storeInbound, type IncomingMessage } from '../adapters/db/messageLog';
import { enqueueInbound } from '../adapters/queue/queues';
import type { ChatChannel } from '../domain/channels';
import type { Channel } from '../domain/messages';
import { HttpError } from './http';
import type { Runtime } from './runtime';

/** Replies a simulated message may wait for (interfaces.md: 5 s at most). */
const simulateTimeoutMs = 5000;

/** A message as a person would send it on a channel: its text, or a shared Telegram location. */
export type SimulatedMessage =
  { channel: Channel; from: string; text: string } | { channel: ChatChannel; from: string; location: { lat: number; lon: number } };

/**
 * Sends a message through the real pipeline with the simulator's transport (the sandbox rule: its
 * replies never reach a provider) and waits for its processing and its replies' sending: the API's
 * /simulate and the console's simulator. Answers the stored message's id and its replies.
 */
export async function simulate(runtime: Runtime, message: SimulatedMessage): Promise<{ inboxId: string; replies: Awaited<ReturnType<typeof repliesTo>> }> {
  const { sql, queues } = runtime;
  const incoming: IncomingMessage =
    'location' in message
      ? {
          channel: message.channel,
          transport: 'simulator',
          externalId: `sim-${randomUUID()}`,
          from: message.from,
          to: null,
          text: `geo:${message.location.lat},${message.location.lon}`,
          payload: { kind: 'location', live: null, liveUntil: null },
        }
      : { channel: message.channel, transport: 'simulator', externalId: `sim-${randomUUID()}`, from: message.from, to: null, text: message.text };
  const [stored] = await storeInbound(sql, [incoming]);
  const inboxId = stored!.message.inboxId;
  await Promise.all([enqueueInbound(queues, [stored!.message]), runtime.live.publish([{ kind: 'in', id: inboxId }])]);
  // Polled rather than followed on BullMQ's event stream: only a waiting simulation pays for it.
  const deadline = Date.now() + simulateTimeoutMs;
  for (;;) {
    const status = await inboundStatus(sql, inboxId);
    if (status === 'processed') break;
    if (status === 'failed') throw new HttpError(502, 'PROCESSING_FAILED', 'processing the message failed; see the logs');
    if (Date.now() > deadline) throw new HttpError(504, 'TIMEOUT', 'no reply within 5 s: is a worker running?');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  // The simulator's replies leave at once: waiting for them shows each with its final status (a proactive one may be held; not waited past the deadline).
  while (Date.now() < deadline && (await repliesLeaving(sql, inboxId))) await new Promise((resolve) => setTimeout(resolve, 10));
  return { inboxId, replies: await repliesTo(sql, inboxId) };
}
