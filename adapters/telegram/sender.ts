import type { Api } from 'grammy';
import { grammy } from './grammy';
import type { Keyboard } from '../../domain/messages';
import { notConnected, SendError, sendTimeoutMs, type MessageSender, type OutboxMessage, type SendReceipt } from '../../domain/ports';

export interface TelegramConfig {
  botToken: string;
  /** https://api.telegram.org, or a local test server */
  apiRoot: string;
}

/** The Bot API client, pointed at TELEGRAM_API_ROOT; a call gives up as a Twilio send does (grammY's default waits 500 s). */
export const telegramApi = (config: TelegramConfig): Api =>
  new (grammy().Api)(config.botToken, { apiRoot: config.apiRoot, timeoutSeconds: sendTimeoutMs / 1000 });

/** Sends chat messages through the Bot API's sendMessage (https://core.telegram.org/bots/api#sendmessage). */
export function telegramSender(api: Api): MessageSender {
  return {
    async send(message: OutboxMessage): Promise<SendReceipt> {
      const chatId = Number(message.to.replace(/^tg:/, ''));
      try {
        const sent = await api.sendMessage(chatId, message.text, message.keyboard ? { reply_markup: replyMarkup(message.keyboard) } : {});
        return { providerId: `${chatId}:${sent.message_id}`, status: 'sent' };
      } catch (error) {
        throw classify(error);
      }
    },
  };
}

function replyMarkup(keyboard: Keyboard) {
  switch (keyboard.kind) {
    case 'share-contact':
      return { keyboard: [[{ text: keyboard.label, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true };
    case 'choices':
      return { inline_keyboard: [keyboard.choices.map((choice) => ({ text: choice.label, callback_data: choice.reply }))] };
  }
}

/**
 * 429 names its wait in parameters.retry_after (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this);
 * 403 means the user blocked the bot; other 4xx will not succeed on a retry.
 */
function classify(error: unknown): SendError {
  if (error instanceof grammy().GrammyError) {
    const code = String(error.error_code);
    if (error.error_code === 429)
      return new SendError(error.description, 'retry', code, { retryAfterMs: (error.parameters.retry_after ?? 1) * 1000, cause: error });
    if (error.error_code >= 500) return new SendError(error.description, 'retry', code, { cause: error });
    return new SendError(error.description, 'permanent', code, { unreachable: error.error_code === 403 ? 'blocked' : undefined, cause: error });
  }
  const cause = error instanceof grammy().HttpError ? (error.error as { cause?: { code?: string } }) : null;
  const code = cause?.cause?.code ?? null;
  if (code && notConnected.has(code)) return new SendError(`Telegram unreachable: ${code}`, 'retry', code, { cause: error });
  return new SendError(`Telegram send outcome unknown: ${(error as Error).message}`, 'unknown', code ?? 'UNKNOWN_OUTCOME', { cause: error });
}
