import type { Handoff } from './handoffs';

export const roles = ['promoter', 'dealer', 'driver', 'customer', 'supervisor', 'manager', 'technician', 'admin'] as const;
export type Role = (typeof roles)[number];

export const languages = ['en', 'zh'] as const;
export type Language = (typeof languages)[number];

export interface Person {
  id: string;
  name: string;
  role: Role;
  phone: string | null;
  telegramId: string | null;
  /** the OpenID the WeChat Official Account sees */
  wechatId: string | null;
  /** null: not set in the profile nor by LANG; replies then follow the language the person wrote in. */
  language: Language | null;
  timezone: string | null;
  dealer: string | null;
  manager: string | null;
  /** a technician's service point */
  servicePoint: string | null;
  /** the person's Telegram chat blocked the bot (until they write again) */
  telegramBlocked: boolean;
  /** the person unsubscribed from the WeChat Official Account (until they write again) */
  wechatBlocked: boolean;
  /** when the person's open dialog expires, the step it waits in, and when that step began, if they have one */
  dialogExpiresAt: Date | null;
  dialogStep: string | null;
  dialogSince: Date | null;
  /** an operator holding the person's conversation from the console */
  handoff: Handoff | null;
}
