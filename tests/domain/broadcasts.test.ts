import { checkRequest, previewBroadcast, textCost, type BroadcastOptions, type Candidate } from '../../domain/broadcasts';
import { parseSendWindows } from '../../domain/contactPolicy';

const windows = parseSendWindows('09:00-20:00');
if (!windows.ok) throw new Error('windows');
/** 20:00 in Shanghai, 07:00 in New York. */
const now = new Date('2026-11-23T12:00:00Z');
const options: BroadcastOptions = {
  now,
  policy: { windows: windows.value, dailyCap: 3 },
  pricePerSegment: 0.05,
  currency: 'USD',
  smsPerSecond: 1,
  maxSegments: 3,
};
const person = (id: string, change: Partial<Candidate> = {}): Candidate => ({
  id,
  name: id,
  language: 'zh',
  zone: 'Asia/Shanghai',
  addresses: { sms: `+86138000000${id.length}` },
  optedOut: [],
  countedToday: 0,
  ...change,
});
const both = { en: 'New promotion: A100 at 299 until Sunday.', zh: '新促销：A100 周日前特价 299 元。' };
const han = (n: number) => '通'.repeat(n);
const ascii = (n: number) => 'a'.repeat(n);

describe('a broadcast request', () => {
  test.each([
    ['an empty audience', { texts: both, audience: {}, sendAt: null }, { code: 'BROADCAST.NO_AUDIENCE' }],
    ['an audience of empty lists', { texts: both, audience: { roles: [], people: [] }, sendAt: null }, { code: 'BROADCAST.NO_AUDIENCE' }],
    ['no text at all', { texts: { en: '  ', zh: '' }, audience: { roles: ['promoter'] }, sendAt: null }, { code: 'BROADCAST.NO_TEXT', language: null }],
    [
      'a Chinese text of four segments',
      { texts: { zh: han(202) }, audience: { roles: ['promoter'] }, sendAt: null },
      { code: 'BROADCAST.TOO_LONG', language: 'zh', segments: 4, max: 3 },
    ],
    [
      'a send time in the past',
      { texts: both, audience: { roles: ['promoter'] }, sendAt: new Date('2026-11-23T11:00:00Z') },
      { code: 'BROADCAST.SEND_AT', reason: 'past' },
    ],
    [
      'a send time 36 days ahead',
      { texts: both, audience: { roles: ['promoter'] }, sendAt: new Date('2026-12-29T12:00:00Z') },
      { code: 'BROADCAST.SEND_AT', reason: 'too-far' },
    ],
  ] as const)('refuses %s', (_, request, error) => {
    expect(checkRequest(request as never, options)).toEqual({ ok: false, error });
  });

  test('takes a good one, its texts trimmed; 35 days ahead is still in range', () => {
    const sendAt = new Date('2026-12-28T11:00:00Z');
    expect(checkRequest({ texts: { en: ' Hello ', zh: both.zh }, audience: { regions: ['east'] }, sendAt }, options)).toEqual({
      ok: true,
      value: { texts: { en: 'Hello', zh: both.zh }, audience: { regions: ['east'] }, sendAt },
    });
  });
});

describe('segments, as the provider counts them', () => {
  test.each([
    ['70 Chinese characters', han(70), { segments: 1, encoding: 'UCS-2' }],
    ['71 Chinese characters', han(71), { segments: 2, encoding: 'UCS-2' }],
    ['160 GSM-7 characters', ascii(160), { segments: 1, encoding: 'GSM-7' }],
    ['161 GSM-7 characters', ascii(161), { segments: 2, encoding: 'GSM-7' }],
    ['160 characters with one Chinese', ascii(159) + '通', { segments: 3, encoding: 'UCS-2' }],
  ])('%s', (_, text, expected) => {
    expect(textCost(text)).toMatchObject(expected);
  });
});

