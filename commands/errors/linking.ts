import type { ErrorTexts } from './types';

/** Linking a Telegram chat to a person (domain/linking.ts). */
export const linkingErrors: ErrorTexts<'LINK.NOT_OWN_CONTACT' | 'LINK.UNKNOWN_PHONE' | 'LINK.CODE_REFUSED'> = {
  'LINK.NOT_OWN_CONTACT': {
    en: (_error) => 'Please share your own contact with the button below; a forwarded contact cannot link this chat.',
    zh: (_error) => '请用下方按钮分享您本人的联系方式；转发他人的名片不能绑定。',
  },
  'LINK.UNKNOWN_PHONE': {
    en: (error) => `${error.phone} is not registered with fieldline. Please ask your sales manager to add you.`,
    zh: (error) => `${error.phone} 未在 fieldline 登记，请联系您的销售经理。`,
  },
  'LINK.CODE_REFUSED': {
    en: (error) =>
      error.reason === 'used'
        ? 'That link code was used already. Ask your manager for a new one.'
        : error.reason === 'expired'
          ? 'That link code has expired. Ask your manager for a new one.'
          : 'That link code is not known. Check it, or share your phone number with the button below.',
    zh: (error) =>
      error.reason === 'used'
        ? '此绑定码已被使用，请向经理索取新码。'
        : error.reason === 'expired'
          ? '此绑定码已过期，请向经理索取新码。'
          : '绑定码无效。请核对，或用下方按钮分享手机号。',
  },
};
