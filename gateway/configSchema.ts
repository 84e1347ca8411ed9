import { z } from 'zod';
import { getCountries } from 'libphonenumber-js';
import { IANAZone } from 'luxon';
import { proactiveKinds, type ProactiveKind } from '../domain/messages';
import { parseSendWindows, parseWindow } from '../domain/contactPolicy';
import { defaultLadder, parseLadder } from '../domain/dunning';
import type { Result } from '../domain/result';

/** Configuration from the environment, exactly as interfaces.md lists it (plus a few extensions, documented in .env.example). */
const optional = z.string().trim().min(1).optional();
/** A value parsed by a domain parser: its refusal is the config error's message. */
const parsedBy = <T>(parse: (spec: string) => Result<T, string>, fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((spec, ctx) => {
      const parsed = parse(spec);
      if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.error });
      return parsed.ok ? parsed.value : (undefined as never);
    });
/** A cron pattern of five fields, optionally followed by the IANA time zone it runs in; `off` disables. */
const schedule = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((spec, ctx) => {
      if (spec.trim() === 'off') return null;
      const fields = spec.trim().split(/\s+/);
      const tz = fields.length === 6 ? fields.pop()! : undefined;
      if (fields.length !== 5 || !fields.every((f) => /^[\d*/,-]+$/.test(f)))
        ctx.addIssue({ code: 'custom', message: 'expected a cron pattern of five fields, then optionally a time zone, or off' });
      if (tz && !IANAZone.isValidZone(tz)) ctx.addIssue({ code: 'custom', message: `${tz} is not an IANA time zone` });
      return { pattern: fields.join(' '), tz };
    });
/** HH:MM as minutes after midnight. */
const timeOfDay = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(value.trim());
      if (!match) ctx.addIssue({ code: 'custom', message: 'expected HH:MM' });
      return match ? Number(match[1]) * 60 + Number(match[2]) : 0;
    });
const perSecond = (fallback: number) => z.coerce.number().min(0).max(10_000).default(fallback);
const url = z.string().url();

