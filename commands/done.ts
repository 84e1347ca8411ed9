import { nextStop } from '../domain/deliveries';
import { fail, ok } from '../domain/result';
import type { Command } from './command';
import { isNumberCode } from './lexer';
import { tellDealer } from './deliveryNotices';

/** DONE order-no (送达): the driver delivered at the current stop; after the last stop the order is delivered. */
export const done: Command<{ number: string }, { order: string; stop: string; next: string | null }> = {
  keyword: 'DONE',
  aliases: ['送达'],
  roles: ['driver'],
  changesData: true,
  usage: { en: 'DONE order-no, e.g. DONE 10001', zh: '送达 单号，如 送达 10001' },
  parse: ([number, ...extra]) => (number && isNumberCode(number) && extra.length === 0 ? ok({ number }) : fail({ code: 'USAGE' })),
  async handle(context, { number }) {
    const { store, person, now } = context;
    const delivery = (await store.deliveries.activeFor(person!.id)).find((d) => d.order.toUpperCase() === number.toUpperCase());
    if (!delivery) return fail({ code: 'ORDER.NOT_FOUND', number });
    const stop = nextStop(delivery);
    if (!stop) return fail({ code: 'ORDER.NOT_FOUND', number });
    await store.deliveries.markDone(delivery.order, stop.seq, now);
    const following = delivery.stops.find((s) => s.seq > stop.seq && !s.doneAt) ?? null;
    if (following) {
      await tellDealer(context, delivery.order, {
        en: `Order ${delivery.order}: delivered at ${stop.name}.`,
        zh: `订单 ${delivery.order}：已在 ${stop.name} 送达。`,
      });
    } else {
      const moved = await store.orders.setStatus(delivery.order, 'delivered', {});
      if ('refused' in moved) return fail({ code: 'ORDER.NOT_FOUND', number });
      await tellDealer(context, delivery.order, { en: `Order ${delivery.order}: delivered.`, zh: `订单 ${delivery.order}：已送达。` });
    }
    return ok({ order: delivery.order, stop: stop.name, next: following?.name ?? null });
  },
  render: {
    en: ({ order, stop, next }) => (next ? `Order ${order}: done at ${stop}. Next stop: ${next}.` : `Order ${order}: delivered at ${stop}. Thank you.`),
    zh: ({ order, stop, next }) => (next ? `订单 ${order}：${stop} 已送达。下一站：${next}。` : `订单 ${order}：已在 ${stop} 送达，谢谢。`),
  },
};
