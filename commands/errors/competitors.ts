import type { ErrorTexts } from './types';

/** The shop floor's refusals: competitor sightings (domain/competitors.ts; nothing is stored after either) and promotions. */
export const competitorErrors: ErrorTexts<'COMP.UNKNOWN_BRAND' | 'COMP.UNKNOWN_MODEL' | 'PROMO.NOT_FOUND'> = {
  'PROMO.NOT_FOUND': { en: (e) => `There is no promotion ${e.promotion}.`, zh: (e) => `没有促销活动 ${e.promotion}。` },
  'COMP.UNKNOWN_BRAND': {
    en: (e) => `Unknown brand ${e.brand}.` + (e.suggestions.length ? ` Did you mean ${e.suggestions.join(', ')}?` : ''),
    zh: (e) => `没有品牌 ${e.brand}。` + (e.suggestions.length ? `您是指 ${e.suggestions.join('、')}？` : ''),
  },
  'COMP.UNKNOWN_MODEL': {
    en: (e) => `${e.brand} has no model ${e.model}.` + (e.suggestions.length ? ` Did you mean ${e.suggestions.join(', ')}?` : ''),
    zh: (e) => `${e.brand} 没有型号 ${e.model}。` + (e.suggestions.length ? `您是指 ${e.suggestions.join('、')}？` : ''),
  },
};
