import type { ErrorTexts } from './types';

/** A conversation taken over from the console (commands/handoff.ts). */
export const handoffErrors: ErrorTexts<'HANDOFF.HELD' | 'HANDOFF.NOT_HELD' | 'REPLY.EMPTY' | 'REPLY.TOO_LONG' | 'REPLY.OPTED_OUT'> = {
  'HANDOFF.HELD': {
    en: (_error) => 'Another operator is answering this conversation.',
    zh: (_error) => '另一位操作员正在处理此对话。',
  },
  'HANDOFF.NOT_HELD': {
    en: (_error) => 'You do not hold this conversation: take it over first.',
    zh: (_error) => '您未接管此对话，请先接管。',
  },
  'REPLY.EMPTY': {
    en: (_error) => 'The reply is empty.',
    zh: (_error) => '回复内容为空。',
  },
  'REPLY.TOO_LONG': {
    en: (error) => `The reply has ${error.length} characters; at most ${error.max} go in one message on this channel.`,
    zh: (error) => `回复共 ${error.length} 个字符，此渠道一条消息最多 ${error.max} 个字符。`,
  },
  'REPLY.OPTED_OUT': {
    en: (error) => `This person opted out of ${error.channel} messages (STOP): no reply can be sent there.`,
    zh: (error) => `此人已退订 ${error.channel} 消息（退订），无法在此渠道回复。`,
  },
};
