import { randomUUID } from 'node:crypto';
import { Queue, type JobsOptions } from 'bullmq';
import IORedis, { type Redis } from 'ioredis';
import type { InboundMessage } from '../../domain/messages';

/** BullMQ queues: inbound processing and outbound dispatch. Job ids are our row ids, so an enqueue is idempotent. */
export interface QueuedMessage extends Omit<InboundMessage, 'receivedAt'> {
  receivedAt: string;
}
/** One stored message, with retries and backoff; or the messages one intake turn stored, processed together. */
export type InboundJob = QueuedMessage | { messages: QueuedMessage[] };
/** One message, with retries and backoff; or a batch of released scheduled messages, sent together. */
export type OutboundJob =
  | { outboxId: string; /** the provider slot this send reserved (epoch ms): it goes then, without queueing for another */ slot?: number }
  | { outboxIds: string[] };
/** A scheduled run of a proactive job (dunning, birthdays, …). */
export interface ScheduledJob {
  name: string;
}

export const queueNames = { inbound: 'inbound', outbound: 'outbound', scheduled: 'scheduled' } as const;

export const jobOptions = {
  // A processing failure is a bug or a database outage: retry, then keep the job for inspection. Of the jobs
  // done, the last thousand are kept for the console's queues page: the database is the record, and a batch
  // job carries its messages (up to an hour's 10,000 of them had held some 200 MB in Redis).
  inbound: { attempts: 6, backoff: { type: 'exponential', delay: 500 }, removeOnComplete: { count: 1000 }, removeOnFail: { age: 7 * 24 * 3600 } },
  // Provider throttling and outages: back off from 1 s to about a minute.
  outbound: {
    attempts: 8,
    backoff: { type: 'exponential', delay: 1000 },
    removeOnComplete: { count: 1000 },
    removeOnFail: { age: 7 * 24 * 3600 },
  },
} satisfies Record<string, JobsOptions>;

/**
 * A Redis connection. `autopipelined`: commands issued in one event-loop turn go to Redis in one
 * write (ioredis autopipelining), for the many small commands of rate limits and pacing. Not for
 * BullMQ's queues (a pipeline there copies its scripts: addJobs), nor its workers, as Bull users
 * reported jobs lost from the active list with autopipelined worker connections (OptimalBits/bull#2276,
 * bullmq#457). XADD goes alone: the live events write one a turn already, and a pipeline of one is garbage.
 */
export const redisConnection = (url: string, options: { autopipelined?: boolean } = {}): Redis =>
  new IORedis(url, { maxRetriesPerRequest: null, enableAutoPipelining: options.autopipelined ?? false, autoPipeliningIgnoredCommands: ['xadd'] });

export interface Queues {
  /** Redis for everything but the queues (live events, rate limits, pacing, markers), autopipelined; the queues have a connection of their own */
  connection: Redis;
  /** the configured prefix and the database's installation id */
  prefix: string;
  inbound: Queue<InboundJob>;
  outbound: Queue<OutboundJob>;
  /** the recurring jobs' runs, placed by BullMQ job schedulers */
  scheduled: Queue<ScheduledJob>;
  close(): Promise<void>;
}

/**
 * `onError`: what a queue's connection trouble is told to (Redis restarting, say); without it
 * BullMQ prints every reconnect failure to stderr.
 */
export function createQueues(redisUrl: string, configuredPrefix: string, installation: string, onError: (error: Error) => void = () => undefined): Queues {
  // Queues belong to one database: a reset embedded database or a second installation on the same
  // Redis gets queues of its own and never sees another's jobs.
  // A hash-tagged prefix (`{fieldline}`) keeps its braces around the whole: `{fieldline:<installation>}`,
  // so that on Redis Cluster every key of the installation hashes to one slot, as BullMQ needs.
  const tagged = /^\{(.+)\}$/.exec(configuredPrefix);
  const prefix = tagged ? `{${tagged[1]}:${installation}}` : `${configuredPrefix}:${installation}`;
  const connection = redisConnection(redisUrl, { autopipelined: true });
  connection.on('error', onError);
  // The queues' own connection, not autopipelined (redisConnection): its trouble comes as the queues' 'error' events.
  const queueConnection = redisConnection(redisUrl);
  const inbound = new Queue<InboundJob>(queueNames.inbound, { connection: queueConnection, prefix });
  const outbound = new Queue<OutboundJob>(queueNames.outbound, { connection: queueConnection, prefix });
  const scheduled = new Queue<ScheduledJob>(queueNames.scheduled, { connection: queueConnection, prefix });
  for (const queue of [inbound, outbound, scheduled]) queue.on('error', onError);
  return {
    connection,
    prefix,
    inbound,
    outbound,
    scheduled,
    async close() {
      await Promise.all([inbound.close(), outbound.close(), scheduled.close()]);
      queueConnection.disconnect();
      connection.disconnect();
    },
  };
}

/**
 * When the oldest job still waiting or running in a queue was added, less a margin for the clocks of
 * the processes that add jobs and of the database; null when the queue is idle. Jobs are taken oldest
 * first, so work recorded before it cannot be waiting in the queue: the sweeps put back only that.
 */
