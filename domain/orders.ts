export const orderStatuses = ['draft', 'pending_approval', 'approved', 'shipped', 'delivered', 'rejected', 'cancelled'] as const;
export type OrderStatus = (typeof orderStatuses)[number];

export interface OrderSummary {
  number: string;
  dealer: string;
  status: OrderStatus;
  driver: string | null;
  eta: Date | null;
  total: number;
  currency: string;
  lineCount: number;
}
