import { mkdirSync } from 'node:fs';
import type { Api } from 'grammy';
import type { Logger } from 'pino';
import { createLogger } from './logging';
import { createSchema, installationId, migrate } from '../adapters/db/migrate';
import { sqlOperatorReads } from '../adapters/db/reads';
import { sqlOperatorStore } from '../adapters/db/operatorStore';
import { argon2Passwords } from '../adapters/auth/passwords';
import { redisSignInLimits } from '../adapters/queue/signInLimits';
import type { OperatorStore, PasswordHasher, SignInLimits } from '../domain/operators';
import { sqlImporter } from '../adapters/db/importer';
import { sqlBroadcasts, type Broadcasts } from '../adapters/db/broadcastStore';
import { pgliteSql, postgresSql, type Sql } from '../adapters/db/sql';
import { sqlStore, type AfterCommit } from '../adapters/db/store';
import { pacer, type Pace, type PaceResult } from '../adapters/queue/pacing';
import { createQueues, enqueueBatches, enqueueOutbound, type Queues } from '../adapters/queue/queues';
import { redisLiveEvents, type LiveEvents } from '../adapters/queue/liveEvents';
import { redisTrafficGuard } from '../adapters/queue/trafficGuard';
import { simulatorSender } from '../adapters/sms/simulator';
import { twilioSender } from '../adapters/sms/twilio';
import { telegramApi, telegramSender } from '../adapters/telegram/sender';
import { wechatSender } from '../adapters/wechat/sender';
import { wechatTokens, type WechatTokens } from '../adapters/wechat/token';
import { wechatWindow, type WechatWindow } from '../adapters/wechat/window';
import type { GateDecision } from '../domain/contactPolicy';
import type { Transport } from '../domain/messages';
import type { Clock, ImportStore, MessageSender, OutboxMessage, SendReceipt, Store, TrafficGuard } from '../domain/ports';
import type { AttentionDesk, OperatorReads } from '../domain/reads';
import { sqlAttentionDesk } from '../adapters/db/attention';
import type { DeskOptions } from '../commands/deskActions';
import type { CommandOptions } from '../commands/commandContext';
import { reachableChannels } from './config';
import { turnBatcher } from '../adapters/db/batch';
import { claimForSending, recordSent } from '../adapters/db/messageLog';
import { loadIntentClassifier } from '../adapters/nlp/intentModel';
import { trainingCorpus } from '../commands/understanding/corpus';
import { thresholdsFor } from '../commands/understanding/thresholds';
import type { Understanding } from '../commands/understanding/understand';
import type { Config } from './config';
import { createMetrics, type Metrics } from './metrics';

/** Everything a request or a job needs, built once here and passed down (mailroom's runtime). */
export interface Runtime {
  config: Config;
  sql: Sql;
  /** commands' reads and writes; what a write queues in the outbox is enqueued after its commit */
  store: Store;
  /** the operators' listings and figures */
  reads: OperatorReads;
  /**
   * The reports: figures over many rows, on the read replica when DATABASE_REPLICA_URL names one
   * (a little behind the primary), else the primary. Listings an operator acts on read the primary.
   */
  reports: { reads: OperatorReads; sql: Sql };
  /** the console's Needs attention queue */
  attention: AttentionDesk;
  /** operator accounts, sessions, tokens, the audit log */
  operators: OperatorStore;
  passwords: PasswordHasher;
  signInLimits: SignInLimits;
  /** per-sender pace, loops with other robots, replies to unregistered numbers: shared by every worker */
  guard: TrafficGuard;
  importer: ImportStore;
  /** notices to the network: audiences, previews with their frozen recipients, planning, cancelling */
  broadcasts: Broadcasts;
  queues: Queues;
  /** what the console shows live: changes to messages and handoffs, through Redis to every process */
  live: LiveEvents;
  senders: Partial<Record<Transport, MessageSender>>;
  /** the Bot API client when Telegram is configured: the sender and the webhook's button answers share it */
  telegram: Api | null;
  /** when WeChat is configured: the access token every process shares, and each user's 48-hour window the webhook opens */
  wechat: { tokens: WechatTokens; window: WechatWindow } | null;
  /** the outbox updates around a send; those of concurrent sends share one statement */
  sends: {
    /** the message, if it is due and the contact policy lets it go now */
    claim(outboxId: string): Promise<OutboxMessage | null>;
    recordSent(sent: { outboxId: string; receipt: SendReceipt }): Promise<void>;
  };
  /** the provider rate limits: null when the message's transport has none */
  pace(message: OutboxMessage): Promise<PaceResult | null>;
  /**
   * Free-text understanding, loaded on first use (a worker warms it at start): the model file, or
   * the corpus trained when the file is missing or stale. The webhook path never calls it.
   */
  understanding(): Promise<Understanding>;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** the migrations this start applied; all of them on a fresh database */
  migrated: string[];
  close(): Promise<void>;
}

