import type { ErrorTexts } from './types';

/** ORDER and its dialog, STATUS, APPROVE and REJECT (domain/ordering.ts, domain/orders.ts). */
export const ordersErrors: ErrorTexts<
  | 'ORDER.NOT_FOUND'
  | 'ORDER.QTY_TOO_LARGE'
  | 'ORDER.NOT_ENOUGH_STOCK'
  | 'ORDER.OVER_ALLOCATION'
  | 'ORDER.NO_APPROVER'
  | 'ORDER.NOT_PENDING'
  | 'ORDER.NOT_YOUR_APPROVAL'
  | 'DIALOG.NOTHING_PENDING'
> = {
  'ORDER.NOT_FOUND': {
    en: (error) => `No order ${error.number} found for you.`,
    zh: (error) => `未找到您的订单 ${error.number}。`,
  },
  'ORDER.QTY_TOO_LARGE': {
    en: (error) => `${error.qty} of ${error.sku} is more than one order may ask (${error.max}). Please check the quantity.`,
    zh: (error) => `${error.sku} 数量 ${error.qty} 超过单笔上限 ${error.max}，请核对。`,
  },
  'ORDER.NOT_ENOUGH_STOCK': {
    en: (error) => `Only ${error.available} of ${error.sku} available. Nothing was ordered.`,
    zh: (error) => `${error.sku} 仅剩 ${error.available}，未下单。`,
  },
  'ORDER.OVER_ALLOCATION': {
    en: (error) => `Your allocation of ${error.sku} is ${error.quota}; ${error.left} left to order. Nothing was ordered.`,
    zh: (error) => `您的 ${error.sku} 配额为 ${error.quota}，还可订 ${error.left}，未下单。`,
  },
  'ORDER.NO_APPROVER': {
    en: (_error) => 'This order needs approval, but no manager is set for you. Please call your sales office.',
    zh: (_error) => '此订单需要审批，但您没有设定经理，请联系销售办公室。',
  },
  'ORDER.NOT_PENDING': {
    en: (error) => `Order ${error.number} is not waiting for approval.`,
    zh: (error) => `订单 ${error.number} 不在待审批状态。`,
  },
  'ORDER.NOT_YOUR_APPROVAL': {
    en: (error) => `Order ${error.number} is not yours to approve.`,
    zh: (error) => `订单 ${error.number} 不由您审批。`,
  },
  'DIALOG.NOTHING_PENDING': {
    en: (_error) => 'There is nothing to confirm.',
    zh: (_error) => '没有待确认的事项。',
  },
};
