import type { ErrorTexts } from './types';

/** SALES, and accepting a flagged report at the desk (domain/sellOut.ts). */
export const sellOutErrors: ErrorTexts<'SALES.WHICH_STORE' | 'SELL_OUT.NOT_FOUND' | 'SELL_OUT.REPLACED' | 'SELL_OUT.DECIDED'> = {
  'SALES.WHICH_STORE': {
    en: (error) => `Check in first (IN store-code) so we know which store: ${error.assigned.join(', ') || 'you have none assigned'}.`,
    zh: (error) => `请先签到（签到 门店编号）以确定门店：${error.assigned.join('、') || '您尚未分配门店'}。`,
  },
  'SELL_OUT.NOT_FOUND': {
    en: (error) => `No sell-out report ${error.id}.`,
    zh: (error) => `没有销量报告 ${error.id}。`,
  },
  'SELL_OUT.REPLACED': {
    en: (error) => `Report ${error.id} was replaced by a later report of the same day.`,
    zh: (error) => `报告 ${error.id} 已被同日的新报告取代。`,
  },
  'SELL_OUT.DECIDED': {
    en: (error) => `Report ${error.id} was ${error.decision} already; that decision stands.`,
    zh: (error) => `报告 ${error.id} 已${error.decision === 'accepted' ? '通过' : '驳回'}，以该决定为准。`,
  },
};
