import type { Channel, OutboundMessage } from '../domain/messages';
import type { Language, Person } from '../domain/people';
import type { Store } from '../domain/ports';
import { addressOf } from './addressing';

/** What a service point's technicians are told of a ticket assigned to them. */
export function technicianNotice(ticket: { number: string; sku: string; serial: string | null; description: string }, filer: Person): Record<Language, string> {
  const item = `${ticket.sku}${ticket.serial ? ` ${ticket.serial}` : ''}`;
  const from = `${filer.name}${filer.phone ? ` ${filer.phone}` : ''}`;
  return {
    en: `Ticket ${ticket.number}: ${item}: ${ticket.description}. From ${from}. Reply TICKET ${ticket.number} START when you begin.`,
    zh: `工单 ${ticket.number}：${item}：${ticket.description}。报修人 ${from}。开始处理请回复 工单 ${ticket.number} 开始。`,
  };
}

/**
 * A ticket assigned after it was filed (by an operator): the filer and the service point's
 * technicians are told, queued in the outbox of the transaction that assigned it.
 */
export async function noticeTicketAssigned(store: Store, number: string, options: { reachable: readonly Channel[] }): Promise<string[]> {
  const ticket = await store.tickets.byNumber(number);
  const filer = ticket && (await store.people.byId(ticket.filedBy));
  if (!ticket || !filer || !ticket.servicePoint) return [];
  const point = ticket.servicePoint.name;
  const tell = (person: Person, text: Record<Language, string>): OutboundMessage[] => {
    const address = addressOf(person, 'real', options.reachable);
    return address ? [{ ...address, text: text[person.language ?? 'en'], personId: person.id, inReplyTo: null, kind: 'ticket' }] : [];
  };
  return store.outbox.add([
    ...tell(filer, { en: `Ticket ${ticket.number} (${ticket.sku}) is assigned to ${point}.`, zh: `工单 ${ticket.number}（${ticket.sku}）已分配给 ${point}。` }),
    ...(await store.tickets.technicians(ticket.servicePoint.code)).flatMap((technician) => tell(technician, technicianNotice(ticket, filer))),
  ]);
}