export async function oldestQueued(queue: Queue): Promise<Date | null> {
  const [[waiting], [active]] = await Promise.all([queue.getWaiting(0, 0), queue.getActive(0, 0)]);
  const added = [waiting, active].filter((job) => job !== undefined).map((job) => job.timestamp);
  return added.length > 0 ? new Date(Math.min(...added) - clockMarginMs) : null;
}
const clockMarginMs = 5000;

/** One addBulk for any number of messages; a message enqueued before (same job id) is not enqueued twice. */
const queued = (message: InboundMessage): QueuedMessage => ({ ...message, receivedAt: message.receivedAt.toISOString() });

/** Stored messages, one job each (job id `in-<inbox id>`: enqueueing one again is a no-op); `delayMs`: not before then. */
export async function enqueueInbound(queues: Queues, messages: readonly InboundMessage[], options: { delayMs?: number } = {}): Promise<void> {
  const jobs = messages.map((message) => ({
    name: 'process',
    data: queued(message),
    opts: { ...jobOptions.inbound, jobId: `in-${message.inboxId}`, ...(options.delayMs ? { delay: options.delayMs } : {}) },
  }));
  await addJobs(queues.inbound, jobs);
}

/**
 * Adds jobs in one Redis call: a lone job as one script call, several as one pipeline (addBulk). A
 * pipeline on BullMQ's connection copies its 64 scripts' methods, some 11 kB each time: at a thousand
 * webhooks a second, those copies lived long enough to fill the old generation every 0.6 s (tests/bench/results.md).
 */
async function addJobs<T>(queue: Queue<T>, jobs: Parameters<Queue<T>['addBulk']>[0]): Promise<void> {
  const [job] = jobs;
  if (jobs.length === 1) await queue.add(job!.name, job!.data, job!.opts);
  else if (jobs.length > 1) await queue.addBulk(jobs);
}

/**
 * What one intake turn stored, as one job (one Redis call instead of one per message): the worker
 * processes them together, and one that must wait or failed continues as a job of its own
 * (`enqueueInbound`). A lost batch is the recovery sweep's, message by message, like any unprocessed one.
 */
export async function enqueueIntake(queues: Queues, messages: readonly InboundMessage[]): Promise<void> {
  if (messages.length === 1) return void (await enqueueInbound(queues, messages));
  await queues.inbound.add(
    'process-batch',
    { messages: messages.map(queued) },
    { ...jobOptions.inbound, attempts: 3, jobId: `inb-${messages[0]!.inboxId}-${randomUUID()}` },
  );
}

/**
 * Enqueues outbox messages, one job each. A first enqueue is idempotent (job id `out-<id>`, so the
 * recovery sweep adds nothing for a message queued already). `afterFirstAttempt`: the message was
 * tried once already (inline, or in a batch): the job has an id of its own, waits one backoff step,
 * or as long as the provider asked (`delayMs`), and continues the series (1 s, 2 s, 4 s, …) from
 * there. `slot`: the provider slot it reserved.
 */
const enqueueChunk = 5000;

export async function enqueueOutbound(
  queues: Queues,
  outboxIds: readonly string[],
  options: { afterFirstAttempt?: boolean; delayMs?: number; slot?: number } = {},
): Promise<void> {
  if (outboxIds.length === 0) return;
  const { backoff } = jobOptions.outbound;
  const opts = options.afterFirstAttempt
    ? { ...jobOptions.outbound, delay: options.delayMs ?? backoff.delay, backoff: { ...backoff, delay: backoff.delay * 2 } }
    : { ...jobOptions.outbound, delay: options.delayMs };
  // Chunked: one addBulk is one Redis transaction, and a job run may release a hundred thousand.
  const again = options.afterFirstAttempt || options.slot !== undefined || options.delayMs !== undefined;
  for (let i = 0; i < outboxIds.length; i += enqueueChunk)
    await addJobs(
      queues.outbound,
      outboxIds.slice(i, i + enqueueChunk).map((id) => ({
        name: 'send',
        data: options.slot === undefined ? { outboxId: id } : { outboxId: id, slot: options.slot },
        opts: { ...opts, jobId: again ? `out-${id}-${randomUUID()}` : `out-${id}` },
      })),
    );
}

/** Messages per batch job: claimed, passed through the contact policy and recorded together. */
export const batchSize = 100;

/** Released scheduled messages, a batch per job; one that must wait or retry continues as a job of its own. */
export async function enqueueBatches(queues: Queues, outboxIds: readonly string[]): Promise<void> {
  const jobs = [];
  for (let i = 0; i < outboxIds.length; i += batchSize) {
    const batch = outboxIds.slice(i, i + batchSize);
    jobs.push({ name: 'send-batch', data: { outboxIds: batch }, opts: { ...jobOptions.outbound, attempts: 3, jobId: `batch-${batch[0]}-${randomUUID()}` } });
  }
  for (let i = 0; i < jobs.length; i += enqueueChunk / batchSize) await addJobs(queues.outbound, jobs.slice(i, i + enqueueChunk / batchSize));
}
