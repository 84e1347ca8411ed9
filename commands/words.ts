import { DateTime } from 'luxon';
import type { OrderStatus } from '../domain/orders';
import type { Language } from '../domain/people';

/** Words and formats shared by several replies. */
export const statusNames: Record<Language, Record<OrderStatus, string>> = {
  en: {
    draft: 'draft',
    pending_approval: 'waiting for approval',
    approved: 'approved',
    shipped: 'out for delivery',
    delivered: 'delivered',
    rejected: 'rejected',
    cancelled: 'cancelled',
  },
  zh: {
    draft: '草稿',
    pending_approval: '待审批',
    approved: '已批准',
    shipped: '配送中',
    delivered: '已送达',
    rejected: '已驳回',
    cancelled: '已取消',
  },
};

/** A moment as the reader's wall clock shows it: `11-24 15:00`. */
export const localTime = (at: Date, timezone: string): string => DateTime.fromJSDate(at, { zone: timezone }).toFormat('MM-dd HH:mm');
