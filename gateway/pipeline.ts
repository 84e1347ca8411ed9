import { DelayedError, Worker, type Job } from 'bullmq';
import { markInboundFailed, recordSendFailure, releaseClaim } from '../adapters/db/messageLog';
import { abandonStuckSends, forgetReleases, recordUnknownOutcome, releaseDueMessages, unfinishedWork } from '../adapters/db/recovery';
import { settleUnknownSends } from './settle';
import {
  enqueueBatches,
  enqueueInbound,
  enqueueOutbound,
  oldestQueued,
  queueNames,
  redisConnection,
  type InboundJob,
  type OutboundJob,
  type QueuedMessage,
} from '../adapters/queue/queues';
import { processInbound, type RouterOptions } from '../commands/router';
import { intentOf } from '../commands/understanding/understand';
import { handBackIdle } from '../commands/handoff';
import { tellSlowedDown } from '../commands/steps/guarded';
import type { InboundMessage } from '../domain/messages';
import { SendError, sendTimeoutMs, type Store } from '../domain/ports';
import { chatUserId, isChatChannel } from '../domain/channels';
import { sqlStore } from '../adapters/db/store';
import { commandOptions, type Runtime } from './runtime';

/**
 * The processing half: an inbound worker that turns a stored message into replies in the outbox,
 * and a dispatcher that sends outbox messages through their transport. Safe to run in the web
 * process or in a process of its own; several processes may run it at once.
 */
export interface Workers {
  close(): Promise<void>;
}

export interface WorkerOptions {
  /** Redis came back without its data: what else must be put back (the recurring jobs' schedulers) */
  onRedisReset?: () => Promise<void>;
}

export function startWorkers(runtime: Runtime, options: WorkerOptions = {}): Workers {
  const { config, queues, logger } = runtime;
  const connection = redisConnection(config.redisUrl);
  // In the worker, replies leave right after their commit, from this process, without a queue hop.
  // A crash before they leave keeps pending rows the recovery sweep sends.
  const sending = limiter(sendsInFlight);
  // Planned messages released with their insert (a job's run) are queued in batches: there may be a million.
  // A broadcast confirmed (a manager's YES to their NOTICE) has its due messages released now, not at the next sweep.
  const store = sqlStore(
    runtime.sql,
    async ({ outboxIds, released, changes }) => {
      await Promise.all([
        sendNow(runtime, outboxIds, sending),
        enqueueBatches(queues, released),
        runtime.live.publish([...outboxIds.map((id) => ({ kind: 'out' as const, id })), ...changes]),
        changes.some((change) => change.kind === 'broadcast') ? releaseDue(runtime) : null,
      ]);
    },
    null,
    () => runtime.clock.now(),
  );
  // The messages of batches this process runs at once: four per job slot (INBOUND_CONCURRENCY). Each
  // sender's go one after another, so a driver's pings never contend for their vehicle's row; more of
  // them at once fill the statements their sender lookups share.
  const slots = limiter(config.inboundConcurrency * 4);
  const router = routerOptions(runtime);
  const inbound = new Worker<InboundJob>(queueNames.inbound, (job, token) => processJob(runtime, store, router, job, token, slots), {
    connection,
    prefix: queues.prefix,
    concurrency: config.inboundConcurrency,
  });
  const outbound = new Worker<OutboundJob>(
    queueNames.outbound,
    (job, token) => ('outboxIds' in job.data ? sendNow(runtime, job.data.outboxIds, sending) : dispatchJob(runtime, job as Job<SingleSend>, token)),
    {
      connection,
      prefix: queues.prefix,
      concurrency: config.outboundConcurrency,
    },
  );
  inbound.on('failed', (job, error) => {
    const single = job && 'inboxId' in job.data ? job.data : null;
    logger.error({ err: error, inboxId: single?.inboxId, attempt: job?.attemptsMade }, 'processing a message failed');
    // A batch's messages are not marked: what it left unprocessed is the recovery sweep's, each as a job of its own.
    if (single && job!.attemptsMade >= (job!.opts.attempts ?? 1)) void markInboundFailed(runtime.sql, single.inboxId);
  });
  outbound.on('failed', (job, error) => logger.warn({ err: error, job: job?.data, attempt: job?.attemptsMade }, 'sending a message failed'));
  for (const worker of [inbound, outbound]) worker.on('error', (error) => logger.error({ err: error }, 'queue worker error'));

  const recovery = setInterval(() => void recoverUnfinished(runtime).catch((error) => logger.error({ err: error }, 'recovery sweep failed')), 10_000);
  const redisReset = setInterval(
    () => void watchRedisReset(runtime, options).catch((error) => logger.warn({ err: error }, 'checking Redis for a reset failed')),
    redisCheckEveryMs,
  );
  // Sends whose outcome is unknown are settled with their provider once its listing delay has passed.
  const settleEveryMs = Math.max(1000, Math.min(15_000, config.settleAfterSeconds * 500));
  const settling = setInterval(
    () => void settleUnknownSends(runtime).catch((error) => logger.error({ err: error }, 'settling unknown sends failed')),
    settleEveryMs,
  );
  // Conversations an operator stopped answering go back to the bot (and the person is told), within a minute of the limit.
  const idle = setInterval(
    () => void handBackIdle(store, runtime.clock.now(), config.handoffIdleMinutes).catch((error) => logger.error({ err: error }, 'hand-back sweep failed')),
    60_000,
  );
  // Messages held for their recipients' windows go out within this long of the opening.
  const release = setInterval(() => void releaseDue(runtime).catch((error) => logger.error({ err: error }, 'release sweep failed')), releaseEveryMs);
  for (const timer of [recovery, release, idle, settling, redisReset]) timer.unref();
  void markRedisAlive(runtime).catch(() => undefined);
  return {
    async close() {
      clearInterval(recovery);
      clearInterval(redisReset);
      clearInterval(release);
      clearInterval(idle);
      clearInterval(settling);
      await Promise.all([inbound.close(), outbound.close()]);
      connection.disconnect();
    },
  };
}

