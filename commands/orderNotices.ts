import type { Channel, OutboundMessage } from '../domain/messages';
import type { OrderStatusChange } from '../domain/orders';
import type { Store } from '../domain/ports';
import { addressOf } from './addressing';
import { localTime, statusNames } from './words';

/**
 * Tells the dealer's people that their order moved (shipped with its ETA, delivered, cancelled):
 * queued in the outbox of the transaction that moved it. Answers the outbox ids.
 */
export async function noticeOrderStatus(
  store: Store,
  changes: readonly OrderStatusChange[],
  options: { reachable: readonly Channel[]; defaultTimezone: string },
): Promise<string[]> {
  const notices: OutboundMessage[] = [];
  for (const change of changes) {
    const order = await store.orders.summary(change.number);
    for (const personId of await store.orders.contactsFor(change.number)) {
      const person = await store.people.byId(personId);
      const address = person && addressOf(person, 'real', options.reachable);
      if (!person || !address || !order) continue;
      const language = person.language ?? 'en';
      const eta = order.status === 'shipped' && order.eta ? localTime(order.eta, person.timezone ?? options.defaultTimezone) : null;
      const text =
        language === 'zh'
          ? `订单 ${order.number}：${statusNames.zh[order.status]}${eta ? `，预计 ${eta} 送达` : ''}。`
          : `Order ${order.number}: ${statusNames.en[order.status]}${eta ? `, ETA ${eta}` : ''}.`;
      notices.push({ ...address, text, personId: person.id, inReplyTo: null, kind: 'order-status' });
    }
  }
  return store.outbox.add(notices);
}
