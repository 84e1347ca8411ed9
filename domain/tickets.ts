import { distanceM, type Position } from './places';

/**
 * After-sales service: a ticket a customer or dealer files for a product, assigned to the service
 * point serving their store or region (else the nearest), worked by its technicians.
 * Lifecycle: open → assigned → in_progress → resolved → closed, or cancelled.
 */
export const ticketStatuses = ['open', 'assigned', 'in_progress', 'resolved', 'closed', 'cancelled'] as const;
export type TicketStatus = (typeof ticketStatuses)[number];
export type TicketPriority = 'normal' | 'urgent';

export interface ServicePoint {
  code: string;
  name: string;
  position: Position | null;
  regions: string[];
  stores: string[];
}

export interface Ticket {
  number: string;
  filedBy: string;
  dealer: string | null;
  sku: string;
  serial: string | null;
  description: string;
  priority: TicketPriority;
  status: TicketStatus;
  servicePoint: ServicePoint | null;
  lastUpdate: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Where a filer is: their stores, their dealer's region, and a position to measure from. */
export interface FilerPlace {
  stores: string[];
  region: string | null;
  position: Position | null;
}

/** The service point for a new ticket: one serving the filer's store, else their region, else the nearest; null if none. */
export function chooseServicePoint(points: readonly ServicePoint[], filer: FilerPlace): ServicePoint | null {
  const byStore = points.find((p) => p.stores.some((s) => filer.stores.includes(s)));
  if (byStore) return byStore;
  const byRegion = filer.region ? points.find((p) => p.regions.includes(filer.region!)) : undefined;
  if (byRegion) return byRegion;
  if (!filer.position) return null;
  const located = points.filter((p) => p.position);
  located.sort((a, b) => distanceM(filer.position!, a.position!) - distanceM(filer.position!, b.position!));
  return located[0] ?? null;
}

/** Which moves a ticket may make, and who makes them. */
const moves: Record<TicketStatus, readonly TicketStatus[]> = {
  open: ['assigned', 'cancelled'],
  assigned: ['in_progress', 'resolved', 'cancelled'],
  in_progress: ['resolved', 'cancelled'],
  resolved: ['closed', 'in_progress'],
  closed: [],
  cancelled: [],
};
export const canMoveTicket = (from: TicketStatus, to: TicketStatus): boolean => moves[from].includes(to);

/** A serial as people write it: letters and digits with at least one digit, five characters or more (`SN12345`). */
export const looksLikeSerial = (token: string): boolean => /^[A-Za-z0-9][A-Za-z0-9/-]{4,}$/.test(token) && /\d/.test(token);