const releaseEveryMs = 15_000;
/**
 * Sends in flight in one process (each from its claim to its receipt recorded): two batches and
 * the replies beside them, for the provider clients' 64 keep-alive sockets. A worker's batches
 * (OUTBOUND_CONCURRENCY × 100 messages) would otherwise claim thousands at once, which wait in
 * memory for a socket (a dispatching worker peaked at 310 MB), and a claim left waiting past
 * sendTimeoutMs would be taken for a dead process's.
 */
const sendsInFlight = 256;
const abandonMarginMs = 10_000;
const redisCheckEveryMs = 2000;

/**
 * Redis run without persistence comes back from a restart empty: every queued job is gone. A key
 * every worker keeps present tells: when it is missing, the database (the system of record) puts
 * the work back at once — messages waiting to be processed or sent, scheduled messages released
 * before, the recurring jobs' schedulers — instead of at the next sweep minutes later.
 */
const aliveKey = (runtime: Runtime) => `${runtime.queues.prefix}:alive`;
const markRedisAlive = (runtime: Runtime) => runtime.queues.connection.set(aliveKey(runtime), new Date().toISOString(), 'NX');

async function watchRedisReset(runtime: Runtime, options: WorkerOptions): Promise<void> {
  if ((await runtime.queues.connection.exists(aliveKey(runtime))) === 1) return;
  if ((await markRedisAlive(runtime)) !== 'OK') return; // another worker saw it first and is putting the work back
  const released = await forgetReleases(runtime.sql);
  const recovered = await recoverUnfinished(runtime, 0);
  const due = await releaseDue(runtime);
  await options.onRedisReset?.();
  runtime.logger.warn({ ...recovered, scheduledReleasedAgain: released, due }, 'Redis lost its data: unfinished work put back on the queues');
}

