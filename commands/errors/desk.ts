import type { ErrorTexts } from './types';

/** What operators do at the desk (commands/deskActions.ts). */
export const deskErrors: ErrorTexts<'ORDER.CANNOT_MOVE' | 'DELIVERY.UNLOCATED' | 'ACTOR.NOT_LINKED' | 'ACTOR.NO_AUTHORITY'> = {
  'ORDER.CANNOT_MOVE': {
    en: (error) => `Order ${error.number} cannot move from ${error.from} to ${error.to}.`,
    zh: (error) => `订单 ${error.number} 不能从 ${error.from} 变为 ${error.to}。`,
  },
  'DELIVERY.UNLOCATED': {
    en: (error) => `No location for ${error.places.join(', ')}: a stop needs one.`,
    zh: (error) => `${error.places.join('、')} 没有位置，无法作为送货站点。`,
  },
  'ACTOR.NOT_LINKED': {
    en: (_error) => 'Your operator account is linked to no person: an admin links it to act with their authority.',
    zh: (_error) => '您的操作员账户未关联人员，请管理员关联后再以其权限操作。',
  },
  'ACTOR.NO_AUTHORITY': {
    en: (error) => `${error.person} may not ${error.action}.`,
    zh: (error) => `${error.person} 无权执行 ${error.action}。`,
  },
};
