import express, { Router } from 'express';
import type { Update } from 'grammy/types';
import { grammy } from '../../adapters/telegram/grammy';
import type { IncomingMessage } from '../../adapters/db/messageLog';
import type { Language } from '../../domain/people';
import { HttpError, route, sameSecret, sendError } from '../http';
import type { Intake } from '../intake';
import type { Runtime } from '../runtime';

/**
 * Telegram's webhook: the secret token first (401, nothing stored), then one durable, idempotent
 * inbox row per update_id, then the same pipeline as SMS. An update we do not act on is answered
 * 200 with the reason, so Telegram does not retry it (courier's telegram handler).
 */
export function telegramRoutes(runtime: Runtime, intake: Intake): Router {
  const router = Router();
  const { config, metrics } = runtime;
  router.post(
    '/',
    (req, res, next) => {
      if (!config.telegram) return sendError(res, new HttpError(404, 'CHANNEL_OFF', 'the Telegram channel is not configured (TELEGRAM_BOT_TOKEN)'));
      // https://core.telegram.org/bots/api#setwebhook: secret_token arrives in this header on every call.
      if (!sameSecret(req.get('x-telegram-bot-api-secret-token') ?? '', config.telegram.webhookSecret)) {
        metrics.inbound.inc({ channel: 'telegram', outcome: 'bad_secret' });
        return sendError(res, new HttpError(401, 'BAD_SECRET', 'X-Telegram-Bot-Api-Secret-Token does not match'));
      }
      next();
    },
    express.json({ limit: '1mb' }),
    route(async (req, res) => {
      const update = req.body as Update;
      if (typeof update !== 'object' || update === null || !Number.isInteger(update.update_id)) {
        throw new HttpError(400, 'MALFORMED_BODY', 'expected a Telegram Update with an update_id');
      }
      const incoming = fromTelegramUpdate(update);
      if ('malformed' in incoming) throw new HttpError(400, 'MALFORMED_BODY', incoming.malformed);
      if ('ignored' in incoming) {
        metrics.inbound.inc({ channel: 'telegram', outcome: 'ignored' });
        return void res.json({ ignored: incoming.ignored });
      }
      const stored = await intake.accept(incoming);
      metrics.inbound.inc({ channel: 'telegram', outcome: stored.duplicate ? 'duplicate' : 'stored' });
      // The tapped button stops spinning now; the answer to what it sent follows as a message.
      if (update.callback_query && !stored.duplicate) void answerTap(runtime, update.callback_query.id);
      res.json({ ok: true });
    }),
  );
  return router;
}

async function answerTap(runtime: Runtime, callbackQueryId: string): Promise<void> {
  await runtime.telegram?.answerCallbackQuery(callbackQueryId).catch((error: unknown) => runtime.logger.warn({ err: error }, 'answerCallbackQuery failed'));
}

const languageOf = (code: string | undefined): Language | null => (code?.startsWith('zh') ? 'zh' : code?.startsWith('en') ? 'en' : null);

/**
 * One update as one inbox message: text and commands, a shared contact, or `/start CODE`; everything
 * else is ignored, with the reason. A body that only looks like an update (fields missing or of the
 * wrong types) is malformed, never an exception.
 */
export function fromTelegramUpdate(update: Update): IncomingMessage | { ignored: string } | { malformed: string } {
  try {
    const incoming = readUpdate(update);
    if ('ignored' in incoming) return incoming;
    if (typeof incoming.text !== 'string' || !/^tg:\d+$/.test(incoming.from)) return { malformed: 'the message has no text or sender of the right type' };
    return incoming;
  } catch (error) {
    return { malformed: `not a Telegram Update: ${(error as Error).message}` };
  }
}

