import type { ErrorTexts } from './types';

/** Broadcasts' refusals (domain/broadcasts.ts): nothing is planned after any of them. */
export const broadcastsErrors: ErrorTexts<'BROADCAST.NO_AUDIENCE' | 'BROADCAST.NOBODY' | 'BROADCAST.NO_TEXT' | 'BROADCAST.TOO_LONG' | 'BROADCAST.SEND_AT'> = {
  'BROADCAST.NO_AUDIENCE': {
    en: () => 'Say who it is for: roles, regions, dealers, tiers, stores or people.',
    zh: () => '请指定发送对象：角色、区域、经销商、等级、门店或人员。',
  },
  'BROADCAST.NOBODY': {
    en: (error) => `Nobody in that audience can be reached${error.excluded > 0 ? ` (${error.excluded} opted out or without a channel)` : ''}.`,
    zh: (error) => `该范围内没有可送达的人${error.excluded > 0 ? `（${error.excluded} 人已退订或无可用渠道）` : ''}。`,
  },
  'BROADCAST.NO_TEXT': {
    en: (error) =>
      error.language === null
        ? 'The notice has no text.'
        : `${error.recipients ?? 'Some'} recipient${error.recipients === 1 ? '' : 's'} read ${error.language === 'zh' ? 'Chinese' : 'English'}: add the ${error.language === 'zh' ? 'Chinese' : 'English'} text.`,
    zh: (error) =>
      error.language === null
        ? '通知没有内容。'
        : `有 ${error.recipients ?? '部分'} 位收件人使用${error.language === 'zh' ? '中文' : '英文'}：请补充${error.language === 'zh' ? '中文' : '英文'}内容。`,
  },
  'BROADCAST.TOO_LONG': {
    en: (error) => `The ${error.language === 'zh' ? 'Chinese' : 'English'} text is ${error.segments} SMS segments; at most ${error.max}.`,
    zh: (error) => `${error.language === 'zh' ? '中文' : '英文'}内容为 ${error.segments} 条短信，最多 ${error.max} 条。`,
  },
  'BROADCAST.SEND_AT': {
    en: (error) => (error.reason === 'past' ? 'The send time has passed.' : 'The send time is more than 35 days ahead.'),
    zh: (error) => (error.reason === 'past' ? '发送时间已过。' : '发送时间超过 35 天之后。'),
  },
};
