import { averageSpeedKmh, etaAt, nextStop } from '../domain/deliveries';
import { distanceM, type Position } from '../domain/places';
import type { CommandContext } from './command';
import { localTime } from './words';

/** How far back the vehicle's recent speed is measured. */
const speedWindowMs = 30 * 60_000;

/**
 * What a driver's newest ping means for their deliveries: arrival at the next stop (the dealer is
 * told), else a fresh ETA on the order (STATUS shows it), and once per stop an "on the way" notice.
 */
export async function followDeliveries(context: CommandContext, at: Position, reportedAt: Date): Promise<void> {
  const { store, person, delivery: policy } = context;
  const deliveries = await store.deliveries.activeFor(person!.id);
  if (deliveries.length === 0) return; // most pings: nothing to follow, and no track to read
  const speed = averageSpeedKmh(await store.deliveries.track(person!.id, new Date(reportedAt.getTime() - speedWindowMs)));
  for (const delivery of deliveries) {
    const stop = nextStop(delivery);
    if (!stop || stop.arrivedAt) continue;
    if (distanceM(at, stop.position) <= policy.arrivalRadiusM) {
      if (await store.deliveries.markArrived(delivery.order, stop.seq, reportedAt)) {
        await tellDealer(context, delivery.order, {
          en: `Order ${delivery.order}: the driver has arrived at ${stop.name}.`,
          zh: `订单 ${delivery.order}：司机已到达 ${stop.name}。`,
        });
      }
      continue;
    }
    const eta = etaAt(at, reportedAt, delivery, speed, policy);
    await store.deliveries.setEta(delivery.order, eta);
    await tellDealer(
      context,
      delivery.order,
      (zone) => ({
        en: `Order ${delivery.order} is on the way to ${stop.name}, ETA ${localTime(eta, zone).slice(6)}.`,
        zh: `订单 ${delivery.order} 正在送往 ${stop.name}，预计 ${localTime(eta, zone).slice(6)} 到达。`,
      }),
      `eta:${delivery.order}:${stop.seq}`,
    );
  }
}

/** The order's people (who placed it, else the dealer's), each in their own language and clock. */
export async function tellDealer(
  context: CommandContext,
  order: string,
  text: Record<'en' | 'zh', string> | ((zone: string) => Record<'en' | 'zh', string>),
  dedupeKey?: string,
): Promise<void> {
  for (const id of await context.store.orders.contactsFor(order)) {
    const recipient = await context.store.people.byId(id);
    if (!recipient) continue;
    const words = typeof text === 'function' ? text(recipient.timezone ?? context.timezone) : text;
    context.notify('order-status', recipient, words, { dedupeKey: dedupeKey && `${dedupeKey}:${recipient.id}` });
  }
}
