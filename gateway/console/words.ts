import type { Language } from '../../domain/people';

/** The console's own words, in both languages (the operator chooses; the sign-in page follows the browser until then). */
export const words = {
  en: {
    title: 'fieldline console',
    signIn: 'Sign in',
    email: 'Email',
    password: 'Password',
    signInFailed: 'Wrong email or password.',
    tooMany: 'Too many attempts: wait a few minutes and try again.',
    signedInAs: 'Signed in as',
    role: { admin: 'admin', operator: 'operator', viewer: 'viewer' },
    actingAs: 'acting as',
    signOut: 'Sign out',
    language: '中文',
    home: 'Home',
    apiReference: 'API reference',
    welcome: 'The console shows what the network says and lets you step in. Its views arrive one by one; until then the API reference lists every action.',
  },
  zh: {
    title: 'fieldline 控制台',
    signIn: '登录',
    email: '邮箱',
    password: '密码',
    signInFailed: '邮箱或密码错误。',
    tooMany: '尝试次数过多，请几分钟后再试。',
    signedInAs: '当前登录',
    role: { admin: '管理员', operator: '操作员', viewer: '只读' },
    actingAs: '代表',
    signOut: '退出',
    language: 'English',
    home: '首页',
    apiReference: 'API 文档',
    welcome: '控制台显示网络中的消息，并让您随时介入。各视图将陆续上线；在此之前，API 文档列出了所有操作。',
  },
} satisfies Record<Language, unknown>;

export type Words = (typeof words)['en'];

/** The language of a page: the operator's choice (a cookie), else the browser's first preference. */
export function pageLanguage(cookie: string | undefined, acceptLanguage: string | undefined): Language {
  if (cookie === 'zh' || cookie === 'en') return cookie;
  return /^zh\b/i.test(acceptLanguage ?? '') ? 'zh' : 'en';
}
