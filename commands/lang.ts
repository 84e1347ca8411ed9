import type { Language } from '../domain/people';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/** The words that name a reply language, as LANG takes them (and free text names them: `reply in english`, `用中文`). */
export const languageWords: Record<string, Language> = {
  en: 'en',
  english: 'en',
  英文: 'en',
  英语: 'en',
  zh: 'zh',
  cn: 'zh',
  chinese: 'zh',
  中文: 'zh',
  汉语: 'zh',
  普通话: 'zh',
};

/** LANG EN|ZH: the language of every later reply. */
export const lang: Command<{ language: Language }, { language: Language }> = {
  keyword: 'LANG',
  aliases: ['语言'],
  roles: 'everyone',
  changesData: true,
  usage: { en: 'LANG EN or LANG ZH', zh: '语言 中文 或 语言 英文' },
  parse([word, ...extra]) {
    const language = word ? languageWords[word.toLowerCase()] : undefined;
    return language && extra.length === 0 ? ok({ language }) : fail({ code: 'USAGE' });
  },
  async handle(context, { language }) {
    await context.store.people.setLanguage(context.person!.id, language);
    // The confirmation itself is already in the chosen language.
    context.language = language;
    return ok({ language });
  },
  render: {
    en: () => 'Replies will be in English. Send LANG ZH for Chinese.',
    zh: () => '以后用中文回复。发送 LANG EN 改用英文。',
  },
};