describe('the preview', () => {
  test('the cheapest reachable channel; who is left out and why; cost of the SMS only', () => {
    const preview = previewBroadcast(
      { texts: both, audience: { roles: ['promoter'] }, sendAt: null },
      [
        person('smsOnly'),
        person('hasTelegram', { addresses: { sms: '+8613800000011', telegram: 'tg:11' } }),
        person('stoppedSms', { optedOut: ['sms'] }),
        person('nothing', { addresses: {} }),
        person('stoppedSmsHasTelegram', { addresses: { sms: '+8613800000012', telegram: 'tg:12' }, optedOut: ['sms'] }),
        person('english', { language: 'en' }),
      ],
      { ...options, now: new Date('2026-11-23T04:00:00Z') }, // 12:00 in Shanghai: the window is open
    );
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    expect(preview.value.recipients.map((r) => [r.person, r.channel, r.heldFor])).toEqual([
      ['smsOnly', 'sms', null],
      ['hasTelegram', 'telegram', null],
      ['stoppedSmsHasTelegram', 'telegram', null],
      ['english', 'sms', null],
    ]);
    expect(preview.value.excluded).toEqual([
      { person: 'stoppedSms', name: 'stoppedSms', why: 'opted-out' },
      { person: 'nothing', name: 'nothing', why: 'unreachable' },
    ]);
    expect(preview.value.texts).toEqual({ zh: { parts: 1, segments: 1, encoding: 'UCS-2' }, en: { parts: 1, segments: 1, encoding: 'GSM-7' } });
    expect(preview.value.byChannel).toEqual({ sms: { recipients: 2, segments: 2, cost: 0.1 }, telegram: { recipients: 2, segments: 0, cost: 0 } });
    expect(preview.value.cost).toBe(0.1);
  });

  test('quiet hours in two zones: the finish is the later opening, then the provider’s pace', () => {
    const preview = previewBroadcast(
      { texts: { zh: han(71), en: 'Warehouse SH closed on Friday.' }, audience: { roles: ['driver'] }, sendAt: null },
      [person('shanghai'), person('newYork', { zone: 'America/New_York', language: 'en' }), person('shanghai2')],
      options,
    );
    if (!preview.ok) throw new Error(JSON.stringify(preview.error));
    // The broadcast window is 10:00–19:00: Shanghai (20:00 now) waits for tomorrow 10:00; New York (07:00) for 10:00 today.
    expect(preview.value.recipients.map((r) => [r.person, r.notBefore.toISOString(), r.heldFor])).toEqual([
      ['shanghai', '2026-11-24T02:00:00.000Z', 'quiet-hours'],
      ['newYork', '2026-11-23T15:00:00.000Z', 'quiet-hours'],
      ['shanghai2', '2026-11-24T02:00:00.000Z', 'quiet-hours'],
    ]);
    // 71 Chinese characters are one message of 2 segments; at 1 SMS a second the second Shanghai one leaves a second later.
    expect(preview.value.texts.zh).toEqual({ parts: 1, segments: 2, encoding: 'UCS-2' });
    expect(preview.value.finishedBy!.toISOString()).toBe('2026-11-24T02:00:02.000Z');
    expect(preview.value.cost).toBe(0.25); // 2 + 2 + 1 segments
  });

  test('a recipient at the daily cap gets it at the next day’s opening', () => {
    const preview = previewBroadcast({ texts: both, audience: { roles: ['dealer'] }, sendAt: null }, [person('busy', { countedToday: 3 })], {
      ...options,
      now: new Date('2026-11-23T04:00:00Z'),
    });
    expect(preview.ok && preview.value.recipients.map((r) => [r.notBefore.toISOString(), r.heldFor])).toEqual([['2026-11-24T02:00:00.000Z', 'daily-cap']]);
  });

  test('refuses when a needed language has no text, or nobody is left', () => {
    expect(
      previewBroadcast({ texts: { zh: both.zh }, audience: { roles: ['dealer'] }, sendAt: null }, [person('a'), person('b', { language: 'en' })], options),
    ).toEqual({
      ok: false,
      error: { code: 'BROADCAST.NO_TEXT', language: 'en', recipients: 1 },
    });
    expect(previewBroadcast({ texts: both, audience: { roles: ['dealer'] }, sendAt: null }, [person('gone', { optedOut: ['sms'] })], options)).toEqual({
      ok: false,
      error: { code: 'BROADCAST.NOBODY', excluded: 1 },
    });
  });

  test('a named id the audience found nobody for (a stale list, or someone outside the sender’s people) is said, once', () => {
    const preview = previewBroadcast({ texts: both, audience: { people: ['a', 'ghost', 'a', 'ghost'] }, sendAt: null }, [person('a')], options);
    expect(preview.ok && [preview.value.recipients.map((r) => r.person), preview.value.excluded]).toEqual([
      ['a'],
      [{ person: 'ghost', name: 'ghost', why: 'unknown' }],
    ]);
  });
});
