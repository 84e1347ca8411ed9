import fc from 'fast-check';
import { validateImportDocument } from '../../domain/import';
import { hostileProperties, hostileText } from '../support/hostile';
import { countRows, gatewayWithFakeTelegram, gatewayWithFakeTwilio, postTwilio, telegramSecret } from '../support/gateway';

/**
 * Bad input at volume (issue 17, part 5), a few thousand generated inputs per run: the parsers
 * never throw past their boundary, and a webhook with a hostile body answers 2xx or 4xx — never a
 * 5xx a provider would retry for ever — and a refused one stores nothing.
 */
const text = hostileText;

describe('the parsers never throw', () => {
  // Found by the import property: a kind named like an Object method (`constructor`) threw.
  test('an import kind named like an Object method is an unknown kind', () => {
    for (const kind of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(validateImportDocument(JSON.parse(`{"${kind}": [{}]}`), 'CN').errors[0]).toMatchObject({ kind, message: expect.stringMatching(/^unknown kind/) });
  });
  test.each([
    ['the lexer and the typed-command reader, on any text', 'lexer', 3000],
    ['the location parser, on any text and on mangled location forms', 'location', 3000],
    ['the import document, on any JSON: it is refused with errors, or validated', 'importDocument', 2000],
    ['a Telegram update, whatever its fields hold: a message, the reason it is ignored, or malformed', 'telegramUpdate', 3000],
  ] as const)('%s', (_label, name, numRuns) => {
    fc.assert(hostileProperties[name], { numRuns });
  });
});

describe('hostile webhook bodies', () => {
  const setup = gatewayWithFakeTwilio();
  const stored = () => countRows(setup.gateway.runtime, 'select 1 from inbox');

  test('Twilio: any signed form answers 200 or 4xx; a refused one stores nothing', async () => {
    const form = fc.record({
      MessageSid: fc.option(fc.oneof(fc.stringMatching(/^SM[0-9a-f]{32}$/), text), { nil: undefined }),
      From: fc.option(fc.oneof(fc.constantFrom('+8613800000002', '+15005550006', '13800000002'), text), { nil: undefined }),
      Body: fc.option(text, { nil: undefined }),
      NumMedia: fc.option(text, { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(form, async (raw) => {
        const fields = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)) as Record<string, string>;
        const before = await stored();
        const { status } = await postTwilio(setup.gateway, '/webhooks/twilio/sms', fields);
        expect(status === 200 || (status >= 400 && status < 500)).toBe(true);
        if (status !== 200) expect(await stored()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  test('Twilio: a NUL byte in the text, a body too large, a body that is not a form: 4xx, nothing stored', async () => {
    const before = await stored();
    const nul = await postTwilio(setup.gateway, '/webhooks/twilio/sms', { MessageSid: 'SMnul', From: '+8613800000002', Body: 'ORDER\u0000A100' });
    expect(nul.status).toBe(400);
    const huge = await postTwilio(setup.gateway, '/webhooks/twilio/sms', { MessageSid: 'SMhuge', From: '+8613800000002', Body: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const json = await fetch(`${setup.gateway.url}/webhooks/twilio/sms`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":' });
    expect(json.status).toBe(400);
    const badUtf8 = await fetch(`${setup.gateway.url}/webhooks/twilio/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: Buffer.from([0x42, 0x6f, 0x64, 0x79, 0x3d, 0xff, 0xfe, 0x25, 0xc3]),
    });
    expect(badUtf8.status).toBeGreaterThanOrEqual(400);
    expect(badUtf8.status).toBeLessThan(500);
    expect(await stored()).toBe(before);
  });
});

describe('hostile Telegram updates', () => {
  const env = gatewayWithFakeTelegram();
  const post = (body: string) =>
    fetch(`${env.gateway.url}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': telegramSecret },
      body,
    });

  test('any JSON, deeply nested or of the wrong types: 200 or 4xx; a refused one stores nothing', async () => {
    const value = fc.jsonValue({ maxDepth: 4 });
    const update = fc.oneof(
      value,
      fc.record({ update_id: fc.oneof(fc.integer(), value), message: fc.dictionary(fc.constantFrom('text', 'chat', 'from', 'location', 'contact'), value) }),
    );
    await fc.assert(
      fc.asyncProperty(update, async (raw) => {
        const before = await countRows(env.gateway.runtime, 'select 1 from inbox');
        const response = await post(JSON.stringify(raw));
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) expect(await countRows(env.gateway.runtime, 'select 1 from inbox')).toBe(before);
      }),
      { numRuns: 150 },
    );
    const deep = await post(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`);
    expect(deep.status).toBe(400);
    const nul = await post(
      JSON.stringify({
        update_id: 99,
        message: { message_id: 1, date: 1, chat: { id: 5, type: 'private' }, from: { id: 5, is_bot: false, first_name: 'x' }, text: 'a\u0000b' },
      }),
    );
    expect(nul.status).toBe(400);
  });
});