export interface RuntimeOverrides {
  /** tests: a PostgreSQL schema of their own */
  schema?: string;
  clock?: Clock;
  logger?: Logger;
}

export async function createRuntime(config: Config, overrides: RuntimeOverrides = {}): Promise<Runtime> {
  const sql = await openDatabase(config, overrides.schema);
  const replica = config.databaseReplicaUrl ? postgresSql(config.databaseReplicaUrl) : null;
  const migrated = await migrate(sql);
  const logger = overrides.logger ?? createLogger(config.logLevel);
  const queues = createQueues(
    config.redisUrl,
    config.queuePrefix,
    await installationId(sql),
    onceEvery(10_000, (error) => logger.warn({ err: error }, 'queue connection error')),
  );
  const senders: Runtime['senders'] = { simulator: simulatorSender() };
  if (config.twilio) senders.twilio = twilioSender(config.twilio);
  const telegram = config.telegram ? telegramApi(config.telegram) : null;
  if (telegram) senders.telegram = telegramSender(telegram);
  const clock = overrides.clock ?? { now: () => new Date() };
  const wechat = config.wechat
    ? {
        tokens: wechatTokens({ ...config.wechat, redis: queues.connection, prefix: queues.prefix }),
        window: wechatWindow(queues.connection, queues.prefix, () => clock.now().getTime()),
      }
    : null;
  if (config.wechat && wechat)
    senders.wechat = wechatSender({
      ...wechat,
      apiRoot: config.wechat.apiRoot,
      templates: config.wechat.templates,
      zone: config.defaultTimezone,
      now: clock.now,
    });
  const metrics = createMetrics(queues);
  let understanding: Promise<Understanding> | null = null;
  const loadUnderstanding = () =>
    loadIntentClassifier(config.nlu.modelFile, trainingCorpus(), logger)
      .then((classifier) => ({ classifier, thresholds: thresholdsFor(config.nlu.confidence) }))
      .catch((error: unknown) => {
        understanding = null; // the next message tries again
        throw new Error(`loading the NLU model ${config.nlu.modelFile}`, { cause: error });
      });
  const live = redisLiveEvents(queues.connection, queues.prefix, logger);
  const enqueue: AfterCommit = async ({ outboxIds, released, changes }) => {
    await Promise.all([
      enqueueOutbound(queues, outboxIds),
      enqueueBatches(queues, released),
      live.publish([...outboxIds.map((id) => ({ kind: 'out' as const, id })), ...changes]),
    ]);
  };
  const reads = sqlOperatorReads(sql);
  const countDecision = (kind: string, decision: GateDecision) =>
    metrics.contactPolicy.inc({ kind, decision: 'send' in decision ? 'sent' : 'defer' in decision ? 'deferred' : decision.cancel });
  return {
    config,
    sql,
    // Outside the worker, what a write queues in the outbox is enqueued once it commits.
    store: sqlStore(sql, enqueue, null, () => clock.now()),
    reads,
    reports: replica ? { reads: sqlOperatorReads(replica), sql: replica } : { reads, sql },
    attention: sqlAttentionDesk(sql),
    operators: sqlOperatorStore(sql),
    passwords: argon2Passwords(),
    signInLimits: redisSignInLimits(queues.connection, queues.prefix, config.signIn),
    guard: redisTrafficGuard(queues.connection, queues.prefix, config.traffic),
    importer: sqlImporter(sql, enqueue),
    broadcasts: sqlBroadcasts(sql),
    queues,
    live,
    senders,
    telegram,
    wechat,
    sends: {
      claim: turnBatcher((ids: readonly string[]) => claimForSending(sql, ids, clock.now(), config.contactPolicy, countDecision)),
      recordSent: turnBatcher(async (sent: readonly { outboxId: string; receipt: SendReceipt }[]) => {
        const recorded = await recordSent(sql, sent);
        void live.publish(sent.map(({ outboxId }) => ({ kind: 'out', id: outboxId }))); // never throws; the send does not wait for it
        return recorded;
      }),
    },
    pace: providerPacing(config, pacer(queues.connection, queues.prefix)),
    understanding: () => (understanding ??= loadUnderstanding()),
    clock,
    logger,
    metrics,
    migrated,
    async close() {
      live.close();
      await queues.close();
      await sql.close();
      await replica?.close();
    },
  };
}

