import { fail, ok } from '../domain/result';
import type { AnyCommand, Command } from './command';
import { isCode } from './lexer';

type HelpAnswer = { list: readonly AnyCommand[] } | { one: AnyCommand };

/** HELP [command]: the commands this sender's role may use, in one segment; or one command's usage. */
export const help: Command<{ topic: string | null }, HelpAnswer> = {
  keyword: 'HELP',
  aliases: ['帮助', '?'],
  roles: 'everyone',
  usage: { en: 'HELP [command]', zh: '帮助 [指令]' },
  // A topic is a command word (`HELP STOCK`, `帮助 库存`); `帮助我查一下订单` is a sentence.
  parse: ([topic, ...extra]) =>
    extra.length === 0 && (topic === undefined || isCode(topic.replace(/^[#/]/, '')) || [...topic].length <= 3)
      ? ok({ topic: topic ?? null })
      : fail({ code: 'USAGE' }),
  async handle({ available }, { topic }) {
    const wanted = topic?.replace(/^[#/]/, '').toLowerCase();
    const one = wanted ? available.find((c) => c.keyword.toLowerCase() === wanted || c.aliases.includes(wanted)) : undefined;
    return ok(one ? { one } : { list: available });
  },
  render: {
    en: (answer) =>
      'one' in answer ? answer.one.usage.en : `Commands: ${keywords(answer.list, 'en')}. HELP ${example(answer.list, 'en')} for details. STOP to opt out.`,
    zh: (answer) =>
      'one' in answer ? answer.one.usage.zh : `可用指令：${keywords(answer.list, 'zh')}。发送 帮助 ${example(answer.list, 'zh')} 查看用法，退订 停止通知。`,
  },
};

const shown = (list: readonly AnyCommand[]) => list.filter((c) => c.keyword !== 'HELP' && c.listed !== false);
/** How a command is written for a reader: its English keyword, or its first Chinese alias. */
export const wordFor = (c: AnyCommand, language: 'en' | 'zh'): string => (language === 'en' ? c.keyword : (c.aliases[0] ?? c.keyword));

/** The listed commands: their English keywords, or their first Chinese alias. */
function keywords(list: readonly AnyCommand[], language: 'en' | 'zh'): string {
  return shown(list)
    .map((c) => wordFor(c, language))
    .join(language === 'en' ? ', ' : '、');
}

/** The command the HELP hint names: the sender's first (STOCK for most), so it is one they may use. */
const example = (list: readonly AnyCommand[], language: 'en' | 'zh'): string =>
  shown(list)[0] ? wordFor(shown(list)[0]!, language) : language === 'en' ? 'LANG' : '语言';
