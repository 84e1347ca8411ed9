import { gate, localDay, nextOpening, parseSendWindows, type ContactPolicy, type GateInput } from '../../domain/contactPolicy';

const nineToEight = { open: 9 * 60, close: 20 * 60 };
const ny = 'America/New_York';

describe('quiet hours on the recipient’s wall clock', () => {
  test.each([
    // label, at (UTC), zone, expected opening (UTC)
    ['inside the window: at once', '2026-11-23T03:00:00Z', 'Asia/Shanghai', '2026-11-23T03:00:00Z'],
    ['before 09:00 Shanghai: today at 09:00', '2026-11-22T23:30:00Z', 'Asia/Shanghai', '2026-11-23T01:00:00Z'],
    ['20:00 Shanghai sharp is closed: tomorrow 09:00', '2026-11-23T12:00:00Z', 'Asia/Shanghai', '2026-11-24T01:00:00Z'],
    ['New York evening before the fall-back night: 09:00 EST next day', '2026-11-01T01:30:00Z', ny, '2026-11-01T14:00:00Z'],
    ['New York during the repeated hour 01:30: 09:00 EST the same day', '2026-11-01T06:30:00Z', ny, '2026-11-01T14:00:00Z'],
    ['New York before spring-forward: 09:00 EDT', '2026-03-08T06:00:00Z', ny, '2026-03-08T13:00:00Z'],
    ['Hong Kong has no DST', '2026-11-23T13:00:00Z', 'Asia/Hong_Kong', '2026-11-24T01:00:00Z'],
  ])('%s', (_, at, zone, expected) => {
    expect(nextOpening(new Date(at), zone, nineToEight).toISOString()).toBe(new Date(expected).toISOString());
  });

  test('a window that opens in a spring-forward gap opens just after it, once', () => {
    const window = { open: 2 * 60 + 30, close: 5 * 60 };
    expect(nextOpening(new Date('2026-03-08T06:00:00Z'), ny, window).toISOString()).toBe('2026-03-08T07:30:00.000Z'); // 03:30 EDT
  });

  test('an overnight window and an always-open one', () => {
    const night = { open: 22 * 60, close: 6 * 60 };
    expect(nextOpening(new Date('2026-11-23T18:00:00Z'), 'Asia/Shanghai', night).toISOString()).toBe('2026-11-23T18:00:00.000Z'); // 02:00 local: inside
    expect(nextOpening(new Date('2026-11-23T04:00:00Z'), 'Asia/Shanghai', night).toISOString()).toBe('2026-11-23T14:00:00.000Z');
    expect(nextOpening(new Date('2026-11-23T20:00:00Z'), 'Asia/Shanghai', { open: 0, close: 1440 }).toISOString()).toBe('2026-11-23T20:00:00.000Z');
  });

  test('the local day around the fall-back change is 25 hours long', () => {
    const day = localDay(new Date('2026-11-01T15:00:00Z'), ny);
    expect([day.start.toISOString(), day.end.toISOString()]).toEqual(['2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z']);
  });

  test('SEND_WINDOWS: a default, per-kind overrides, and refusals that say why', () => {
    const parsed = parseSendWindows('08:30-21:00,alert=00:00-24:00');
    expect(parsed.ok && parsed.value).toMatchObject({
      dunning: { open: 510, close: 1260 },
      birthday: { open: 510, close: 1260 },
      alert: { open: 0, close: 1440 },
    });
    expect(parseSendWindows('9-20')).toEqual({ ok: false, error: '"9-20" is not [kind=]HH:MM-HH:MM' });
    expect(parseSendWindows('gossip=09:00-10:00').ok).toBe(false);
    expect(parseSendWindows('09:75-10:00').ok).toBe(false);
  });
});

describe('the gate', () => {
  const windows = parseSendWindows('09:00-20:00');
  const policy: ContactPolicy = { windows: windows.ok ? windows.value : (undefined as never), dailyCap: 2 };
  const noon = new Date('2026-11-23T04:00:00Z'); // 12:00 Shanghai
  const message = { kind: 'dunning' as const, zone: 'Asia/Shanghai', expiresAt: null, optedOut: false, reasonHolds: true, countedToday: 0 };

  test.each([
    ['sends inside the window under the cap', {}, { send: true }],
    ['cancels for an opted-out number', { optedOut: true }, { cancel: 'OPTED_OUT' }],
    ['cancels when the reason has gone', { reasonHolds: false }, { cancel: 'REASON_GONE' }],
    ['defers a capped dunning step to tomorrow’s opening', { countedToday: 2 }, { defer: new Date('2026-11-24T01:00:00Z'), why: 'daily-cap' }],
    [
      'cancels a capped birthday greeting that would be a day late',
      { kind: 'birthday', countedToday: 2, expiresAt: new Date('2026-11-23T16:00:00Z') },
      { cancel: 'CAPPED' },
    ],
    ['never holds back an approval request for the cap', { kind: 'approval', countedToday: 9 }, { send: true }],
    ['never holds back an alert for the cap', { kind: 'alert', countedToday: 9 }, { send: true }],
    ['cancels what expired', { expiresAt: noon }, { cancel: 'EXPIRED' }],
  ])('%s', (_, change, expected) => {
    expect(gate({ ...message, ...(change as Partial<GateInput>) }, noon, policy)).toEqual(expected);
  });

  test('defers at night, to the recipient’s opening, not the server’s', () => {
    expect(gate({ ...message, zone: ny }, noon, policy)).toEqual({ defer: new Date('2026-11-23T14:00:00Z'), why: 'quiet-hours' }); // 23:00 in New York
  });
});
