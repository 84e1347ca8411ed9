import twilio from 'twilio';
import { twilioSender } from '../../adapters/sms/twilio';
import { sdkRequestClient } from '../../adapters/sms/twilioHttp';

/**
 * A reference for sending: the twilio SDK alone, sending to the same fake Twilio from a process of
 * its own with as many requests in flight as the gateway has (no database, no queue, no policy).
 * CLIENT=sdk: the SDK with its own HTTP client (axios), as Twilio ships it; otherwise the gateway's
 * sender (the SDK over node's http). Prints its rate, and the CPU it used (start-up included), as
 * JSON on stdout.
 */
const messages = Number(process.env.MESSAGES);
const inFlight = Number(process.env.IN_FLIGHT);
const config = { accountSid: process.env.TWILIO_ACCOUNT_SID!, authToken: process.env.TWILIO_AUTH_TOKEN!, from: process.env.TWILIO_FROM! };

function sendThrough(): (i: number) => Promise<unknown> {
  const to = (i: number) => `+861390${String(i).padStart(7, '0')}`;
  const text = (i: number) => `Reminder: invoice INV-B${i} for ¥100.00 is due on 26 Nov. Thank you for paying on time.`;
  if (process.env.CLIENT === 'sdk') {
    const client = twilio(config.accountSid, config.authToken, {
      httpClient: sdkRequestClient(new URL(process.env.TWILIO_API_BASE_URL!)) as unknown as twilio.RequestClient,
      lazyLoading: true,
    });
    return (i) => client.messages.create({ to: to(i), body: text(i), from: config.from });
  }
  const sender = twilioSender({ ...config, apiBaseUrl: process.env.TWILIO_API_BASE_URL! });
  return (i) =>
    sender.send({ id: String(i), channel: 'sms', transport: 'twilio', to: to(i), text: text(i), keyboard: null, attempts: 1, kind: 'dunning' }, null);
}

async function main(): Promise<void> {
  const send = sendThrough();
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < messages; i = next++) await send(i);
    }),
  );
  const seconds = (Date.now() - started) / 1000;
  const { user, system } = process.cpuUsage();
  console.log(JSON.stringify({ messages, inFlight, seconds, messagesPerSecond: messages / seconds, cpuSeconds: (user + system) / 1e6 }));
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
