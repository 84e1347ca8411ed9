import { DateTime } from 'luxon';
import type { Statement } from '../../domain/ledger';
import type { OutboundMessage } from '../../domain/messages';
import { formatMoney } from '../../domain/money';
import type { Language } from '../../domain/people';
import { proactiveMessage, zoneOf, type ProactiveJob } from './job';

/**
 * `statements`: from the first of each month in a dealer's zone (their first dealer contact's), the
 * month before's statement, made once per dealer and sent to its dealer-role people inside the
 * statement window, in the transaction that made it; a later run makes one a run missed. A dealer
 * whose ledger opened after the month ended has nothing to state. Hourly by default.
 */
export const statements: ProactiveJob = {
  name: 'statements',
  async run(context) {
    const { store, at } = context;
    let planned = 0;
    let made = 0;
    for (const { dealer, name, people } of await store.ledger.dealerContacts()) {
      const zone = zoneOf(people[0]!, context);
      const thisMonth = DateTime.fromJSDate(at, { zone }).startOf('month');
      const last = thisMonth.minus({ months: 1 });
      const month = last.toFormat('yyyy-MM');
      planned += await store.transaction(async (tx) => {
        const statement = await tx.ledger.makeStatement(dealer, month, last.toJSDate(), thisMonth.toJSDate(), at);
        if (!statement) return 0;
        made += 1;
        const messages = people.flatMap((person): OutboundMessage[] => {
          const message = proactiveMessage(context, person, 'statement', statementTexts(name, statement), {
            from: at,
            dedupeKey: `statement:${dealer}:${month}:${person.id}`,
            expiresAt: thisMonth.plus({ months: 1 }).toJSDate(),
          });
          return message ? [message] : [];
        });
        return (await tx.outbox.add(messages)).length;
      });
    }
    return { planned, statements: made };
  },
};

export function statementTexts(name: string, s: Statement): Record<Language, string> {
  const money = (amount: number) => formatMoney(amount, s.currency);
  return {
    en: `Statement ${s.month}, ${name}: opening ${money(s.opening)}, invoiced ${money(s.invoiced)}, paid ${money(s.paid)}, credited ${money(s.credited)}, closing ${money(s.closing)}. Reply OK to confirm, or DISPUTE and what is wrong.`,
    zh: `${name} ${s.month} 对账单：期初${money(s.opening)}，开票${money(s.invoiced)}，回款${money(s.paid)}，冲减${money(s.credited)}，期末${money(s.closing)}。回复 确认 无误，或 有误 加说明。`,
  };
}