function readUpdate(update: Update): IncomingMessage | { ignored: string } {
  const tap = update.callback_query;
  if (tap) {
    // A button under one of our messages sends its text back, as if typed (`YES`, `APPROVE 10001`).
    if (typeof tap.data !== 'string' || tap.message?.chat.type !== 'private') return { ignored: 'only buttons in private chats are handled' };
    return { channel: 'telegram', transport: 'telegram', externalId: String(update.update_id), from: `tg:${tap.from.id}`, to: null, text: tap.data };
  }
  // Each move of a live location arrives as an edit of its message; the last edit, without live_period, ends it.
  const edited = update.edited_message;
  if (edited?.location && !update.message) return locationMessage(update.update_id, edited, edited.location.live_period ? 'update' : 'end');
  const message = update.message;
  if (!message) return { ignored: `${Object.keys(update).find((key) => key !== 'update_id') ?? 'empty'} updates are not handled` };
  if (message.chat.type !== 'private') return { ignored: 'only private chats are served' };
  if (!message.from || message.from.is_bot) return { ignored: 'messages from bots are not handled' };
  const base = { channel: 'telegram', transport: 'telegram', externalId: String(update.update_id), from: `tg:${message.from.id}`, to: null } as const;
  const language = languageOf(message.from.language_code);
  if (message.contact) {
    const contactUserId = message.contact.user_id === undefined ? null : String(message.contact.user_id);
    return { ...base, text: '', payload: { kind: 'contact', phone: message.contact.phone_number, contactUserId, language } };
  }
  if (message.location) return locationMessage(update.update_id, message, message.location.live_period ? 'start' : null);
  // A photo keeps its largest size's file id; its caption is what the sender wrote (`FIX A100 …`).
  if (message.photo && message.photo.length > 0)
    return { ...base, text: message.caption ?? '', payload: { kind: 'photo', fileId: message.photo.at(-1)!.file_id } };
  if (typeof message.text !== 'string') return { ignored: 'only text messages, shared contacts and locations are handled' };
  // A deep link (t.me/bot?start=CODE) arrives as `/start CODE`.
  const deepLink = /^\/start(?:@\w+)?\s+(\S+)\s*$/.exec(message.text);
  if (deepLink) return { ...base, text: message.text, payload: { kind: 'link-code', code: deepLink[1]!, language } };
  return { ...base, text: message.text };
}

/** A location as text, the RFC 5870 `geo:` URI (what the message log shows and LOC reads), with its live state. */
function locationMessage(
  updateId: number,
  message: NonNullable<Update['message']>,
  live: 'start' | 'update' | 'end' | null,
): IncomingMessage | { ignored: string } {
  if (message.chat.type !== 'private') return { ignored: 'only private chats are served' };
  if (!message.from || message.from.is_bot) return { ignored: 'messages from bots are not handled' };
  const { latitude, longitude, horizontal_accuracy: accuracy, live_period: livePeriod } = message.location!;
  return {
    channel: 'telegram',
    transport: 'telegram',
    externalId: String(updateId),
    from: `tg:${message.from.id}`,
    to: null,
    text: `geo:${latitude},${longitude}${accuracy ? `;u=${accuracy}` : ''}`,
    payload: { kind: 'location', live, liveUntil: livePeriod ? new Date((message.date + livePeriod) * 1000).toISOString() : null },
  };
}

/**
 * TELEGRAM_MODE=polling, for a machine Telegram cannot call: grammY long-polls getUpdates and hands
 * each update to the same intake as the webhook. grammY confirms an update (the next offset) only
 * after the handler returned, so an update is stored before it is acknowledged.
 */
export async function startTelegramPolling(runtime: Runtime, intake: Intake): Promise<{ stop(): Promise<void> }> {
  const telegram = runtime.config.telegram!;
  const bot = new (grammy().Bot)(telegram.botToken, { client: { apiRoot: telegram.apiRoot } });
  bot.use(async (ctx) => {
    const incoming = fromTelegramUpdate(ctx.update);
    if ('malformed' in incoming) return runtime.logger.warn({ updateId: ctx.update.update_id, reason: incoming.malformed }, 'a polled update was malformed');
    if (!('ignored' in incoming)) await intake.accept(incoming);
  });
  bot.catch((error) => runtime.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, 'storing a polled Telegram update failed'));
  await bot.init();
  void bot.start({ allowed_updates: ['message', 'edited_message', 'callback_query'] });
  return { stop: () => bot.stop() };
}
