import { twilioSender } from '../../adapters/sms/twilio';

/**
 * A second reference for dispatch: the twilio SDK alone, sending to the same fake Twilio from a
 * process of its own with as many requests in flight as the dispatcher has (no database, no queue,
 * no policy). Prints its rate, and the CPU it used (start-up included), as JSON on stdout.
 */
const messages = Number(process.env.MESSAGES);
const inFlight = Number(process.env.IN_FLIGHT);

async function main(): Promise<void> {
  const sender = twilioSender({
    accountSid: process.env.TWILIO_ACCOUNT_SID!,
    authToken: process.env.TWILIO_AUTH_TOKEN!,
    from: process.env.TWILIO_FROM!,
    apiBaseUrl: process.env.TWILIO_API_BASE_URL!,
  });
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      for (let i = next++; i < messages; i = next++) {
        await sender.send(
          {
            id: String(i),
            channel: 'sms',
            transport: 'twilio',
            to: `+861390${String(i).padStart(7, '0')}`,
            text: `Reminder: invoice INV-B${i} for ¥100.00 is due on 26 Nov. Thank you for paying on time.`,
            keyboard: null,
            attempts: 1,
            kind: 'dunning',
          },
          null,
        );
      }
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
