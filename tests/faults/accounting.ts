import type { Sql } from '../../adapters/db/sql';
import type { FakeTelegram } from '../support/telegramFake';
import type { FakeTwilio } from '../support/twilioFake';
import type { Actor, Sent } from './traffic';

/**
 * What became of every message the gateway accepted, read from the database and from what the fake
 * providers took: replied (its answer is at the provider), refused by the recipient (a Telegram
 * user who blocked the bot), or lost; and what went out more than once.
 */
export interface Account {
  accepted: number;
  notAccepted: number;
  replied: number;
  refusedByRecipient: number;
  /** the auto-responder's bounces the traffic guard stopped answering (by design) */
  heldBackAsEcho: number;
  lost: { key: string; actor: string; text: string; why: string }[];
  /** messages the provider took that no outbox row owns (sent twice), and messages answered twice */
  duplicated: { what: string; detail: string }[];
  /**
   * Telegram messages sent again by the rule for an outcome Telegram cannot be asked about (a send
   * in flight when its process was killed: domain/messages.ts whenOutcomeUnknowable) — the one
   * repetition the gateway chooses, and says so in the message's settlement.
   */
  repeatedByTelegramRule: { detail: string }[];
  business: { salesReports: number; salesMessages: number; salesDoubled: number; orders: number; ordersConfirmed: number; ordersDoubled: number };
}

export async function account(sql: Sql, sent: Sent[], all: Actor[], twilio: FakeTwilio, telegram: FakeTelegram): Promise<Account> {
  const actors = new Map(all.map((a) => [a.id, a]));
  const accepted = new Map<string, Sent>();
  for (const s of sent) if (s.accepted) accepted.set(s.key, s);
  const inbox = new Map(
    (
      await sql.query<{ id: string; key: string; status: string; held: string | null }>(
        `select id::text, transport || ':' || external_id as key, status,
                case when reading ->> 'outcome' = 'unanswered' then reading ->> 'command' end as held from inbox`,
      )
    ).map((r) => [r.key, r]),
  );
  const outbox = await sql.query<{
    settlement: string | null;
    id: string;
    in_reply_to: string | null;
    status: string;
    provider_id: string | null;
    error_code: string | null;
    body: string;
    recipient: string;
  }>(`select id::text, in_reply_to::text, status, provider_id, error_code, body, recipient, settlement from outbox`);
  const taken = new Set([...twilio.accepted.map((m) => m.sid), ...telegram.delivered]);
  const replies = new Map<string, typeof outbox>();
  for (const row of outbox) if (row.in_reply_to) replies.set(row.in_reply_to, [...(replies.get(row.in_reply_to) ?? []), row]);

  const lost: Account['lost'] = [];
  const duplicated: Account['duplicated'] = [];
  let replied = 0;
  let refusedByRecipient = 0;
  let heldBackAsEcho = 0;
  for (const [key, s] of accepted) {
    const row = inbox.get(key);
    const mine = row ? (replies.get(row.id) ?? []) : [];
    if (!row || row.status !== 'processed') lost.push({ key, actor: s.actor, text: s.text, why: row ? `inbox ${row.status}` : 'not stored' });
    else if (mine.some((r) => r.provider_id && taken.has(r.provider_id))) replied++;
    else if (actors.get(s.actor)?.blocked && mine.some((r) => r.status === 'failed' && r.error_code === '403')) refusedByRecipient++;
    else if (actors.get(s.actor)?.robot === 'echo' && row.held === 'echo' && mine.length === 0) heldBackAsEcho++;
    else
      lost.push({ key, actor: s.actor, text: s.text, why: mine.map((r) => `${r.status}${r.error_code ? ` ${r.error_code}` : ''}`).join(', ') || 'no reply' });
    // The same answer twice to one message: it was processed twice.
    const bodies = mine.filter((r) => r.recipient === mine[0]?.recipient).map((r) => r.body);
    if (new Set(bodies).size < bodies.length) duplicated.push({ what: 'answered twice', detail: key });
  }
  const owned = new Set(outbox.map((r) => r.provider_id).filter(Boolean));
  for (const m of twilio.accepted) if (!owned.has(m.sid)) duplicated.push({ what: 'SMS sent twice', detail: `${m.sid} to ${m.to}: ${m.body}` });
  const repeatedByTelegramRule: Account['repeatedByTelegramRule'] = [];
  for (const id of telegram.delivered) {
    if (owned.has(id)) continue;
    const [chat] = id.split(':');
    const text = telegram.deliveredText.get(id);
    const resent = outbox.some(
      (r) => r.recipient === `tg:${chat}` && r.body === text && /cannot be asked whether it had it: sent again/.test(r.settlement ?? ''),
    );
    if (resent) repeatedByTelegramRule.push({ detail: id });
    else duplicated.push({ what: 'Telegram message sent twice', detail: id });
  }

  // Business rows: one sell-out report per store and day (each SALES message names a day of its own); one order per confirmation.
  const [sales] = await sql.query<{ reports: number; doubled: number }>(
    `select count(*)::int as reports, (count(*) - count(distinct (store, day)))::int as doubled from sell_out_reports where store like 'ST%'`,
  );
  const salesMessages = [...accepted.values()].filter((s) => s.text.startsWith('SALES ')).length;
  const orders = await sql.query<{ number: string }>(`select number from orders where dealer like 'F%'`);
  const confirmations = [...accepted.values()].filter((s) => s.text === 'YES' || s.text === '确认').map((s) => inbox.get(s.key)?.id);
  const mentioned = new Map<string, number>();
  for (const id of confirmations)
    for (const order of orders)
      if ((replies.get(id ?? '') ?? []).some((r) => r.body.includes(order.number))) mentioned.set(order.number, (mentioned.get(order.number) ?? 0) + 1);
  const ordersDoubled = orders.filter((o) => (mentioned.get(o.number) ?? 0) !== 1).length;
  return {
    accepted: accepted.size,
    notAccepted: new Set(sent.filter((s) => !accepted.has(s.key)).map((s) => s.key)).size,
    replied,
    refusedByRecipient,
    heldBackAsEcho,
    lost,
    duplicated,
    repeatedByTelegramRule,
    business: {
      salesReports: sales!.reports,
      salesMessages,
      salesDoubled: sales!.doubled,
      orders: orders.length,
      ordersConfirmed: mentioned.size,
      ordersDoubled,
    },
  };
}
