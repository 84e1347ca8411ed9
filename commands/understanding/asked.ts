/**
 * Questions a promoter asks about their own roster or promotions, read by their words without the
 * intent model (a `shift` intent made every English intent less sure of itself: CLINC150 −1.7 points):
 * `when is my next shift`, `我明天上班吗`, `any promotions at my store`, `店里有什么促销`. Only reads:
 * what they find is answered at once, as SHIFT or PROMO would be. Measured on the public corpora's
 * messages (tests/commands/understanding/asked.test.ts): none of them is read as either.
 */
const shiftWords = {
  en: /\b(my (next |upcoming )?shifts?|next shift|shift (roster|schedule|times?)|my (roster|rota)|when (do|am) i (work|on)|am i (working|on shift)\b.*\b(today|tomorrow|tonight|this week|next week|on (mon|tues|wednes|thurs|fri|satur|sun)day))/i,
  zh: /(班次|排班|(明天|今天|后天|周[一二三四五六日天]|星期[一二三四五六日天]|这周|下周)[^，。？?]{0,4}(要)?上班(吗|不|么|没)?|几点上班|哪(几)?天上班|什么时候上班|明天休息吗)/,
};
const promoWords = {
  en: /\b(promotions?|promos?)\b|\bon promotion\b/i,
  zh: /促销/,
};

export function askedAbout(text: string): 'shift' | 'promo' | null {
  if (shiftWords.en.test(text) || shiftWords.zh.test(text)) return 'shift';
  if (promoWords.en.test(text) || promoWords.zh.test(text)) return 'promo';
  return null;
}
