import type { ErrorTexts } from './types';

/** Refusals many commands share: an unknown product or warehouse, a quantity or a date not as written, a person not known. */
export const sharedErrors: ErrorTexts<
  'SKU.UNKNOWN' | 'WAREHOUSE.UNKNOWN' | 'QTY.INVALID' | 'QTY.MISSING' | 'USAGE' | 'DATE.INVALID' | 'DATE.FUTURE' | 'DATE.TOO_OLD' | 'PERSON.NOT_FOUND'
> = {
  'SKU.UNKNOWN': {
    en: (error) => `Unknown product ${error.sku}.` + (error.suggestions.length ? ` Did you mean ${error.suggestions.join(', ')}?` : ''),
    zh: (error) => `没有产品 ${error.sku}。` + (error.suggestions.length ? `您是指 ${error.suggestions.join('、')}？` : ''),
  },
  'WAREHOUSE.UNKNOWN': {
    en: (error) => `Unknown warehouse ${error.warehouse}. Known: ${error.known.join(', ')}.`,
    zh: (error) => `没有仓库 ${error.warehouse}。可选：${error.known.join('、')}。`,
  },
  'QTY.INVALID': {
    en: (error) => `${error.token} is not a quantity: use a whole number above 0.`,
    zh: (error) => `${error.token} 不是有效数量，请用大于 0 的整数。`,
  },
  'QTY.MISSING': {
    en: (error) => `How many ${error.sku}? Put the quantity after it, e.g. ${error.sku} 5.`,
    zh: (error) => `${error.sku} 要多少？请在后面写数量，如 ${error.sku} 5。`,
  },
  USAGE: {
    en: (_error) => 'That command is incomplete. Send HELP.',
    zh: (_error) => '指令不完整，发送 帮助 查看用法。',
  },
  'DATE.INVALID': {
    en: (_error) => 'That date does not exist. Write it as 11-22, 22/11, 2026-11-22, today or yesterday.',
    zh: (_error) => '日期无效。请写成 11-22、22/11、2026-11-22、今天 或 昨天。',
  },
  'DATE.FUTURE': {
    en: (error) => `${error.day} is in the future.`,
    zh: (error) => `${error.day} 尚未到来。`,
  },
  'DATE.TOO_OLD': {
    en: (error) => `${error.day} is more than ${error.maxDays} days ago: ask your supervisor to correct it.`,
    zh: (error) => `${error.day} 已超过 ${error.maxDays} 天，请联系督导更正。`,
  },
  'PERSON.NOT_FOUND': {
    en: (error) => `No person ${error.id}.`,
    zh: (error) => `没有人员 ${error.id}。`,
  },
};
