import { ConfigError, loadConfig } from '../../gateway/config';

describe('configuration from the environment', () => {
  test('defaults as interfaces.md lists them', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      port: 3000,
      publicUrl: 'http://localhost:3000',
      databaseUrl: null,
      redisUrl: 'redis://127.0.0.1:6379',
      adminApiKey: null,
      twilio: null,
      telegram: null,
      defaultTimezone: 'Asia/Shanghai',
    });
  });

  test.each([
    [{ PORT: 'eighty' }, /^PORT is malformed/],
    [{ DATABASE_URL: 'mysql://x' }, /^DATABASE_URL is malformed/],
    [{ DEFAULT_TIMEZONE: 'Mars/Olympus' }, /^DEFAULT_TIMEZONE is malformed: not an IANA time zone/],
    [{ TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}` }, /^TWILIO_AUTH_TOKEN is missing/],
    [{ TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't' }, /^TWILIO_FROM is missing: set TWILIO_FROM or TWILIO_MESSAGING_SERVICE_SID/],
    [{ TWILIO_ACCOUNT_SID: 'SK123' }, /^TWILIO_ACCOUNT_SID is malformed/],
    [{ TELEGRAM_BOT_TOKEN: '123:abc' }, /^TELEGRAM_WEBHOOK_SECRET is missing/],
    [{ ADMIN_API_KEY: 'short' }, /^ADMIN_API_KEY is malformed: must be at least 8 characters/],
  ])('%j is refused in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('a messaging service may stand in for a From number', () => {
    const config = loadConfig({ TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't', TWILIO_MESSAGING_SERVICE_SID: `MG${'2'.repeat(32)}` });
    expect(config.twilio).toMatchObject({ messagingServiceSid: `MG${'2'.repeat(32)}`, apiBaseUrl: 'https://api.twilio.com' });
  });
});
