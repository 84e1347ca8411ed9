import type { ErrorTexts } from './types';

/** IN and OUT, VISIT (domain/attendance.ts). */
export const attendanceErrors: ErrorTexts<'STORE.UNKNOWN' | 'STORE.NOT_ASSIGNED' | 'CHECKIN.ALREADY_OPEN' | 'CHECKIN.NONE' | 'POSITION.INVALID'> = {
  'STORE.UNKNOWN': {
    en: (error) => `No store ${error.store}.`,
    zh: (error) => `没有门店 ${error.store}。`,
  },
  'STORE.NOT_ASSIGNED': {
    en: (error) =>
      `You are not assigned to ${error.store}.` +
      (error.assigned.length ? ` Your stores: ${error.assigned.join(', ')}.` : ' Ask your supervisor to assign you a store.'),
    zh: (error) => `您未分配到门店 ${error.store}。` + (error.assigned.length ? `您的门店：${error.assigned.join('、')}。` : '请联系督导分配门店。'),
  },
  'CHECKIN.ALREADY_OPEN': {
    en: (error) => `You are checked in at ${error.store} already. Send OUT first.`,
    zh: (error) => `您已在 ${error.store} 签到，请先签退。`,
  },
  'CHECKIN.NONE': {
    en: (_error) => 'You are not checked in. Send IN and your store code.',
    zh: (_error) => '您尚未签到。请发送 签到 和门店编号。',
  },
  'POSITION.INVALID': {
    en: (_error) => 'That position is out of range: send latitude then longitude in degrees, e.g. IN S1 31.1952 121.4365.',
    zh: (_error) => '位置超出范围：请先纬度后经度，如 签到 S1 31.1952 121.4365。',
  },
};
