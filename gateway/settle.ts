import { claimUnknown, knownProviderIds, returnToUnknown, settleOutcome, unknownSendsDue } from '../adapters/db/recovery';
import type { SendReceipt } from '../domain/ports';
import { enqueueOutbound } from '../adapters/queue/queues';
import { whenOutcomeUnknowable } from '../domain/messages';
import type { Runtime } from './runtime';

/** Attempts after which a send still unknown is failed for good, for an operator to see (Needs attention). */
const maxAttempts = 3;

/**
 * Settles the sends whose outcome is unknown (the process died while sending; the connection
 * dropped after the request went out), once the provider's listing delay has passed since the
 * attempt: the provider is asked (Twilio's Messages list by recipient and time, matched on the
 * text, less the ids other messages hold already). Found: it is recorded as sent, with the
 * provider's id. Not found: it is sent once more. Where the provider cannot be asked (Telegram), the
 * message's kind decides (domain/messages.ts `whenOutcomeUnknowable`). A lookup that fails leaves it
 * unknown for the next sweep. Answers how each ended.
 */
export async function settleUnknownSends(runtime: Runtime): Promise<{ found: number; sentAgain: number; failed: number }> {
  const { sql, config } = runtime;
  const tally = { found: 0, sentAgain: 0, failed: 0 };
  const again: string[] = [];
  for (const id of await unknownSendsDue(sql, config.settleAfterSeconds)) {
    const claimed = await claimUnknown(sql, id);
    if (!claimed) continue; // another worker settles it
    const { message, since } = claimed;
    const sender = runtime.senders[message.transport];
    let candidates: SendReceipt[] | null = null;
    if (sender?.lookup) {
      try {
        // A minute early: the provider's clock and ours may differ.
        candidates = await sender.lookup(message, new Date(since.getTime() - 60_000));
      } catch (error) {
        runtime.logger.warn({ err: error, outboxId: id }, 'asking the provider about an unknown send failed; trying later');
        await returnToUnknown(sql, id);
        continue;
      }
    }
    const taken = candidates ? await knownProviderIds(sql, candidates.map((c) => c.providerId!).filter(Boolean)) : new Set<string>();
    const found = candidates?.find((c) => c.providerId && !taken.has(c.providerId));
    if (found) {
      await settleOutcome(sql, id, { found });
      tally.found += 1;
    } else if (message.attempts >= maxAttempts) {
      await settleOutcome(sql, id, { failed: `still unknown after ${message.attempts} attempts: check the provider before sending it again` });
      tally.failed += 1;
    } else if (candidates) {
      await settleOutcome(sql, id, { sendAgain: 'not found at the provider after its listing delay: sent again' });
      again.push(id);
    } else {
      const rule = whenOutcomeUnknowable[message.kind];
      if (rule.sendAgain) {
        await settleOutcome(sql, id, { sendAgain: `${message.transport} cannot be asked whether it had it: sent again (${rule.why})` });
        again.push(id);
      } else {
        await settleOutcome(sql, id, { failed: `${message.transport} cannot be asked whether it had it: not sent again (${rule.why})` });
        tally.failed += 1;
      }
    }
    await runtime.live.publish([{ kind: 'out', id }]);
  }
  tally.sentAgain = again.length;
  await enqueueOutbound(runtime.queues, again);
  if (tally.found + tally.sentAgain + tally.failed > 0) runtime.logger.warn(tally, 'settled sends whose outcome was unknown');
  return tally;
}
