import { fail, ok } from '../domain/result';
import type { Command } from './command';

/** STOP: no proactive message to this address on this channel until START. Confirms once, then silence. */
export const stop: Command<Record<string, never>, { optedOut: true }> = {
  keyword: 'STOP',
  aliases: ['退订', 'td', 'unsubscribe', '取消订阅'],
  roles: 'anyone',
  changesData: true,
  usage: { en: 'STOP', zh: '退订' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  async handle({ store, message }) {
    const changed = await store.contacts.setOptedOut(message.channel, message.from, true, 'STOP');
    return changed ? ok({ optedOut: true as const }) : { ok: true, silent: true };
  },
  render: {
    en: () => 'You will get no more notifications from fieldline. Reply START to subscribe again.',
    zh: () => '已退订，不再发送通知。回复 订阅 可恢复。',
  },
};
