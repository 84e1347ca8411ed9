import { formatMoney } from '../../domain/money';
import type { Language } from '../../domain/people';
import { closeRebates, type RebateRecord } from '../../domain/rebates';
import { approvalButtons } from '../orderWords';
import { proactiveMessage, zoneOf, type ProactiveJob } from './job';

/**
 * `rebates`: after a rebate period closes in a dealer's zone (their first dealer contact's), each
 * policy's accrued rebate becomes an application to the dealer's manager, made once per dealer,
 * policy and period, and the manager is asked in the transaction that made it (APPROVE RB… on SMS,
 * buttons on Telegram, the console's Approvals). A later run makes one a run missed. Hourly by default.
 */
export const rebates: ProactiveJob = {
  name: 'rebates',
  async run(context) {
    const { store, at } = context;
    let planned = 0;
    let applied = 0;
    for (const { dealer, name, people } of await store.ledger.dealerContacts()) {
      planned += await store.transaction(async (tx) => {
        const made = await closeRebates(tx, { code: dealer, people }, at, zoneOf(people[0]!, context));
        applied += made.length;
        const messages = made.flatMap(({ record, approver }) => {
          const message = proactiveMessage(context, approver, 'approval', applicationTexts(name, record), {
            from: at,
            dedupeKey: `rebate:${record.number}:${approver.id}`,
          });
          const language = approver.language ?? 'en';
          return message ? [{ ...message, keyboard: approvalButtons(record.number, language) }] : [];
        });
        return (await tx.outbox.add(messages)).length;
      });
    }
    return { planned, applications: applied };
  },
};

function applicationTexts(name: string, r: RebateRecord): Record<Language, string> {
  const amount = formatMoney(r.amount, r.currency);
  return {
    en: `Rebate to approve: ${r.number} for ${name} (${r.dealer}), ${r.policyName} ${r.period}: ${amount}, credited to their account when approved. Reply APPROVE ${r.number} or REJECT ${r.number} reason.`,
    zh: `待审批返利：${r.number}，${name}（${r.dealer}），${r.policyName} ${r.period}：${amount}，批准后冲减其应收款。回复 批准 ${r.number} 或 驳回 ${r.number} 原因。`,
  };
}
