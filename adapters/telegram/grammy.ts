/**
 * grammY, required on first use: a gateway without Telegram (TELEGRAM_BOT_TOKEN unset) never loads
 * it (about 4 MB of heap and its code in every process).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded lazily on purpose
export const grammy = (): typeof import('grammy') => require('grammy') as typeof import('grammy');
