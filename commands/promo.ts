import { DateTime } from 'luxon';
import type { Language } from '../domain/people';
import type { Promotion } from '../domain/promotions';
import { fail, ok } from '../domain/result';
import type { Command } from './command';

/** PROMO (促销, 活动): the promotions running today at the promoter's stores, their SKUs and last day. */
export const promo: Command<Record<string, never>, { promotions: Promotion[]; stores: string[] }> = {
  keyword: 'PROMO',
  aliases: ['促销', '活动', 'CX'],
  roles: ['promoter'],
  usage: { en: 'PROMO', zh: '促销' },
  parse: (args) => (args.length === 0 ? ok({}) : fail({ code: 'USAGE' })),
  async handle({ store, person, now, timezone }) {
    const stores = (await store.attendance.assignedStores(person!.id)).map((s) => s.code);
    const today = DateTime.fromJSDate(now, { zone: timezone }).toISODate()!;
    return ok({ promotions: stores.length > 0 ? await store.promotions.runningAt(stores, today) : [], stores });
  },
  render: { en: (answer) => promoText(answer, 'en'), zh: (answer) => promoText(answer, 'zh') },
};

function promoText({ promotions, stores }: { promotions: Promotion[]; stores: string[] }, language: Language): string {
  const zh = language === 'zh';
  if (promotions.length === 0) return zh ? '您的门店目前没有促销活动。' : 'No promotion is running at your stores now.';
  const one = (p: Promotion) => {
    const here = p.stores.filter((s) => stores.includes(s)).join(zh ? '、' : ', ');
    return zh
      ? `${p.code} ${p.name}（${p.skus.join('、')}）${here}，至 ${p.to.slice(5)}`
      : `${p.code} ${p.name} (${p.skus.join(', ')}) at ${here}, to ${p.to.slice(5)}`;
  };
  return zh ? `当前促销：${promotions.map(one).join('；')}。` : `Promotions now: ${promotions.map(one).join('; ')}.`;
}
