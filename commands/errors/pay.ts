import type { ErrorTexts } from './types';

/** PAY (domain/pay.ts). */
export const payErrors: ErrorTexts<'PAY.NO_PLAN'> = {
  'PAY.NO_PLAN': {
    en: (error) => `You have no incentive plan for ${error.month}. Ask your supervisor.`,
    zh: (error) => `您 ${error.month} 没有激励方案，请联系督导。`,
  },
};
