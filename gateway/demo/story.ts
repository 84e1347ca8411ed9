import { DateTime } from 'luxon';
import { desk, moveOrder } from '../../commands/deskActions';
import { deskOptions, type Runtime } from '../runtime';
import { simulate, type SimulatedMessage } from '../simulate';

/**
 * The demo's first hour, played once on the first start of the embedded database through the real
 * pipeline (the simulator's transport: replies are recorded, never sent): an order shipped with the
 * driver on the road, a promoter's check-in far from her store and her sell-out reports (the third far
 * above her usual, flagged), two service requests, a supervisor's store visit, and a dealer's order
 * over her credit waiting for approval. Every work view of the console has something to show.
 */
export async function playDemoStory(runtime: Runtime): Promise<number> {
  const zone = runtime.config.defaultTimezone;
  const today = DateTime.fromJSDate(runtime.clock.now(), { zone });
  const day = (ago: number) => today.minus({ days: ago }).toISODate()!;
  const shipped = await desk(runtime.store, (tx) =>
    moveOrder(tx, '1002', { to: 'shipped', driver: 'Dan', eta: today.plus({ hours: 2 }).toJSDate(), stops: [{ store: 'S1' }] }, deskOptions(runtime)),
  );
  if (!shipped.ok) runtime.logger.warn({ refusal: shipped.error }, 'the demo story could not ship order 1002');
  const sms = (from: string, text: string): SimulatedMessage => ({ channel: 'sms', from, text });
  const messages: SimulatedMessage[] = [
    // Liu Dan drives from the warehouse towards Xujiahui: a few pings, one as a GPS tracker sends it.
    sms('+8613800000004', 'LOC 31.2397 121.4998'),
    sms('+8613800000004', '位置 31.2304 121.4737'),
    sms('+8613800000004', 'lat:31.2182 long:121.4571 speed:32.5'),
    // Zhang An checks in at S1 from about 5 km away (flagged), and reports sell-out: two usual days, then one far above them.
    sms('+8613800000003', 'IN S1 31.2304 121.4737'),
    sms('+8613800000003', `SALES ${day(2)} A100 2 B200 4`),
    sms('+8613800000003', `SALES ${day(1)} A100 3 B200 5`),
    sms('+8613800000003', 'SALES A100 12 B200 6'),
    // A customer's and a dealer's service requests; the supervisor's visit.
    sms('+8613800000005', 'FIX A100 SN20261130 不加热了'),
    sms('+8613800000001', '报修 C300 冰箱门关不严'),
    sms('+8613800000008', 'VISIT S1 4 陈列整齐，促销牌缺失'),
    // Diana orders past her credit headroom: it waits for Li Mei's approval.
    sms('+8613800000002', 'ORDER A100 40'),
    sms('+8613800000002', 'YES'),
  ];
  let played = 0;
  for (const message of messages) {
    const outcome = await simulate(runtime, message).catch((error: unknown) => {
      runtime.logger.warn({ err: error, message }, 'a demo story message was not processed');
      return null;
    });
    if (outcome) played += 1;
  }
  return played;
}
