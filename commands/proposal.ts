import type { Keyboard } from '../domain/messages';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { busyWithDialog, propose } from '../dialogs/proposalDialog';
import type { AnyCommand, Command, Rendered } from './command';
import { wordFor } from './help';
import { commands, type CommandName } from './index';

type Proposed = { written: Record<Language, string>; saved: boolean };

/**
 * A command that would change data, understood from free text: never run, only proposed. It is
 * saved for YES, which runs it as typed; with another dialog open (an order waiting for its YES)
 * it is only named, for the person to send once that is answered. Not in the alias table: the
 * router chooses it.
 */
export const proposal: Command<{ command: CommandName; args: string[] }, Proposed> = {
  keyword: 'YES',
  aliases: [],
  roles: 'everyone',
  changesData: true,
  listed: false,
  usage: { en: 'YES', zh: '是' },
  parse: ([command, ...args]) => (command && command in commands ? ok({ command: command as CommandName, args }) : fail({ code: 'USAGE' })),
  async handle({ store, person, now }, { command, args }) {
    const proposed = commands[command] as AnyCommand;
    const written = { en: [proposed.keyword, ...args].join(' '), zh: [wordFor(proposed, 'zh'), ...args].join(' ') };
    if (busyWithDialog(person!, now)) return ok({ written, saved: false });
    await propose(store, person!, written.en, now);
    return ok({ written, saved: true });
  },
  render: {
    en: ({ written, saved }): string | Rendered =>
      saved ? { text: `Did you mean: ${written.en}? Reply YES to do it, NO to drop it.`, keyboard: proposalButtons('en') } : `Did you mean: ${written.en}? Answer your open question first (YES or NO), then send ${written.en}.`,
    zh: ({ written, saved }): string | Rendered =>
      saved ? { text: `您是想：${written.zh}？回复 是 执行，否 取消。`, keyboard: proposalButtons('zh') } : `您是想：${written.zh}？请先回复待确认的事项（是/否），再发送 ${written.zh}。`,
  },
};

/** NO to a proposal, which the router has taken already: nothing was done, and the reply says so. */
export const dropProposal: Command<{ command: string }, string> = {
  keyword: 'NO',
  aliases: [],
  roles: 'everyone',
  changesData: true,
  listed: false,
  usage: { en: 'NO', zh: '否' },
  parse: (words) => ok({ command: words.join(' ') }),
  handle: async (_context, { command }) => ok(command),
  render: { en: (command) => `OK, ${command} dropped: nothing was done.`, zh: (command) => `好的，已取消 ${command}，未做任何操作。` },
};

const proposalButtons = (language: Language): Keyboard => ({
  kind: 'choices',
  choices: language === 'zh' ? [{ label: '✅ 是', reply: 'YES' }, { label: '❌ 否', reply: 'NO' }] : [{ label: '✅ Yes', reply: 'YES' }, { label: '❌ No', reply: 'NO' }],
});
