import type { ErrorTexts } from './types';

/** LOC and the locations IN takes (commands/location.ts). */
export const locationsErrors: ErrorTexts<'LOCATION.UNREADABLE'> = {
  'LOCATION.UNREADABLE': {
    en: (error) =>
      `${
        {
          'out-of-range': 'That position is out of range (latitude first, then longitude).',
          ambiguous: 'That can be read as more than one place.',
          'address-only': 'That names a place, not its coordinates.',
          'short-link': 'A short link cannot be opened here: open it and share the location.',
          'other-datum': 'Those coordinates are in a system I do not convert.',
          'needs-full-code': 'That Plus Code is short: send the full code.',
          unrecognised: 'That is no position I can read.',
        }[error.reason]
      } ${error.asked === 'in' ? 'Send IN store lat lon, e.g. IN S1 31.1952 121.4365.' : 'Send LOC lat lon, e.g. LOC 31.2304 121.4737, or share your location.'}`,
    zh: (error) =>
      `${
        {
          'out-of-range': '位置超出范围（先纬度后经度）。',
          ambiguous: '该位置可理解为不同地点。',
          'address-only': '只有地名，没有坐标。',
          'short-link': '短链接无法打开，请打开后直接发送位置。',
          'other-datum': '该坐标系无法换算。',
          'needs-full-code': 'Plus Code 不完整，请发送完整代码。',
          unrecognised: '无法识别位置。',
        }[error.reason]
      }${error.asked === 'in' ? '请发送 签到 门店 纬度 经度，如 签到 S1 31.1952 121.4365。' : '请发送 位置 纬度 经度，如 位置 31.2304 121.4737，或直接发送位置。'}`,
  },
};