async function processJob(
  runtime: Runtime,
  store: Store,
  options: RouterOptions,
  job: Job<InboundJob>,
  token: string | undefined,
  slots: Limiter,
): Promise<void> {
  if ('messages' in job.data) return processBatch(runtime, store, options, job.data.messages, slots);
  const message = { ...job.data, receivedAt: new Date(job.data.receivedAt) };
  // A sender over their pace waits (told once); their message is kept, and answered in its turn.
  const pace = token ? await runtime.guard.pace(message.from) : { waitMs: 0, tell: false };
  if (pace.waitMs > 0) {
    if (pace.tell) await tellSlowedDown(store, message);
    runtime.metrics.slowedDown.inc();
    await job.moveToDelayed(Date.now() + pace.waitMs, token);
    throw new DelayedError();
  }
  await processInbound(store, message, options);
  runtime.metrics.processing.observe((Date.now() - message.receivedAt.getTime()) / 1000);
}

type Limiter = <T>(work: () => Promise<T>, weight?: number) => Promise<T>;

/** Runs work of at most `n` units at once (a piece weighs 1 unless told); the rest wait their turn, in order. */
function limiter(n: number): Limiter {
  let running = 0;
  const waiting: { units: number; start: () => void }[] = [];
  // Units set free go to those waiting, first come first: a heavy piece is never overtaken by light ones.
  const admit = () => {
    while (waiting.length > 0 && running + waiting[0]!.units <= n) {
      const next = waiting.shift()!;
      running += next.units;
      next.start();
    }
  };
  return async (work, weight = 1) => {
    const units = Math.min(Math.max(weight, 1), n);
    if (waiting.length === 0 && running + units <= n) running += units;
    else await new Promise<void>((start) => waiting.push({ units, start }));
    try {
      return await work();
    } finally {
      running -= units;
      admit();
    }
  };
}

/**
 * An intake turn's messages, processed together (their sender lookups share statements): each
 * sender's in the order they arrived, senders side by side, at most `slots` messages of batches at
 * once in the process. One
 * whose sender must slow down, or whose processing failed, continues as a job of its own with the
 * usual retries; each is processed exactly once all the same (processInbound claims it).
 */
async function processBatch(runtime: Runtime, store: Store, options: RouterOptions, messages: readonly QueuedMessage[], slots: Limiter): Promise<void> {
  const failed: InboundMessage[] = [];
  const bySender = new Map<string, QueuedMessage[]>();
  for (const message of messages) {
    const lane = bySender.get(message.from);
    if (lane) lane.push(message);
    else bySender.set(message.from, [message]);
  }
  const processOne = async (data: QueuedMessage) => {
    const message = { ...data, receivedAt: new Date(data.receivedAt) };
    try {
      const pace = await runtime.guard.pace(message.from);
      if (pace.waitMs > 0) {
        if (pace.tell) await tellSlowedDown(store, message);
        runtime.metrics.slowedDown.inc();
        return void (await enqueueInbound(runtime.queues, [message], { delayMs: pace.waitMs }));
      }
      await processInbound(store, message, options);
      runtime.metrics.processing.observe((Date.now() - message.receivedAt.getTime()) / 1000);
    } catch (error) {
      runtime.logger.warn({ err: error, inboxId: message.inboxId }, 'processing a message of a batch failed: it continues as a job of its own');
      failed.push(message);
    }
  };
  await Promise.all(
    [...bySender.values()].map(async (lane) => {
      for (const data of lane) await slots(() => processOne(data));
    }),
  );
  if (failed.length > 0) await enqueueInbound(runtime.queues, failed);
}

/**
 * Sends messages at once, together (their claims, contact policy and receipts batched); one that
 * must wait (its provider's rate limit, a throttled provider) continues as a job of its own, with backoff.
 */
async function sendNow(runtime: Runtime, outboxIds: readonly string[], sending: Limiter): Promise<void> {
  // The messages go together (one claim for them all), weighing one place each among the process's sends in flight.
  const outcomes = await sending(() => Promise.all(outboxIds.map((id) => dispatch(runtime, id, { lastAttempt: false }))), outboxIds.length);
  await Promise.all(
    outboxIds.map((id, i) => {
      const outcome = outcomes[i]!;
      if (outcome === 'done') return undefined;
      if ('paced' in outcome) return enqueueOutbound(runtime.queues, [id], { delayMs: outcome.paced.waitMs, slot: outcome.paced.slot ?? undefined });
      return enqueueOutbound(runtime.queues, [id], { afterFirstAttempt: true, delayMs: outcome.retryInMs ?? undefined });
    }),
  );
}

