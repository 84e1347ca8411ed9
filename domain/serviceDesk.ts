import { nearestCodes, type Product } from './catalog';
import type { Person } from './people';
import type { Store } from './ports';
import { fail, ok, type Result } from './result';
import { canMoveTicket, chooseServicePoint, type ServicePoint, type Ticket, type TicketPriority } from './tickets';

/** A filed ticket: its number, the product, and where it went (null: no service point serves the filer yet). */
export interface Filed {
  number: string;
  product: Product;
  serial: string | null;
  servicePoint: ServicePoint | null;
  technicians: Person[];
}

/** FIX: opens a ticket for a known product, and assigns it to the service point serving the filer. */
export async function fileTicket(
  store: Store,
  person: Person,
  request: { sku: string; serial: string | null; description: string; priority: TicketPriority; photoFileId: string | null },
  now: Date,
): Promise<Result<Filed>> {
  const product = await store.catalog.product(request.sku);
  if (!product) return fail({ code: 'SKU.UNKNOWN', sku: request.sku, suggestions: nearestCodes(request.sku, await store.catalog.skus()) });
  const number = await store.tickets.create({ ...request, filedBy: person.id, dealer: person.dealer, sku: product.sku, at: now });
  const point = chooseServicePoint(await store.tickets.servicePoints(), await store.tickets.filerPlace(person.id));
  if (point) await store.tickets.move(number, 'assigned', now, { servicePoint: point.code });
  return ok({ number, product, serial: request.serial, servicePoint: point, technicians: point ? await store.tickets.technicians(point.code) : [] });
}

/** Who may see a ticket: who filed it, their dealer's people, and the assigned service point's technicians. */
function maySee(ticket: Ticket, person: Person): boolean {
  return (
    ticket.filedBy === person.id || (person.role === 'dealer' && person.dealer !== null && person.dealer === ticket.dealer) || isTechnicianOf(ticket, person)
  );
}
const isTechnicianOf = (ticket: Ticket, person: Person) =>
  person.role === 'technician' && ticket.servicePoint !== null && person.servicePoint === ticket.servicePoint.code;

/** TICKET n: the ticket as its filer may see it; an unknown ticket and someone else's read alike. */
export async function viewTicket(store: Store, person: Person, number: string): Promise<Result<Ticket>> {
  const ticket = await store.tickets.byNumber(number);
  return ticket && maySee(ticket, person) ? ok(ticket) : fail({ code: 'TICKET.NOT_FOUND', number });
}

/** TICKET n START / DONE note: only the assigned service point's technicians move a ticket on. */
export async function workTicket(
  store: Store,
  person: Person,
  number: string,
  action: { to: 'in_progress' | 'resolved'; note: string | null },
  now: Date,
): Promise<Result<Ticket>> {
  const ticket = await store.tickets.byNumber(number);
  if (!ticket || !maySee(ticket, person)) return fail({ code: 'TICKET.NOT_FOUND', number });
  if (!isTechnicianOf(ticket, person)) return fail({ code: 'TICKET.NOT_YOURS', number });
  if (!canMoveTicket(ticket.status, action.to)) return fail({ code: 'TICKET.CANNOT', number, status: ticket.status });
  await store.tickets.move(ticket.number, action.to, now, { note: action.note });
  return ok({ ...ticket, status: action.to, lastUpdate: action.note ?? ticket.lastUpdate, updatedAt: now });
}

/** The service desk assigns a ticket to a service point, or closes or cancels it, along the ticket's lifecycle. */
export async function moveTicketAtDesk(
  store: Store,
  number: string,
  move: { to: 'assigned'; servicePoint: string } | { to: 'closed' | 'cancelled'; note: string | null },
  now: Date,
): Promise<Result<{ from: Ticket['status']; to: Ticket['status'] }>> {
  const ticket = await store.tickets.byNumber(number);
  if (!ticket) return fail({ code: 'TICKET.NOT_FOUND', number });
  if (!canMoveTicket(ticket.status, move.to)) return fail({ code: 'TICKET.CANNOT', number, status: ticket.status });
  if (move.to === 'assigned') {
    if (!(await store.tickets.servicePoints()).some((point) => point.code === move.servicePoint))
      return fail({ code: 'SERVICE_POINT.UNKNOWN', servicePoint: move.servicePoint });
    await store.tickets.move(number, 'assigned', now, { servicePoint: move.servicePoint });
  } else {
    await store.tickets.move(number, move.to, now, { note: move.note });
  }
  return ok({ from: ticket.status, to: move.to });
}
