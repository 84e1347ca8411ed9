import { fail, ok } from '../domain/result';
import type { Command } from './command';

/** START: opts back in. */
export const start: Command<Record<string, never>, { alreadySubscribed: boolean }> = {
  keyword: 'START',
  aliases: ['订阅', 'unstop'],
  roles: 'anyone',
  changesData: true,
  usage: { en: 'START', zh: '订阅' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  async handle({ store, message }) {
    const changed = await store.contacts.setOptedOut(message.channel, message.from, false, 'START');
    return ok({ alreadySubscribed: !changed });
  },
  render: {
    en: ({ alreadySubscribed }) => (alreadySubscribed ? 'You are subscribed. Reply STOP to opt out.' : 'You are subscribed again. Reply STOP to opt out.'),
    zh: ({ alreadySubscribed }) => (alreadySubscribed ? '您已订阅。回复 退订 可取消。' : '已恢复订阅。回复 退订 可取消。'),
  },
};
