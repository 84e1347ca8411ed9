import { Queue, type JobsOptions } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import type { InboundMessage } from '../../domain/messages';

/** BullMQ queues: inbound processing and outbound dispatch. Job ids are our row ids, so an enqueue is idempotent. */
export interface InboundJob extends Omit<InboundMessage, 'receivedAt'> {
  receivedAt: string;
}
export interface OutboundJob {
  outboxId: string;
}

export const queueNames = { inbound: 'inbound', outbound: 'outbound' } as const;

export const jobOptions = {
  // A processing failure is a bug or a database outage: retry, then keep the job for inspection.
  inbound: { attempts: 6, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } },
  // Provider throttling and outages: back off from 1 s to about a minute.
  outbound: { attempts: 8, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: 3600, count: 10_000 }, removeOnFail: { age: 7 * 24 * 3600 } },
} satisfies Record<string, JobsOptions>;

/**
 * `producer`: commands issued in one event-loop turn go to Redis in one write (ioredis
 * autopipelining). Only for adding jobs: workers keep plain connections, as Bull users reported
 * jobs lost from the active list with autopipelined worker connections (OptimalBits/bull#2276, bullmq#457).
 */
export const redisConnection = (url: string, options: { producer?: boolean } = {}): Redis =>
  new IORedis(url, { maxRetriesPerRequest: null, enableAutoPipelining: options.producer ?? false });

export interface Queues {
  connection: Redis;
  /** the configured prefix and the database's installation id */
  prefix: string;
  inbound: Queue<InboundJob>;
  outbound: Queue<OutboundJob>;
  close(): Promise<void>;
}

export function createQueues(redisUrl: string, configuredPrefix: string, installation: string): Queues {
  // Queues belong to one database: a reset embedded database or a second installation on the same
  // Redis gets queues of its own and never sees another's jobs.
  const prefix = `${configuredPrefix}:${installation}`;
  const connection = redisConnection(redisUrl, { producer: true });
  const inbound = new Queue<InboundJob>(queueNames.inbound, { connection, prefix });
  const outbound = new Queue<OutboundJob>(queueNames.outbound, { connection, prefix });
  return {
    connection,
    prefix,
    inbound,
    outbound,
    async close() {
      await Promise.all([inbound.close(), outbound.close()]);
      connection.disconnect();
    },
  };
}

/** One addBulk for any number of messages; a message enqueued before (same job id) is not enqueued twice. */
export function enqueueInbound(queues: Queues, messages: readonly InboundMessage[]) {
  return queues.inbound.addBulk(
    messages.map((message) => ({
      name: 'process',
      data: { ...message, receivedAt: message.receivedAt.toISOString() },
      opts: { ...jobOptions.inbound, jobId: `in-${message.inboxId}` },
    })),
  );
}

/**
 * `afterFirstAttempt`: the message was tried once already (inline, right after its commit): the job
 * waits one backoff step, or as long as the provider asked (`delayMs`), and continues the series
 * (1 s, 2 s, 4 s, …) from there.
 */
export async function enqueueOutbound(queues: Queues, outboxIds: readonly string[], options: { afterFirstAttempt?: boolean; delayMs?: number } = {}): Promise<void> {
  if (outboxIds.length === 0) return;
  const { backoff } = jobOptions.outbound;
  const opts = options.afterFirstAttempt
    ? { ...jobOptions.outbound, delay: options.delayMs ?? backoff.delay, backoff: { ...backoff, delay: backoff.delay * 2 } }
    : jobOptions.outbound;
  await queues.outbound.addBulk(outboxIds.map((outboxId) => ({ name: 'send', data: { outboxId }, opts: { ...opts, jobId: `out-${outboxId}` } })));
}