export async function openDatabase(config: Config, schema?: string): Promise<Sql> {
  if (config.databaseUrl) {
    if (schema) {
      const admin = postgresSql(config.databaseUrl, { max: 1 });
      await createSchema(admin, schema);
      await admin.close();
    }
    return postgresSql(config.databaseUrl, { schema });
  }
  if (config.dataDir !== ':memory:') mkdirSync(config.dataDir, { recursive: true });
  return pgliteSql(config.dataDir === ':memory:' ? undefined : config.dataDir);
}

/** Calls `f` at most once per `ms` (a Redis outage raises an error per reconnect attempt and per queue). */
function onceEvery<T>(ms: number, f: (value: T) => void): (value: T) => void {
  let last = 0;
  return (value) => {
    if (Date.now() - last < ms) return;
    last = Date.now();
    f(value);
  };
}

/** The limits each transport's messages observe (config.rates, per second; 0: none). */
function providerPacing(config: Config, reserve: ReturnType<typeof pacer>): Runtime['pace'] {
  const every = (perSecond: number, key: string): Pace | null => (perSecond > 0 ? { key, intervalMs: 1000 / perSecond } : null);
  const twilioSender = config.twilio ? every(config.rates.twilio, `twilio:${config.twilio.from ?? config.twilio.messagingServiceSid}`) : null;
  const telegramBot = every(config.rates.telegram, 'telegram');
  return async (message) => {
    const paces =
      message.transport === 'twilio'
        ? [twilioSender]
        : message.transport === 'telegram'
          ? [telegramBot, every(config.rates.telegramChat, `telegram:${message.to}`)]
          : [];
    const [first, second] = paces.filter((p): p is Pace => p !== null);
    return first ? reserve(first, second) : null;
  };
}

/** What a desk action needs to know: where notices may go, the default zone, the time. */
export const deskOptions = ({ config, clock }: Runtime): DeskOptions => ({
  reachable: reachableChannels(config),
  defaultTimezone: config.defaultTimezone,
  now: clock.now(),
});

/** What commands need from the configuration, by SMS or at the desk. */
export const commandOptions = ({ config }: Runtime): CommandOptions => ({
  defaultTimezone: config.defaultTimezone,
  policy: config.orderPolicy,
  returns: config.returnPolicy,
  attendance: { maxDistanceM: config.checkInMaxDistanceM, defaultTimezone: config.defaultTimezone, graceMinutes: config.promoterDay.graceMinutes },
  sellOut: config.sellOut,
  competitors: config.competitors,
  delivery: config.delivery,
  reachable: reachableChannels(config),
  broadcast: {
    policy: config.contactPolicy,
    pricePerSegment: config.smsPrice.perSegment,
    currency: config.smsPrice.currency,
    smsPerSecond: config.rates.twilio,
    maxSegments: config.broadcastMaxSegments,
  },
});
