import type { Channel } from '../domain/channels';
import type { ProactiveKind } from '../domain/messages';
import type { CompetitorPolicy } from '../domain/competitors';
import type { SessionPolicy } from '../domain/operators';
import type { CountryCode } from 'libphonenumber-js';
import type { TrafficLimits } from '../adapters/queue/trafficGuard';
import type { ContactPolicy, SendWindow } from '../domain/contactPolicy';
import type { DunningStep } from '../domain/dunning';
import { envSchema } from './configSchema';

/** The gateway's configuration, read from the environment (`envSchema`, exactly as interfaces.md lists it). */
export interface Config {
  port: number;
  publicUrl: string;
  databaseUrl: string | null;
  /** a read replica of the primary: the reports (figures over many rows) read it */
  databaseReplicaUrl: string | null;
  dataDir: string;
  redisUrl: string;
  queuePrefix: string;
  adminApiKey: string | null;
  twilio: { accountSid: string; authToken: string; from?: string; messagingServiceSid?: string; apiBaseUrl: string } | null;
  telegram: { botToken: string; webhookSecret: string; apiRoot: string; mode: 'webhook' | 'polling' } | null;
  /** a WeChat Official Account; `encodingAesKey` set: its messages are encrypted (安全模式) */
  wechat: {
    appId: string;
    appSecret: string;
    token: string;
    encodingAesKey: string | null;
    apiRoot: string;
    templates: Partial<Record<ProactiveKind, string>>;
  } | null;
  defaultTimezone: string;
  defaultCountry: CountryCode;
  processRole: 'all' | 'web' | 'worker';
  orderPolicy: { approvalAbove: number; maxQty: number };
  /** days after delivery a dealer may ask to return goods (RETURN_WINDOW_DAYS) */
  returnPolicy: { windowDays: number };
  inboundConcurrency: number;
  outboundConcurrency: number;
  logLevel: string;
  /** sell-out reports: outliers above this multiple of the promoter's daily average; at most this many days old */
  sellOut: { outlierMultiple: number; maxAgeDays: number };
  competitors: CompetitorPolicy;
  /** deliveries: the arrival radius around a stop, and the bounds of the speed an ETA assumes */
  delivery: { arrivalRadiusM: number; minSpeedKmh: number; maxSpeedKmh: number };
  /** a check-in farther than this from its store is flagged for the supervisor */
  checkInMaxDistanceM: number;
  /** a conversation taken over from the console goes back to the bot after this long without an operator reply */
  handoffIdleMinutes: number;
  /** a send whose outcome is unknown is settled with the provider this long after its attempt (the provider's listing delay) */
  settleAfterSeconds: number;
  /** quiet hours per kind and the daily cap, in each recipient's own time zone */
  contactPolicy: ContactPolicy & { defaultTimezone: string };
  dunningLadder: DunningStep[];
  alertEscalateAfterMs: number;
  stockAlertOwner: string | null;
  /** sends per second; 0: no limit */
  rates: { twilio: number; telegram: number; telegramChat: number };
  smsPrice: { perSegment: number; currency: string };
  /** a broadcast's text may be this many SMS segments at most (BROADCAST_MAX_SEGMENTS) */
  broadcastMaxSegments: number;
  /** when each recurring job runs (BullMQ job schedulers); null: not scheduled */
  schedules: Record<
    'dunning' | 'birthdays' | 'alert-escalation' | 'checkin-reminders' | 'sales-reminders' | 'stale-vehicles' | 'statements' | 'rebates',
    { pattern: string; tz?: string } | null
  >;
  vehicles: { staleAfterMs: number; workingHours: SendWindow };
  /** hours from filing by which a ticket must be started, by priority */
  ticketTargetsHours: Record<'normal' | 'urgent', number>;
  competitorAlertShare: number;
  promoterDay: { shiftStart: number; graceMinutes: number; salesReminderAt: number };
  /** free-text understanding: the trained model's file, and the confidence a guess needs to count (null: the calibrated one per family) */
  nlu: { modelFile: string; confidence: number | null };
  /** operators' sessions: idle and absolute lifetimes */
  sessions: SessionPolicy;
  /** sign-in attempts allowed per account and per address within the window */
  signIn: { perAccount: number; perAddress: number; windowSeconds: number };
  /** what the traffic guard holds back (0: no limit) */
  traffic: TrafficLimits;
}

export class ConfigError extends Error {}

/** The channels this gateway can send on: those with a provider configured. */
export const reachableChannels = (config: Config): Channel[] => [
  ...(config.twilio ? ['sms' as const] : []),
  ...(config.telegram ? ['telegram' as const] : []),
  ...(config.wechat ? ['wechat' as const] : []),
];

const withZone = (s: { pattern: string; tz?: string } | null, zone: string) => s && { pattern: s.pattern, tz: s.tz ?? zone };

