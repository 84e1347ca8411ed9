import type { Alert, AlertCondition } from '../../domain/alerts';
import { nextHolder } from '../../domain/alerts';
import { earliestSend } from '../../domain/contactPolicy';
import { formatMoney } from '../../domain/money';
import type { Language, Person } from '../../domain/people';
import type { Store } from '../../domain/ports';
import { proactiveMessage, zoneOf, type JobContext, type ProactiveJob } from './job';

/**
 * `alert-escalation`: raises the alerts whose condition holds now (a dealer over their credit
 * limit, a SKU below safety stock), resolves those whose condition has gone, and moves every
 * alert unacknowledged by its deadline one level up its owner's manager chain, each level told once.
 */
export const alertEscalation: ProactiveJob = {
  name: 'alert-escalation',
  async run(context) {
    const { store, at } = context;
    const top = await store.alerts.topManager();
    const credit = await store.alerts.creditOverruns(top);
    const stock = await store.alerts.stockBelowSafety(context.stockAlertOwner ?? top);
    const late = await store.alerts.lateTickets(at, context.ticketTargetsHours, top);
    const undercut = await store.alerts.competitorUndercuts(at, context.competitorAlertShare, top);
    let raised = 0;
    for (const condition of [...credit, ...stock, ...late, ...undercut]) if (await raiseAlert(context, condition)) raised += 1;
    const overdue = await store.alerts.openSubjects('invoice-overdue');
    const resolved =
      (await store.alerts.resolveAllBut(
        'credit-limit',
        credit.map((c) => c.subject),
        at,
      )) +
      (await store.alerts.resolveAllBut(
        'safety-stock',
        stock.map((c) => c.subject),
        at,
      )) +
      (await store.alerts.resolveAllBut('invoice-overdue', await store.alerts.openInvoices(overdue), at)) +
      (await store.alerts.resolveAllBut(
        'ticket-late',
        late.map((c) => c.subject),
        at,
      )) +
      (await store.alerts.resolveAllBut(
        'competitor-undercut',
        undercut.map((c) => c.subject),
        at,
      ));
    let escalated = 0;
    let planned = raised;
    for (const alert of await store.alerts.dueForEscalation(at)) {
      const told = await escalate(context, alert);
      if (told !== null) escalated += 1;
      planned += told ?? 0;
    }
    return { planned, raised, resolved, escalated };
  },
};

/** Raises an alert and tells its owner, in one transaction; false when it was open already. */
export async function raiseAlert(context: JobContext, condition: AlertCondition): Promise<boolean> {
  return context.store.transaction(async (tx) => {
    const owner = await tx.people.byId(condition.owner);
    if (!owner) return false;
    const noticeAt = earliestSend(context.at, zoneOf(owner, context), 'alert', context.policy);
    const alert = await tx.alerts.raise(condition, context.at, new Date(noticeAt.getTime() + context.escalateAfterMs));
    if (!alert) return false;
    await tell(tx, context, alert, owner, null);
    return true;
  });
}

/** One level up, or the top reached; answers the messages planned, or null when another run moved it first. */
async function escalate(context: JobContext, alert: Alert): Promise<number | null> {
  return context.store.transaction(async (tx) => {
    const next = nextHolder(alert, await tx.people.managerChain(alert.owner));
    const holder = next && (await tx.people.byId(next.holder));
    if (!next || !holder) return (await tx.alerts.escalate(alert, null, null)) ? 0 : null;
    const noticeAt = earliestSend(context.at, zoneOf(holder, context), 'alert', context.policy);
    if (!(await tx.alerts.escalate(alert, next, new Date(noticeAt.getTime() + context.escalateAfterMs)))) return null;
    const previous = await tx.people.byId(alert.holder);
    return tell(tx, context, { ...alert, level: next.level, holder: next.holder }, holder, previous);
  });
}

async function tell(store: Store, context: JobContext, alert: Alert, holder: Person, escalatedFrom: Person | null): Promise<number> {
  const text = (language: Language) => alertText(alert, language, escalatedFrom?.name ?? null);
  const message = proactiveMessage(
    context,
    holder,
    'alert',
    { en: text('en'), zh: text('zh') },
    {
      from: context.at,
      dedupeKey: `alert:${alert.id}:${alert.level}`,
      reason: `alert:${alert.id}`,
    },
  );
  return message ? (await store.outbox.add([message])).length : 0;
}

/** One segment where the data allows: what happened, and how to acknowledge. */
export function alertText(alert: Pick<Alert, 'id' | 'kind' | 'subject' | 'details'>, language: Language, escalatedFrom: string | null): string {
  const d = alert.details;
  const money = (key: string) => formatMoney(Number(d[key]), String(d.currency ?? 'CNY'));
  if (language === 'zh') {
    const what = {
      'credit-limit': `经销商 ${alert.subject} 超出信用额度：${money('exposure')}/${money('creditLimit')}`,
      'safety-stock': `${alert.subject} 可用库存 ${d.available}，低于安全库存 ${d.safetyStock}`,
      'invoice-overdue': `发票 ${alert.subject}（${d.debtor}）${money('outstanding')} 逾期 ${d.days} 天`,
      'vehicle-silent': `司机 ${d.driver} 自 ${d.since} 无位置，订单 ${d.order} 未送达`,
      'ticket-late': `工单 ${alert.subject}（${d.sku}，${d.priority === 'urgent' ? '紧急' : '普通'}）${d.status === 'open' ? '未分配' : '未开始'}，已超 ${d.targetHours} 小时`,
      'competitor-undercut': `${d.region} ${d.brandZh} ${d.model} 近7天中位价 ${money('median')}，低于我方 ${d.ours} ${money('ourPrice')} ${d.under}%`,
    }[alert.kind];
    return `预警 ${alert.id}${escalatedFrom ? `（${escalatedFrom} 未确认，已上报）` : ''}：${what}。回复 确认 ${alert.id}`;
  }
  const what = {
    'credit-limit': `dealer ${alert.subject} over credit limit: ${money('exposure')} of ${money('creditLimit')}`,
    'safety-stock': `${alert.subject} available ${d.available}, below safety stock ${d.safetyStock}`,
    'invoice-overdue': `invoice ${alert.subject} (${d.debtor}) ${money('outstanding')} is ${d.days} days overdue`,
    'vehicle-silent': `driver ${d.driver} silent since ${d.since}, order ${d.order} undelivered`,
    'ticket-late': `ticket ${alert.subject} (${d.sku}, ${d.priority}) ${d.status === 'open' ? 'unassigned' : 'not started'} past its ${d.targetHours} h target`,
    'competitor-undercut': `${d.brand} ${d.model} sells at a 7-day median ${money('median')} in ${d.region}, ${d.under}% under our ${d.ours} ${money('ourPrice')}`,
  }[alert.kind];
  return `Alert ${alert.id}${escalatedFrom ? ` (escalated: ${escalatedFrom} did not acknowledge)` : ''}: ${what}. Reply ACK ${alert.id}`;
}
