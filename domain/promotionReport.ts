import { DateTime } from 'luxon';
import { statement } from './incentives';
import { sumMoney } from './money';
import type { Store } from './ports';
import { measure, periodBefore, type Promotion, type PromotionReport } from './promotions';
import { fail, ok, type Result } from './result';

/** A promotion's report: its sales against the same stores before and the stores without it, and what its promoters cost. */
export async function promotionReport(store: Store, code: string, zone: string): Promise<Result<PromotionReport>> {
  const promotion = await store.promotions.byCode(code);
  if (!promotion) return fail({ code: 'PROMO.NOT_FOUND', promotion: code });
  const before = periodBefore(promotion);
  const [during, earlier, controlDuring, controlBefore] = await Promise.all([
    store.promotions.sales(promotion.skus, { in: promotion.stores }, promotion.from, promotion.to),
    store.promotions.sales(promotion.skus, { in: promotion.stores }, before.from, before.to),
    store.promotions.sales(promotion.skus, { except: promotion.stores }, promotion.from, promotion.to),
    store.promotions.sales(promotion.skus, { except: promotion.stores }, before.from, before.to),
  ]);
  const cost = await promoterCost(store, promotion, zone);
  return ok(measure(promotion, { during, before: earlier, controlDuring, controlBefore }, cost.amount, cost.currency));
}

/**
 * What the assigned promoters earned over the promotion's days, by their plan of its first month:
 * the base pro rata by day, the allowances of the days attended, the commission on their sales.
 */
async function promoterCost(store: Store, promotion: Promotion, zone: string): Promise<{ amount: number; currency: string }> {
  const [from, to] = [DateTime.fromISO(promotion.from, { zone }), DateTime.fromISO(promotion.to, { zone }).plus({ days: 1 })];
  const month = from.toFormat('yyyy-MM');
  const days = periodBefore(promotion).days;
  const amounts: number[] = [];
  let currency = 'CNY';
  for (const person of promotion.promoters) {
    const plan = await store.incentives.planFor(person, month);
    if (!plan) continue;
    currency = plan.currency;
    const activity = await store.incentives.activity(person, {
      from: from.toJSDate(),
      to: to.toJSDate(),
      fromDay: from.toISODate()!,
      toDay: to.toISODate()!,
      zone,
    });
    amounts.push(statement(plan, month, activity, days / from.daysInMonth!).total);
  }
  return { amount: sumMoney(amounts), currency };
}