/** Reads and validates the environment; a bad variable is one line naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable counts as unset, as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? 'environment');
    const value = present[name];
    throw new ConfigError(`${name} ${value === undefined ? 'is missing' : 'is malformed'}: ${issue.message}`);
  }
  const e = parsed.data;
  return {
    port: e.PORT,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    databaseUrl: e.DATABASE_URL ?? null,
    databaseReplicaUrl: e.DATABASE_REPLICA_URL ?? null,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.QUEUE_PREFIX,
    adminApiKey: e.ADMIN_API_KEY ?? null,
    twilio:
      e.TWILIO_ACCOUNT_SID && e.TWILIO_AUTH_TOKEN
        ? {
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN,
            from: e.TWILIO_FROM,
            messagingServiceSid: e.TWILIO_MESSAGING_SERVICE_SID,
            apiBaseUrl: e.TWILIO_API_BASE_URL,
          }
        : null,
    telegram:
      e.TELEGRAM_BOT_TOKEN && e.TELEGRAM_WEBHOOK_SECRET
        ? { botToken: e.TELEGRAM_BOT_TOKEN, webhookSecret: e.TELEGRAM_WEBHOOK_SECRET, apiRoot: e.TELEGRAM_API_ROOT, mode: e.TELEGRAM_MODE }
        : null,
    wechat:
      e.WECHAT_APP_ID && e.WECHAT_APP_SECRET && e.WECHAT_TOKEN
        ? {
            appId: e.WECHAT_APP_ID,
            appSecret: e.WECHAT_APP_SECRET,
            token: e.WECHAT_TOKEN,
            encodingAesKey: e.WECHAT_ENCODING_AES_KEY ?? null,
            apiRoot: e.WECHAT_API_ROOT,
            templates: e.WECHAT_TEMPLATES,
          }
        : null,
    defaultTimezone: e.DEFAULT_TIMEZONE,
    defaultCountry: e.DEFAULT_COUNTRY as CountryCode,
    processRole: e.PROCESS_ROLE,
    orderPolicy: { approvalAbove: e.ORDER_APPROVAL_ABOVE, maxQty: e.ORDER_MAX_QTY },
    returnPolicy: { windowDays: e.RETURN_WINDOW_DAYS },
    inboundConcurrency: e.INBOUND_CONCURRENCY,
    outboundConcurrency: e.OUTBOUND_CONCURRENCY,
    logLevel: e.LOG_LEVEL,
    checkInMaxDistanceM: e.CHECKIN_MAX_DISTANCE_M,
    handoffIdleMinutes: e.HANDOFF_IDLE_MINUTES,
    settleAfterSeconds: e.SETTLE_AFTER_SECONDS,
    delivery: {
      arrivalRadiusM: e.DELIVERY_ARRIVAL_RADIUS_M,
      minSpeedKmh: e.ETA_MIN_SPEED_KMH,
      maxSpeedKmh: Math.max(e.ETA_MIN_SPEED_KMH, e.ETA_MAX_SPEED_KMH),
    },
    sellOut: { outlierMultiple: e.SALES_OUTLIER_MULTIPLE, maxAgeDays: e.SALES_MAX_AGE_DAYS },
    competitors: { outlierShare: e.COMPETITOR_OUTLIER_PERCENT / 100, minSightings: 3, currency: 'CNY' },
    contactPolicy: { windows: e.SEND_WINDOWS, dailyCap: e.DAILY_MESSAGE_CAP, defaultTimezone: e.DEFAULT_TIMEZONE },
    dunningLadder: e.DUNNING_LADDER,
    alertEscalateAfterMs: e.ALERT_ESCALATE_AFTER_MINUTES * 60_000,
    stockAlertOwner: e.STOCK_ALERT_OWNER ?? null,
    rates: { twilio: e.RATE_TWILIO_PER_SECOND, telegram: e.RATE_TELEGRAM_PER_SECOND, telegramChat: e.RATE_TELEGRAM_CHAT_PER_SECOND },
    smsPrice: { perSegment: e.SMS_PRICE_PER_SEGMENT, currency: e.SMS_PRICE_CURRENCY },
    broadcastMaxSegments: e.BROADCAST_MAX_SEGMENTS,
    schedules: {
      dunning: withZone(e.DUNNING_SCHEDULE, e.DEFAULT_TIMEZONE),
      birthdays: withZone(e.BIRTHDAYS_SCHEDULE, e.DEFAULT_TIMEZONE),
      'alert-escalation': withZone(e.ALERT_ESCALATION_SCHEDULE, e.DEFAULT_TIMEZONE),
      'checkin-reminders': withZone(e.CHECKIN_REMINDERS_SCHEDULE, e.DEFAULT_TIMEZONE),
      'sales-reminders': withZone(e.SALES_REMINDERS_SCHEDULE, e.DEFAULT_TIMEZONE),
      'stale-vehicles': withZone(e.STALE_VEHICLES_SCHEDULE, e.DEFAULT_TIMEZONE),
      statements: withZone(e.STATEMENTS_SCHEDULE, e.DEFAULT_TIMEZONE),
      rebates: withZone(e.REBATES_SCHEDULE, e.DEFAULT_TIMEZONE),
    },
    vehicles: { staleAfterMs: e.STALE_VEHICLE_MINUTES * 60_000, workingHours: e.DRIVER_WORKING_HOURS },
    ticketTargetsHours: e.TICKET_TARGET_HOURS,
    competitorAlertShare: e.COMPETITOR_ALERT_PERCENT / 100,
    promoterDay: { shiftStart: e.PROMOTER_SHIFT_START, graceMinutes: e.CHECKIN_GRACE_MINUTES, salesReminderAt: e.SALES_REMINDER_AT },
    nlu: { modelFile: e.NLU_MODEL_FILE, confidence: e.NLU_CONFIDENCE ?? null },
    sessions: { idleMs: e.SESSION_IDLE_MINUTES * 60_000, absoluteMs: e.SESSION_MAX_HOURS * 3600_000 },
    signIn: { perAccount: e.SIGN_IN_ATTEMPTS_PER_ACCOUNT, perAddress: e.SIGN_IN_ATTEMPTS_PER_ADDRESS, windowSeconds: e.SIGN_IN_WINDOW_MINUTES * 60 },
    traffic: {
      perSenderPerMinute: e.SENDER_MESSAGES_PER_MINUTE,
      repeatedText: e.REPEATED_TEXT_LIMIT,
      unregisteredPerNumber: e.UNREGISTERED_REPLIES_PER_HOUR,
      unregisteredPerPrefix: e.UNREGISTERED_REPLIES_PER_PREFIX_PER_HOUR,
    },
  };
}
