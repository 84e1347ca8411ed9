import type { Api } from 'grammy';
import type { TelegramConfig } from './sender';

/**
 * A file a chat sent (a ticket's photo), fetched from the Bot API: getFile gives its path, valid
 * for an hour, and the file is downloaded from `<apiRoot>/file/bot<token>/<path>`
 * (https://core.telegram.org/bots/api#getfile). Null when Telegram no longer has it.
 */
export async function telegramFile(api: Api, config: TelegramConfig, fileId: string): Promise<{ body: Buffer; type: string } | null> {
  const file = await api.getFile(fileId).catch(() => null);
  if (!file?.file_path) return null;
  const response = await fetch(`${config.apiRoot}/file/bot${config.botToken}/${file.file_path}`, { signal: AbortSignal.timeout(15_000) });
  if (!response.ok) return null;
  return { body: Buffer.from(await response.arrayBuffer()), type: response.headers.get('content-type') ?? 'image/jpeg' };
}