export const envSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    PUBLIC_URL: url.optional(),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected postgres://…')
      .optional(),
    DATABASE_REPLICA_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'expected postgres://…')
      .optional(),
    DATA_DIR: z.string().default('./data'),
    REDIS_URL: z
      .string()
      .regex(/^rediss?:\/\//, 'expected redis://…')
      .default('redis://127.0.0.1:6379'),
    // `{fieldline}`: a Redis Cluster hash tag, so that every key of the installation lands in one slot.
    QUEUE_PREFIX: z
      .string()
      .regex(/^(\{[\w-]+\}|[\w-]+)$/, 'letters, digits, _ and -, optionally in braces (a Redis Cluster hash tag)')
      .default('fieldline'),
    ADMIN_API_KEY: z.string().min(8, 'must be at least 8 characters').optional(),
    TWILIO_ACCOUNT_SID: z
      .string()
      .regex(/^AC\w{32}$/, 'expected AC followed by 32 characters')
      .optional(),
    TWILIO_AUTH_TOKEN: optional,
    TWILIO_FROM: optional,
    TWILIO_MESSAGING_SERVICE_SID: z
      .string()
      .regex(/^MG\w{32}$/, 'expected MG followed by 32 characters')
      .optional(),
    TWILIO_API_BASE_URL: url.default('https://api.twilio.com'),
    TELEGRAM_BOT_TOKEN: optional,
    TELEGRAM_WEBHOOK_SECRET: optional,
    TELEGRAM_API_ROOT: url.default('https://api.telegram.org'),
    TELEGRAM_MODE: z.enum(['webhook', 'polling']).default('webhook'),
    WECHAT_APP_ID: optional,
    WECHAT_APP_SECRET: optional,
    WECHAT_TOKEN: optional,
    WECHAT_ENCODING_AES_KEY: z
      .string()
      .regex(/^[A-Za-z0-9+/]{43}$/, 'expected the 43 characters WeChat shows as EncodingAESKey')
      .optional(),
    WECHAT_API_ROOT: url.default('https://api.weixin.qq.com'),
    // `dunning=TEMPLATE_ID,alert=TEMPLATE_ID`: the template message each proactive kind uses outside the 48-hour window.
    WECHAT_TEMPLATES: z
      .string()
      .default('')
      .transform((list, ctx) => {
        const templates: Partial<Record<ProactiveKind, string>> = {};
        for (const entry of list
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)) {
          const [kind, id] = entry.split('=').map((part) => part.trim());
          if (!kind || !id || !(proactiveKinds as readonly string[]).includes(kind)) {
            ctx.addIssue({ code: 'custom', message: `expected kind=TEMPLATE_ID with a kind among ${proactiveKinds.join(', ')}, got ${entry}` });
            return z.NEVER;
          }
          templates[kind as ProactiveKind] = id;
        }
        return templates;
      }),
    DEFAULT_TIMEZONE: z
      .string()
      .refine((tz) => IANAZone.isValidZone(tz), 'not an IANA time zone')
      .default('Asia/Shanghai'),
    DEFAULT_COUNTRY: z
      .string()
      .refine((c) => (getCountries() as string[]).includes(c), 'not an ISO 3166 country code')
      .default('CN'),
    PROCESS_ROLE: z.enum(['all', 'web', 'worker']).default('all'),
    ORDER_APPROVAL_ABOVE: z.coerce.number().nonnegative().default(50_000),
    RETURN_WINDOW_DAYS: z.coerce.number().int().min(0).max(3650).default(30),
    ORDER_MAX_QTY: z.coerce.number().int().positive().default(10_000),
    // 64: a worker's turns then share statements with more of each other's (fewer, larger batches); on the
    // benchmark's 2 cores end to end 1.2-1.6x the replies a second of 32, at a fifth to a third less CPU a message.
    INBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(64),
    OUTBOUND_CONCURRENCY: z.coerce.number().int().min(1).max(1000).default(32),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SALES_OUTLIER_MULTIPLE: z.coerce.number().min(1).max(1000).default(3),
    COMPETITOR_OUTLIER_PERCENT: z.coerce.number().min(1).max(1000).default(30),
    COMPETITOR_ALERT_PERCENT: z.coerce.number().min(1).max(100).default(10),
    SALES_MAX_AGE_DAYS: z.coerce.number().int().min(0).max(366).default(7),
    DELIVERY_ARRIVAL_RADIUS_M: z.coerce.number().int().min(10).max(10_000).default(200),
    ETA_MIN_SPEED_KMH: z.coerce.number().min(1).max(200).default(15),
    ETA_MAX_SPEED_KMH: z.coerce.number().min(1).max(300).default(60),
    CHECKIN_MAX_DISTANCE_M: z.coerce.number().int().min(10).max(100_000).default(500),
    HANDOFF_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    SETTLE_AFTER_SECONDS: z.coerce.number().min(0).max(3600).default(30),
    SEND_WINDOWS: parsedBy(parseSendWindows, '09:00-20:00'),
    DAILY_MESSAGE_CAP: z.coerce.number().int().min(0).max(1000).default(3),
    DUNNING_LADDER: parsedBy(parseLadder, defaultLadder),
    ALERT_ESCALATE_AFTER_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(120),
    STOCK_ALERT_OWNER: optional,
    RATE_TWILIO_PER_SECOND: perSecond(1),
    RATE_TELEGRAM_PER_SECOND: perSecond(30),
    RATE_TELEGRAM_CHAT_PER_SECOND: perSecond(1),
    SMS_PRICE_PER_SEGMENT: z.coerce.number().min(0).default(0.0083),
    BROADCAST_MAX_SEGMENTS: z.coerce.number().int().min(1).max(10).default(3),
    SMS_PRICE_CURRENCY: z
      .string()
      .regex(/^[A-Z]{3}$/, 'expected an ISO 4217 code')
      .default('USD'),
    DUNNING_SCHEDULE: schedule('0 9 * * *'),
    BIRTHDAYS_SCHEDULE: schedule('0 * * * *'),
    ALERT_ESCALATION_SCHEDULE: schedule('*/5 * * * *'),
    CHECKIN_REMINDERS_SCHEDULE: schedule('*/15 * * * *'),
    SALES_REMINDERS_SCHEDULE: schedule('*/15 * * * *'),
    STALE_VEHICLES_SCHEDULE: schedule('*/5 * * * *'),
    STATEMENTS_SCHEDULE: schedule('20 * * * *'),
    REBATES_SCHEDULE: schedule('40 * * * *'),
    TICKET_TARGET_HOURS: z
      .string()
      .default('normal=24,urgent=4')
      .transform((spec, ctx) => {
        const targets: Record<string, number> = { normal: 24, urgent: 4 };
        for (const part of spec
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean)) {
          const match = /^(normal|urgent)=(\d+(?:\.\d+)?)$/.exec(part);
          if (!match) ctx.addIssue({ code: 'custom', message: `"${part}" is not normal=H or urgent=H` });
          else targets[match[1]!] = Number(match[2]);
        }
        return targets as Record<'normal' | 'urgent', number>;
      }),
    STALE_VEHICLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(30),
    DRIVER_WORKING_HOURS: parsedBy(parseWindow, '08:00-20:00'),
    PROMOTER_SHIFT_START: timeOfDay('09:00'),
    CHECKIN_GRACE_MINUTES: z.coerce.number().int().min(0).max(720).default(30),
    SALES_REMINDER_AT: timeOfDay('21:00'),
    NLU_MODEL_FILE: z.string().trim().min(1).default('./data/nlu-model.json'),
    NLU_CONFIDENCE: z.coerce.number().min(0).max(1).optional(),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(1)
      .max(7 * 24 * 60)
      .default(30),
    SESSION_MAX_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .default(12),
    SIGN_IN_ATTEMPTS_PER_ACCOUNT: z.coerce.number().int().min(1).default(5),
    SIGN_IN_ATTEMPTS_PER_ADDRESS: z.coerce.number().int().min(1).default(20),
    SIGN_IN_WINDOW_MINUTES: z.coerce.number().int().min(1).default(15),
    SENDER_MESSAGES_PER_MINUTE: z.coerce.number().int().min(0).default(30),
    REPEATED_TEXT_LIMIT: z.coerce.number().int().min(0).default(5),
    UNREGISTERED_REPLIES_PER_HOUR: z.coerce.number().int().min(0).default(2),
    UNREGISTERED_REPLIES_PER_PREFIX_PER_HOUR: z.coerce.number().int().min(0).default(20),
  })
  .superRefine((env, ctx) => {
    if (env.DATABASE_REPLICA_URL && !env.DATABASE_URL)
      ctx.addIssue({ code: 'custom', path: ['DATABASE_REPLICA_URL'], message: 'a replica needs its primary: set DATABASE_URL too' });
    const twilioSet = [env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN].filter(Boolean).length;
    if (twilioSet === 1)
      ctx.addIssue({
        code: 'custom',
        path: [env.TWILIO_ACCOUNT_SID ? 'TWILIO_AUTH_TOKEN' : 'TWILIO_ACCOUNT_SID'],
        message: 'Twilio needs both TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN',
      });
    if (twilioSet === 2 && !env.TWILIO_FROM && !env.TWILIO_MESSAGING_SERVICE_SID) {
      ctx.addIssue({ code: 'custom', path: ['TWILIO_FROM'], message: 'set TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID to send SMS' });
    }
    const wechatSet = [env.WECHAT_APP_ID, env.WECHAT_APP_SECRET, env.WECHAT_TOKEN].filter(Boolean).length;
    if (wechatSet === 1 || wechatSet === 2)
      ctx.addIssue({ code: 'custom', path: ['WECHAT_TOKEN'], message: 'WeChat needs WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN together' });
    if (Boolean(env.TELEGRAM_BOT_TOKEN) !== Boolean(env.TELEGRAM_WEBHOOK_SECRET)) {
      ctx.addIssue({
        code: 'custom',
        path: [env.TELEGRAM_BOT_TOKEN ? 'TELEGRAM_WEBHOOK_SECRET' : 'TELEGRAM_BOT_TOKEN'],
        message: 'Telegram needs both TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET',
      });
    }
  });
