import type { Keyboard } from '../domain/messages';
import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import { busyWithDialog, propose } from '../dialogs/proposalDialog';
import type { AnyCommand, Command, Rendered } from './command';
import { wordFor } from './help';
import { commands, type CommandName } from './index';
import { yesNoButtons } from './buttons';

type Proposed = { written: Record<Language, string>; saved: boolean };
type Named = { command: CommandName; args: string[] };

/** The command and its arguments, as the router names them: `['order', 'A100', '5']`. */
const named = ([command, ...args]: readonly string[]) =>
  command && command in commands ? ok({ command: command as CommandName, args }) : fail({ code: 'USAGE' as const });

/** What the router chooses rather than a person types: no alias, open to all, not listed by HELP. */
const chosenByRouter = (keyword: 'YES' | 'NO') => ({
  keyword,
  aliases: [],
  roles: 'everyone' as const,
  changesData: true,
  listed: false,
  usage: keyword === 'YES' ? { en: 'YES', zh: '是' } : { en: 'NO', zh: '否' },
});

/**
 * A command that would change data, understood from free text: never run, only proposed. It is
 * saved for YES, which runs it as typed; with another dialog open (an order waiting for its YES)
 * it is only named, for the person to send once that is answered.
 */
export const proposal: Command<Named, Proposed> = {
  ...chosenByRouter('YES'),
  parse: named,
  async handle({ store, person, now }, { command, args }) {
    const written = writtenIn(command, args);
    if (busyWithDialog(person!, now)) return ok({ written, saved: false });
    await propose(store, person!, written.en, now);
    return ok({ written, saved: true });
  },
  render: {
    en: ({ written, saved }): string | Rendered =>
      saved
        ? { text: `Did you mean: ${written.en}? Reply YES to do it, NO to drop it.`, keyboard: proposalButtons('en') }
        : `Did you mean: ${written.en}? Answer your open question first (YES or NO), then send ${written.en}.`,
    zh: ({ written, saved }): string | Rendered =>
      saved
        ? { text: `您是想：${written.zh}？回复 是 执行，否 取消。`, keyboard: proposalButtons('zh') }
        : `您是想：${written.zh}？请先回复待确认的事项（是/否），再发送 ${written.zh}。`,
  },
};

/** A command as each reader would write it: `ORDER A100 5`, `下单 A100 5`. */
function writtenIn(command: CommandName, args: readonly string[]): Record<Language, string> {
  const proposed = commands[command] as AnyCommand;
  return { en: [proposed.keyword, ...args].join(' '), zh: [wordFor(proposed, 'zh'), ...args].join(' ') };
}

/** NO to a proposal, which the router has taken already: nothing was done, and the reply says so. */
export const dropProposal: Command<Named, Record<Language, string>> = {
  ...chosenByRouter('NO'),
  parse: named,
  handle: async (_context, { command, args }) => ok(writtenIn(command, args)),
  render: { en: (written) => `OK, ${written.en} dropped: nothing was done.`, zh: (written) => `好的，已取消 ${written.zh}，未做任何操作。` },
};

/**
 * YES or NO read while a proposal waited, which another answer took first (a double tap): it
 * answered that proposal, so it answers nothing now, and never the dialog the first answer opened.
 */
export const proposalTaken: Command<Record<string, never>, null> = {
  ...chosenByRouter('YES'),
  parse: () => ok({}),
  handle: async () => fail({ code: 'DIALOG.NOTHING_PENDING' }),
  // Never rendered: the handler always refuses, and the refusal has its own words.
  render: { en: () => '', zh: () => '' },
};

const proposalButtons = (language: Language): Keyboard => (language === 'zh' ? yesNoButtons('✅ 是', '❌ 否') : yesNoButtons('✅ Yes', '❌ No'));
