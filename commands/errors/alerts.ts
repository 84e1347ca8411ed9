import type { ErrorTexts } from './types';

/** ACK (domain/alerts.ts). */
export const alertsErrors: ErrorTexts<'ALERT.NOT_FOUND' | 'ALERT.NOT_YOURS' | 'ALERT.CLOSED'> = {
  'ALERT.NOT_FOUND': {
    en: (error) => `No alert ${error.id}.`,
    zh: (error) => `没有预警 ${error.id}。`,
  },
  'ALERT.NOT_YOURS': {
    en: (error) => `Alert ${error.id} is not yours to acknowledge.`,
    zh: (error) => `预警 ${error.id} 不由您确认。`,
  },
  'ALERT.CLOSED': {
    en: (error) => `Alert ${error.id} was acknowledged or resolved already.`,
    zh: (error) => `预警 ${error.id} 已被确认或已解除。`,
  },
};
