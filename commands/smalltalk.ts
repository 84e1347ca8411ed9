import { ok } from '../domain/result';
import type { Command } from './command';
import type { SocialIntent } from './understanding/intents';

type Answer = { intent: SocialIntent; name: string; pending: boolean };

/**
 * A greeting, thanks, a goodbye or chat, understood from free text: a short friendly answer, never
 * an error. A yes or no in other words ("sure", "不用了") is no answer to a question: it says which
 * word is. Not in the alias table: the router chooses it.
 */
export const smalltalk: Command<{ intent: SocialIntent }, Answer> = {
  keyword: 'HELP',
  aliases: [],
  roles: 'everyone',
  listed: false,
  usage: { en: 'HELP', zh: '帮助' },
  parse: ([intent]) => ok({ intent: intent as SocialIntent }),
  handle: async ({ person, now }, { intent }) => ok({ intent, name: person!.name, pending: person!.dialogExpiresAt !== null && person!.dialogExpiresAt > now }),
  render: {
    en: (answer) => words.en(answer)[answer.intent],
    zh: (answer) => words.zh(answer)[answer.intent],
  },
};

/** The answers, per language; yes and no in other words both get the word that answers. */
const words: Record<'en' | 'zh', (answer: Answer) => Record<SocialIntent, string>> = {
  en: ({ name, pending }) => {
    const answerWith = pending ? 'To answer my question, reply YES or NO.' : 'There is nothing to confirm. Send HELP for your commands.';
    return {
      greeting: `Hello ${name}! Ask me about stock, prices or your orders, or send HELP.`,
      thanks: "You're welcome!",
      goodbye: 'Goodbye, talk soon!',
      smalltalk: "I'm fieldline's assistant for the sales team. Send HELP to see what I can do.",
      yes: answerWith,
      no: answerWith,
    };
  },
  zh: ({ name, pending }) => {
    const answerWith = pending ? '请回复 是 或 否 来回答。' : '没有待确认的事项。发送 帮助 查看可用指令。';
    return {
      greeting: `${name}，您好！可以问我库存、价格或订单，或发送 帮助。`,
      thanks: '不客气！',
      goodbye: '再见！',
      smalltalk: '我是 fieldline 销售助手。发送 帮助 查看我能做什么。',
      yes: answerWith,
      no: answerWith,
    };
  },
};