/** What the router needs from the runtime: made once per worker. */
export function routerOptions(runtime: Runtime): RouterOptions {
  const { config, clock, understanding, metrics } = runtime;
  return {
    ...commandOptions(runtime),
    defaultCountry: config.defaultCountry,
    understanding,
    handoffIdleMinutes: config.handoffIdleMinutes,
    guard: runtime.guard,
    onReading: ({ understood }) => metrics.understood.inc({ outcome: understood.kind, intent: intentOf(understood) }),
    now: () => clock.now(),
  };
}

type SingleSend = Extract<OutboundJob, { outboxId: string }>;

async function dispatchJob(runtime: Runtime, job: Job<SingleSend>, token?: string): Promise<void> {
  const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
  const outcome = await dispatch(runtime, job.data.outboxId, { lastAttempt, slot: job.data.slot });
  if (outcome === 'done') return;
  if ('paced' in outcome && token) {
    // Waiting for its turn at the provider spends no attempt; a reserved slot is kept for the resumed job.
    await job.updateData({ outboxId: job.data.outboxId, ...(outcome.paced.slot ? { slot: outcome.paced.slot } : {}) });
    await job.moveToDelayed(Date.now() + outcome.paced.waitMs, token);
    throw new DelayedError();
  }
  if ('paced' in outcome) throw new Error(`outbox ${job.data.outboxId}: waiting for the provider's rate limit`);
  if (outcome.retryInMs !== null && token) {
    // The provider named the wait (Telegram's retry_after): wait exactly that, without spending an attempt.
    await job.moveToDelayed(Date.now() + outcome.retryInMs, token);
    throw new DelayedError();
  }
  throw new Error(`outbox ${job.data.outboxId}: provider asked to retry`); // BullMQ retries with exponential backoff
}

/** What became of a dispatch: done (sent, failed for good, held back by the contact policy), or to try again. */
export type DispatchOutcome = 'done' | { retryInMs: number | null } | { paced: { waitMs: number; slot: number | null } };

/** A reserved provider slot at most this far off is waited for in place; a later one goes back to the queue. */
const holdForSlotMs = 1000;

/**
 * Sends one outbox message through its transport, once: the claim (pending → sending) makes a
 * duplicate call a no-op, and holds back a proactive message the contact policy defers or cancels.
 * The message then takes its turn under the provider's rate limit (`slot`: a turn it reserved
 * before). A retry puts the message back to pending for a later attempt, after the wait the
 * provider named, if any.
 */
