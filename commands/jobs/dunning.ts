import { DateTime } from 'luxon';
import { daysPastDue, dunningStepsDue } from '../../domain/dunning';
import { formatMoney } from '../../domain/money';
import { memoized } from '../../domain/memo';
import type { OutboundMessage } from '../../domain/messages';
import type { Language } from '../../domain/people';
import type { InvoiceReminder } from '../../domain/ports';
import { raiseAlert } from './alerts';
import { localDate, proactiveMessage, readableDate, startOfLocalDate, zoneOf, type ProactiveJob } from './job';

/**
 * `dunning`: walks the ladder over open invoices on each recipient's own calendar. A reminder is
 * planned for its step's date, inside the recipient's window, at most once per invoice, step and
 * recipient; it is cancelled if the invoice is paid before it leaves. The alert step tells the
 * recipient's manager instead.
 */
export const dunning: ProactiveJob = {
  name: 'dunning',
  async run(context) {
    const { store, at, ladder } = context;
    // The furthest local "tomorrow" anywhere, plus the earliest step's lead before the due date.
    const lead = Math.max(0, -Math.min(...ladder.map((s) => s.days)));
    const dueBy = DateTime.fromJSDate(at, { zone: 'utc' })
      .plus({ days: 2 + lead })
      .toISODate()!;
    const alerts = new Map<string, InvoiceReminder & { days: number }>();
    // Many invoices share a zone and a due date: each local date and step list is worked out once.
    const todayIn = memoized(
      (zone: string) => zone,
      (zone) => localDate(at, zone),
    );
    const stepsDue = memoized(
      (dueDate: string, today: string) => `${dueDate} ${today}`,
      (dueDate, today) => dunningStepsDue(ladder, dueDate, today),
    );
    // A page of invoices at a time (one insert each): while one page's reminders are inserted, the next
    // is read and worked out, so the database and this process work side by side; a page waits for the
    // insert before it, so a run over a million invoices holds two pages.
    let inserting: Promise<number> = Promise.resolve(0);
    for await (const page of store.invoices.openForDunning(dueBy)) {
      const reminders: OutboundMessage[] = [];
      for (const row of page) {
        const zone = zoneOf(row.recipient, context);
        const today = todayIn(zone);
        for (const { step, date } of stepsDue(row.invoice.dueDate, today)) {
          if (step.action === 'alert') {
            if (date > today) continue; // an alert is raised on its day, not planned ahead
            if (!alerts.has(row.invoice.number)) alerts.set(row.invoice.number, { ...row, days: daysPastDue(row.invoice.dueDate, date) });
            continue;
          }
          const from = new Date(Math.max(at.getTime(), startOfLocalDate(date, zone).getTime()));
          const message = proactiveMessage(
            context,
            row.recipient,
            'dunning',
            { en: dunningText(row, step.days, 'en'), zh: dunningText(row, step.days, 'zh') },
            {
              from,
              dedupeKey: `dunning:${row.invoice.number}:${step.days}:${row.recipient.id}`,
              reason: `invoice:${row.invoice.number}`,
            },
          );
          if (message) reminders.push(message);
        }
      }
      const before = await inserting;
      inserting = store.outbox.add(reminders).then((ids) => before + ids.length);
      inserting.catch(() => undefined); // awaited with the next page, or below
    }
    const planned = await inserting;
    let alerted = 0;
    const top = alerts.size > 0 ? await store.alerts.topManager() : null;
    for (const [number, { invoice, recipient, days }] of alerts) {
      const owner = recipient.manager ?? top;
      if (!owner) continue;
      const debtor = invoice.dealer ?? recipient.name;
      const raised = await raiseAlert(context, {
        kind: 'invoice-overdue',
        subject: number,
        owner,
        details: { debtor, outstanding: invoice.outstanding, currency: invoice.currency, days },
      });
      if (raised) alerted += 1;
    }
    return { planned: planned + alerted, reminders: planned, alerts: alerted };
  },
};

/** One segment in either language: the invoice, what is outstanding, and its due date. */
export function dunningText({ invoice }: Pick<InvoiceReminder, 'invoice'>, days: number, language: Language): string {
  const amount = formatMoney(invoice.outstanding, invoice.currency);
  const due = readableDate(invoice.dueDate, language);
  if (language === 'zh') {
    if (days < 0) return `提醒：发票 ${invoice.number}，金额 ${amount}，将于${due}到期，请按时付款。`;
    if (days === 0) return `发票 ${invoice.number}，金额 ${amount}，${due}到期，请安排付款。`;
    return `发票 ${invoice.number} 尚欠 ${amount}，已于${due}逾期，请尽快付款或联系我们。`;
  }
  if (days < 0) return `Reminder: invoice ${invoice.number} for ${amount} is due on ${due}. Thank you for paying on time.`;
  if (days === 0) return `Invoice ${invoice.number} for ${amount} falls due on ${due}. Please arrange payment.`;
  return `Invoice ${invoice.number}: ${amount} overdue since ${due}. Please pay now or call us.`;
}
