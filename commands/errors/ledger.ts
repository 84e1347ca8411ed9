import type { ErrorTexts } from './types';

/** The dealer's account (domain/ledger.ts). */
export const ledgerErrors: ErrorTexts<'STATEMENT.NONE'> = {
  'STATEMENT.NONE': {
    en: () => 'No statement is waiting for your answer.',
    zh: () => '没有待您确认的对账单。',
  },
};