export async function dispatch(runtime: Runtime, outboxId: string, options: { lastAttempt: boolean; slot?: number }): Promise<DispatchOutcome> {
  const { sql, metrics } = runtime;
  const message = await runtime.sends.claim(outboxId);
  if (!message) return 'done'; // sent or claimed already, or held back by the contact policy
  const sender = runtime.senders[message.transport];
  if (!sender) {
    await recordSendFailure(sql, message.id, 'failed', 'CHANNEL_OFF', `the ${message.transport} channel is not configured`);
    await runtime.live.publish([{ kind: 'out', id: message.id }]);
    metrics.outbound.inc({ channel: message.channel, status: 'failed' });
    return 'done';
  }
  const turn =
    options.slot === undefined
      ? await runtime.pace(message).catch(async (error: unknown) => {
          await releaseClaim(sql, message.id); // not sent: a retry may take it
          throw new Error(`outbox ${message.id}: no turn at the provider's rate limit`, { cause: error });
        })
      : { reserved: true, waitMs: Math.max(0, options.slot - Date.now()) };
  if (turn && turn.waitMs > 0) {
    if (!turn.reserved || turn.waitMs > holdForSlotMs) {
      await releaseClaim(sql, message.id);
      return { paced: { waitMs: turn.waitMs, slot: turn.reserved ? Date.now() + turn.waitMs : null } };
    }
    await new Promise((resolve) => setTimeout(resolve, turn.waitMs));
  }
  const callback = message.transport === 'twilio' ? `${runtime.config.publicUrl}/webhooks/twilio/status?outbox=${message.id}` : null;
  try {
    const receipt = await sender.send(message, callback);
    await runtime.sends.recordSent({ outboxId: message.id, receipt });
    metrics.outbound.inc({ channel: message.channel, status: receipt.status });
    return 'done';
  } catch (error) {
    if (!(error instanceof SendError)) {
      await recordSendFailure(sql, message.id, 'pending', 'INTERNAL', (error as Error).message);
      throw error;
    }
    const retry = error.kind === 'retry' && !options.lastAttempt;
    // What the provider said of the recipient is recorded first: whoever sees the message failed sees why.
    if (error.details.unreachable === 'opted-out') await runtime.store.contacts.setOptedOut(message.channel, message.to, true, `provider error ${error.code}`);
    if (error.details.unreachable === 'blocked' && isChatChannel(message.channel))
      await runtime.store.people.setChatBlocked(message.channel, chatUserId(message.to), true);
    // The provider may have it: settled with the provider after its listing delay (settleUnknownSends), never guessed.
    if (error.kind === 'unknown') await recordUnknownOutcome(sql, message.id, error.code, error.message);
    else await recordSendFailure(sql, message.id, retry ? 'pending' : 'failed', error.code, error.message);
    await runtime.live.publish([{ kind: 'out', id: message.id }]);
    if (!retry && error.kind !== 'unknown') {
      metrics.outbound.inc({ channel: message.channel, status: 'failed' });
      runtime.logger.warn({ outboxId, code: error.code, kind: error.kind, err: error }, 'send failed for good');
    }
    return retry ? { retryInMs: error.details.retryAfterMs ?? null } : 'done';
  }
}

/**
 * Re-enqueues what a crash left between a commit and its enqueue (work older than `minAgeSeconds`;
 * job ids make this idempotent), and gives the sends a dead process left sending an unknown outcome.
 * A live process has its answer or its timeout by `sendTimeoutMs` after the claim (its rate-limit
 * wait is at most a second), so a send still marked sending 10 s after that is a dead one's; a live
 * one's late receipt is recorded all the same (recordSent takes it from any status), and the
 * settling sweep waits SETTLE_AFTER_SECONDS more before it asks the provider. Scheduled messages are releaseDue's.
 */
export async function recoverUnfinished(runtime: Runtime, minAgeSeconds = 30): Promise<{ inbound: number; outbound: number; abandoned: number }> {
  const abandoned = await abandonStuckSends(runtime.sql, (sendTimeoutMs + abandonMarginMs) / 1000);
  // Only what cannot be waiting in the queue: a backlog older than the minimum age is not lost work (its
  // messages put back each as a job of its own were processed twice over, the second time for nothing).
  const work = await unfinishedWork(runtime.sql, minAgeSeconds, await oldestQueued(runtime.queues.inbound));
  if (work.inbound.length > 0) await enqueueInbound(runtime.queues, work.inbound);
  await enqueueOutbound(runtime.queues, work.outboxIds);
  if (abandoned || work.inbound.length || work.outboxIds.length) {
    runtime.logger.warn({ abandoned, inbound: work.inbound.length, outbound: work.outboxIds.length }, 'recovered unfinished work');
  }
  return { inbound: work.inbound.length, outbound: work.outboxIds.length, abandoned };
}

/** Enqueues the scheduled messages whose time has come (their recipients' windows opened). */
export async function releaseDue(runtime: Runtime): Promise<number> {
  const now = runtime.clock.now();
  let released = 0;
  const queuedSince = await oldestQueued(runtime.queues.outbound);
  for (
    let page = await releaseDueMessages(runtime.sql, now, undefined, queuedSince);
    page.length > 0;
    page = await releaseDueMessages(runtime.sql, now, undefined, queuedSince)
  ) {
    await enqueueBatches(runtime.queues, page);
    released += page.length;
  }
  return released;
}
