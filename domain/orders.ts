export const orderStatuses = ['draft', 'pending_approval', 'approved', 'shipped', 'delivered', 'rejected', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

/** The order lifecycle: draft → pending_approval → approved (reserved) → shipped → delivered, or rejected / cancelled. */
const next: Record<OrderStatus, readonly OrderStatus[]> = {
  draft: ['pending_approval', 'approved', 'cancelled'],
  pending_approval: ['approved', 'rejected', 'cancelled'],
  approved: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  rejected: [],
  cancelled: [],
};
export const canMove = (from: OrderStatus, to: OrderStatus): boolean => next[from].includes(to);

/** A status an order moved to, from the ERP's import or an operator: the dealer is told. */
export interface OrderStatusChange {
  number: string;
  from: OrderStatus;
  to: OrderStatus;
}

export interface OrderSummary {
  number: string;
  dealer: string;
  status: OrderStatus;
  driver: string | null;
  eta: Date | null;
  total: number;
  currency: string;
  lineCount: number;
  /** who approved or rejected it, when, and why a rejection (the name of a person) */
  decision: { by: string; at: Date; reason: string | null } | null;
  /** waiting for approval: the manager it went to */
  awaitingApprover: string | null;
  /** out for delivery: the stop the driver goes to next */
  nextStop: string | null;
  /** delivered: when its last stop was done */
  deliveredAt: Date | null;
}
