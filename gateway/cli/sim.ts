import { parseArgs } from 'node:util';
import { callAdminApi, gatewayUrl } from './client';

/**
 * `npm run sim -- --from +8613800000001 "STOCK A100"`: sends a message through the running
 * gateway's pipeline as if it came from that phone (or `--channel telegram --from tg:123`) and prints the replies.
 */
async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    options: { from: { type: 'string' }, channel: { type: 'string', default: 'sms' } },
    allowPositionals: true,
  });
  const text = positionals.join(' ');
  if (!values.from || !text) {
    console.error('usage: npm run sim -- --from +8613800000001 [--channel sms|telegram] "STOCK A100"');
    process.exit(2);
  }
  const { status, json } = await callAdminApi('POST', '/api/v1/simulate', { from: values.from, text, channel: values.channel });
  if (status !== 200) {
    console.error(`fieldline sim: ${status} ${JSON.stringify((json as { error?: unknown })?.error ?? json)}`);
    process.exit(1);
  }
  const { replies } = json as { replies: { to: string; text: string }[] };
  if (replies.length === 0) console.log('(no reply)');
  for (const reply of replies) console.log(`→ ${reply.to}: ${reply.text}`);
}

main().catch((error: Error) => {
  console.error(
    `fieldline sim: ${error.message}${(error.cause as Error | undefined)?.message ? ` (${(error.cause as Error).message}; is the gateway running at ${gatewayUrl()}?)` : ''}`,
  );
  process.exit(1);
});
