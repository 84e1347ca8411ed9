import { whenOutcomeUnknowable, proactiveKinds } from '../../domain/messages';
import { eventually, gatewayWithFakeTelegram, telegramSecret } from '../support/gateway';

/** A send whose outcome is unknown where the provider cannot be asked (Telegram): the kind's rule decides, and says so on the message. */
describe('unknown outcomes on Telegram', () => {
  const env = gatewayWithFakeTelegram({ env: { SETTLE_AFTER_SECONDS: '1' } });

  test('every kind has a written rule; all are sent again', () => {
    for (const kind of ['reply', ...proactiveKinds] as const) {
      expect(whenOutcomeUnknowable[kind].sendAgain).toBe(true);
      expect(whenOutcomeUnknowable[kind].why.length).toBeGreaterThan(10);
    }
  });

  test('a reply whose answer was lost is sent again once, with the reason on the message', async () => {
    let sends = 0;
    env.telegram.respondWith((call) => (call.method === 'sendMessage' && ++sends === 1 ? 'reset' : null));
    const response = await fetch(`${env.gateway.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret },
      body: JSON.stringify({
        update_id: 77001,
        message: {
          message_id: 1,
          date: 1_764_000_000,
          chat: { id: 500000002, type: 'private' },
          from: { id: 500000002, is_bot: false, first_name: 'Diana' },
          text: '/stock A100',
        },
      }),
    });
    expect(response.status).toBe(200);
    const row = await eventually(async () => {
      const [found] = await env.gateway.runtime.sql.query<{ status: string; attempts: number; settlement: string | null }>(
        `select o.status, o.attempts, o.settlement from outbox o join inbox i on i.id = o.in_reply_to where i.external_id = '77001'`,
      );
      return found && found.status !== 'unknown' && found.status !== 'sending' && found.status !== 'pending' ? found : undefined;
    }, 15_000);
    expect(row.status).toBe('sent');
    expect(row.attempts).toBe(2);
    expect(row.settlement).toMatch(/^telegram cannot be asked whether it had it: sent again/);
    expect(env.telegram.sent('sendMessage')).toHaveLength(2);
  });
});
