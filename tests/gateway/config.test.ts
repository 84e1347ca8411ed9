import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
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
    [{ SEND_WINDOWS: '9-20' }, /^SEND_WINDOWS is malformed: "9-20" is not \[kind=\]HH:MM-HH:MM/],
    [{ SEND_WINDOWS: 'spam=09:00-10:00' }, /^SEND_WINDOWS is malformed: unknown message kind "spam"/],
    [{ DUNNING_LADDER: '-3,soon' }, /^DUNNING_LADDER is malformed: "soon" is not a day offset/],
    [{ DAILY_MESSAGE_CAP: '-1' }, /^DAILY_MESSAGE_CAP is malformed/],
    [{ DUNNING_SCHEDULE: 'daily' }, /^DUNNING_SCHEDULE is malformed: expected a cron pattern/],
    [{ BIRTHDAYS_SCHEDULE: '0 * * * * Mars/Olympus' }, /^BIRTHDAYS_SCHEDULE is malformed: Mars\/Olympus is not an IANA time zone/],
    [{ SMS_PRICE_CURRENCY: 'yuan' }, /^SMS_PRICE_CURRENCY is malformed/],
    [{ WECHAT_APP_ID: 'wx1' }, /^WECHAT_TOKEN is missing: WeChat needs WECHAT_APP_ID, WECHAT_APP_SECRET and WECHAT_TOKEN together/],
    [{ WECHAT_TEMPLATES: 'dunning=T1,spam=T2' }, /^WECHAT_TEMPLATES is malformed: expected kind=TEMPLATE_ID with a kind among approval, .*, got spam=T2/],
    [{ WECHAT_ENCODING_AES_KEY: 'short' }, /^WECHAT_ENCODING_AES_KEY is malformed/],
  ])('%j is refused in one line naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  test('proactive defaults: quiet hours 09:00-20:00, cap 3, the ladder, schedules in the default zone; each overridable', () => {
    const config = loadConfig({ SEND_WINDOWS: '08:00-21:00,alert=00:00-24:00', DUNNING_SCHEDULE: '30 8 * * 1-5 America/New_York', BIRTHDAYS_SCHEDULE: 'off' });
    expect(config.contactPolicy.windows).toMatchObject({ dunning: { open: 480, close: 1260 }, alert: { open: 0, close: 1440 } });
    expect(config.schedules).toMatchObject({
      dunning: { pattern: '30 8 * * 1-5', tz: 'America/New_York' },
      birthdays: null,
      'alert-escalation': { pattern: '*/5 * * * *', tz: 'Asia/Shanghai' },
    });
    expect(loadConfig({})).toMatchObject({
      contactPolicy: { dailyCap: 3, windows: { birthday: { open: 540, close: 1200 } } },
      dunningLadder: [
        { days: -3, action: 'remind' },
        { days: 0, action: 'remind' },
        { days: 7, action: 'remind' },
        { days: 14, action: 'remind' },
        { days: 30, action: 'alert' },
      ],
      rates: { twilio: 1, telegram: 30, telegramChat: 1 },
    });
  });

  test('WeChat templates per kind', () => {
    const config = loadConfig({ WECHAT_APP_ID: 'wx1', WECHAT_APP_SECRET: 's', WECHAT_TOKEN: 't', WECHAT_TEMPLATES: ' dunning = T-1 ,approval=T-2' });
    expect(config.wechat).toMatchObject({ appId: 'wx1', encodingAesKey: null, templates: { dunning: 'T-1', approval: 'T-2' } });
  });

  test('a messaging service may stand in for a From number', () => {
    const config = loadConfig({ TWILIO_ACCOUNT_SID: `AC${'1'.repeat(32)}`, TWILIO_AUTH_TOKEN: 't', TWILIO_MESSAGING_SERVICE_SID: `MG${'2'.repeat(32)}` });
    expect(config.twilio).toMatchObject({ messagingServiceSid: `MG${'2'.repeat(32)}`, apiBaseUrl: 'https://api.twilio.com' });
  });

  test.each([
    ['web', '4'],
    ['worker', '16'],
    ['all', '16'],
    ['', '16'],
  ])('npm start with PROCESS_ROLE=%j runs node with its young generation at %s MB', (role, semiSpaceMb) => {
    const root = join(__dirname, '..', '..');
    const start = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;
    // The script as npm's shell runs it, printing node's arguments instead of starting the gateway.
    const argv = execFileSync('sh', ['-c', start.replace(/^node /, 'echo ')], { cwd: root, env: { ...process.env, PROCESS_ROLE: role }, encoding: 'utf8' })
      .trim()
      .split(' ');
    expect(argv).toEqual(['--max-old-space-size=256', `--max-semi-space-size=${semiSpaceMb}`, 'gateway/cli/start.cjs']);
  });
});
