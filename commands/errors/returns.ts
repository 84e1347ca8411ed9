import type { ErrorTexts } from './types';

/** Returns' and rebates' refusals (domain/returns.ts, domain/rebates.ts): nothing is stored after any of them. */
export const returnsErrors: ErrorTexts<
  | 'RETURN.NOT_DELIVERED'
  | 'RETURN.TOO_LATE'
  | 'RETURN.NOT_ON_ORDER'
  | 'RETURN.TOO_MANY'
  | 'RETURN.NOT_PENDING'
  | 'RETURN.NOT_YOUR_APPROVAL'
  | 'RETURN.NOT_FOUND'
  | 'RETURN.NOT_APPROVED'
  | 'REBATE.NOT_PENDING'
  | 'REBATE.NOT_YOUR_APPROVAL'
> = {
  'RETURN.NOT_DELIVERED': {
    en: (e) => `Order ${e.number} is not delivered yet (${e.status}): only delivered goods can be returned.`,
    zh: (e) => `订单 ${e.number} 尚未送达（${e.status}）：只能退已送达的货。`,
  },
  'RETURN.TOO_LATE': {
    en: (e) => `Order ${e.number} was delivered on ${e.deliveredOn}: returns are taken within ${e.days} days.`,
    zh: (e) => `订单 ${e.number} 于 ${e.deliveredOn} 送达：退货须在 ${e.days} 天内申请。`,
  },
  'RETURN.NOT_ON_ORDER': {
    en: (e) => `${e.sku} is not on order ${e.number} (it has ${e.skus.join(', ')}).`,
    zh: (e) => `订单 ${e.number} 中没有 ${e.sku}（有 ${e.skus.join('、')}）。`,
  },
  'RETURN.TOO_MANY': {
    en: (e) => `Order ${e.number}: ${e.delivered} ${e.sku} delivered, ${e.returned} returned or asked already: at most ${e.left} more.`,
    zh: (e) => `订单 ${e.number}：${e.sku} 送达 ${e.delivered}，已退或已申请 ${e.returned}：最多还可退 ${e.left}。`,
  },
  'RETURN.NOT_PENDING': {
    en: (e) => `Return ${e.number} is not waiting for approval.`,
    zh: (e) => `退货 ${e.number} 不在待审批状态。`,
  },
  'RETURN.NOT_YOUR_APPROVAL': {
    en: (e) => `Return ${e.number} is not yours to approve.`,
    zh: (e) => `退货 ${e.number} 不由您审批。`,
  },
  'RETURN.NOT_FOUND': {
    en: (e) => `There is no return ${e.number}.`,
    zh: (e) => `没有退货单 ${e.number}。`,
  },
  'RETURN.NOT_APPROVED': {
    en: (e) => `Return ${e.number} is ${e.status}: only an approved return is received.`,
    zh: (e) => `退货 ${e.number} 状态为 ${e.status}：只有已批准的退货可以收货。`,
  },
  'REBATE.NOT_PENDING': {
    en: (e) => `Rebate ${e.number} is not waiting for approval.`,
    zh: (e) => `返利 ${e.number} 不在待审批状态。`,
  },
  'REBATE.NOT_YOUR_APPROVAL': {
    en: (e) => `Rebate ${e.number} is not yours to approve.`,
    zh: (e) => `返利 ${e.number} 不由您审批。`,
  },
};
