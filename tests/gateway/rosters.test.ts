import { adminApi, countRows } from '../support/gateway';
import { proactiveGateway, runJobAt } from '../support/proactive';

const pia = '+8613900000011';
const nico = '+8613900000012';
const olga = '+8613900000013';

/**
 * Rosters (issue 21) on a manual clock, stores in Shanghai (UTC+8), grace 30 minutes (the default):
 *   Pia: Monday to Friday 09:00-17:00 at S1; Saturday 5 December split, 10:00-13:00 and 17:00-21:00 at
 *        S1; Sunday off. Also assigned to S2, where she has no shift.
 *   Nico: Fridays 22:00-06:00 at S2 (a night shift into Saturday).
 *   Olga: no roster: today's behaviour (every day from PROMOTER_SHIFT_START, 09:00).
 * 4 December 2026 is a Friday.
 */
const document = {
  stores: [
    { code: 'S1', name: 'Store One', timezone: 'Asia/Shanghai' },
    { code: 'S2', name: 'Store Two', timezone: 'Asia/Shanghai' },
  ],
  people: [
    { id: 'Pia', name: 'Pia Wu', role: 'promoter', phone: pia, language: 'en', timezone: 'Asia/Shanghai', stores: ['S1', 'S2'] },
    { id: 'Nico', name: 'Nico Xu', role: 'promoter', phone: nico, language: 'zh', timezone: 'Asia/Shanghai', stores: ['S2'] },
    { id: 'Olga', name: 'Olga Ma', role: 'promoter', phone: olga, language: 'en', timezone: 'Asia/Shanghai', stores: ['S1'] },
  ],
  shifts: [
    { person: 'Pia', store: 'S1', days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' },
    { person: 'Pia', store: 'S1', date: '2026-12-05', start: '10:00', end: '13:00' },
    { person: 'Pia', store: 'S1', date: '2026-12-05', start: '17:00', end: '21:00' },
    { person: 'Nico', store: 'S2', days: ['fri'], start: '22:00', end: '06:00' },
  ],
};

describe('rosters', () => {
  const ctx = proactiveGateway('2026-12-04T00:00:00Z', { SEND_WINDOWS: '00:00-24:00' }, document);
  const say = async (from: string, text: string, at: string) => {
    ctx.clock.set(at);
    const { json } = await adminApi(ctx.gateway, 'POST', '/api/v1/simulate', { from, text });
    return (json.replies as { text: string }[]).map((r) => r.text).join('\n');
  };
  const reminders = async () =>
    (await ctx.gateway.runtime.sql.query<{ person: string; body: string }>(`select person, body from outbox where kind = 'reminder' order by id`)).map(
      (r) => `${r.person}: ${r.body}`,
    );

  test('SHIFT answers the next shifts; check-ins are late after start plus grace, flagged off the roster; no reminder on a day off', async () => {
    // Friday 08:00.
    expect(await say(pia, 'SHIFT', '2026-12-04T00:00:00Z')).toBe(
      'Your next shifts: Fri 12-04 09:00-17:00 S1; Sat 12-05 10:00-13:00 S1; Sat 12-05 17:00-21:00 S1.',
    );
    // Three shifts in Chinese are two segments, split at a space.
    expect((await say(nico, '班次', '2026-12-04T00:00:00Z')).replace('\n', ' ')).toBe(
      '您接下来的班次：12-04 周五 22:00-06:00（次日） S2；12-11 周五 22:00-06:00（次日） S2；12-18 周五 22:00-06:00（次日） S2。',
    );
    expect(await say(olga, 'SHIFT', '2026-12-04T00:00:00Z')).toBe('You have no rostered shifts: check in every day at your usual start.');
    // Asked in words, the same answer.
    expect(await say(pia, 'when is my next shift?', '2026-12-04T00:00:00Z')).toBe(await say(pia, 'SHIFT', '2026-12-04T00:00:00Z'));

    // 09:30 is the last minute on time; 09:31 is one minute late.
    expect(await say(pia, 'IN S1', '2026-12-04T01:31:00Z')).toBe('Checked in at S1 Store One, 09:31. 1 min late for your 09:00 shift.');
    // Olga has no roster: reminded after 09:30; Pia checked in, Nico's shift has not begun.
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-04T01:45:00Z')).toMatchObject({ planned: 1, rostered: 0 });
    expect(await say(pia, 'OUT', '2026-12-04T09:00:00Z')).toBe('Checked out of S1 at 17:00 (7 h 29 min).');
    // At S2 at 18:00 she is on no shift: accepted, flagged.
    expect(await say(pia, 'IN S2', '2026-12-04T10:00:00Z')).toBe(
      'Checked in at S2 Store Two, 18:00. You are not rostered here now: flagged for your supervisor.',
    );
    await say(pia, 'OUT', '2026-12-04T10:30:00Z');

    // Nico's night shift: on time at 22:05; still open after midnight, and an hour after its end; closed itself at 06:00 once two hours passed.
    expect(await say(nico, '签到 S2', '2026-12-04T14:05:00Z')).toBe('已在 S2 Store Two 签到，22:05。');
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-04T16:30:00Z')).toMatchObject({ closedAtMidnight: 0 });
    expect(await countRows(ctx.gateway.runtime, `select 1 from checkins where person = 'Nico' and closed_at is null`)).toBe(1);
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-04T23:00:00Z')).toMatchObject({ closedAtMidnight: 0 });
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-05T00:00:00Z')).toMatchObject({ closedAtMidnight: 1 });
    const [closed] = await ctx.gateway.runtime.sql.query<{ closed_at: Date; close_reason: string }>(
      `select closed_at, close_reason from checkins where person = 'Nico'`,
    );
    expect(closed).toEqual({ closed_at: new Date('2026-12-04T22:00:00Z'), close_reason: 'shift-end' });

    // Saturday's split shift: the morning on time; no reminder at noon; the evening's reminder at 17:30 (not before).
    expect(await say(pia, 'IN S1', '2026-12-05T02:00:00Z')).toBe('Checked in at S1 Store One, 10:00.');
    await say(pia, 'OUT', '2026-12-05T05:00:00Z');
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-05T09:29:00Z')).toMatchObject({ rostered: 0 });
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-05T09:30:00Z')).toMatchObject({ rostered: 1 });
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-05T09:45:00Z')).toMatchObject({ rostered: 0 });

    // Sunday is her day off: Olga (no roster) is reminded, Pia is not.
    expect(await runJobAt(ctx, 'checkin-reminders', '2026-12-06T02:00:00Z')).toMatchObject({ rostered: 0, planned: 1 });
    expect(await reminders()).toEqual([
      'Olga: You have not checked in today. Send IN and your store code, e.g. IN S1.',
      'Olga: You have not checked in today. Send IN and your store code, e.g. IN S1.',
      'Pia: Your shift at S1 began at 17:00 and you have not checked in. Send IN S1.',
      'Olga: You have not checked in today. Send IN and your store code, e.g. IN S1.',
    ]);
    // The late minute and the off-roster check-in are in the check-ins' records.
    const flags = await ctx.gateway.runtime.sql.query<{ store: string; late_minutes: number | null; off_roster: boolean }>(
      `select store, late_minutes, off_roster from checkins where person = 'Pia' order by opened_at`,
    );
    expect(flags).toEqual([
      { store: 'S1', late_minutes: 1, off_roster: false },
      { store: 'S2', late_minutes: null, off_roster: true },
      { store: 'S1', late_minutes: 0, off_roster: false },
    ]);
    // The attendance report says so: per check-in in the API, per promoter in the console's figures.
    const { json } = await adminApi(ctx.gateway, 'GET', '/api/v1/reports/attendance?from=2026-12-04&to=2026-12-06');
    expect(
      json.checkIns
        .filter((c: { person: string }) => c.person === 'Pia')
        .map((c: { lateMinutes: number | null; offRoster: boolean }) => [c.lateMinutes, c.offRoster]),
    ).toEqual([
      [1, false],
      [null, true],
      [0, false],
    ]);
  });

  test('overlapping shifts of one promoter, a night shift into the next morning, or a date with days are refused per row; good rows land', async () => {
    const { json } = await adminApi(ctx.gateway, 'POST', '/api/v1/import', {
      shifts: [
        { person: 'Olga', store: 'S1', days: ['mon'], start: '08:00', end: '12:00' },
        { person: 'Olga', store: 'S1', days: ['mon', 'tue'], start: '11:00', end: '15:00' },
        { person: 'Olga', store: 'S1', days: ['sun'], start: '22:00', end: '06:00' },
        { person: 'Olga', store: 'S1', days: ['mon'], start: '05:00', end: '07:00' },
        { person: 'Olga', store: 'S1', date: '2026-12-20', days: ['sun'], start: '09:00', end: '10:00' },
        { person: 'Olga', store: 'S1', date: '2026-12-20', start: '09:00', end: '25:00' },
        { person: 'Olga', store: 'S1', days: ['sat'], start: '12:00', end: '20:00' },
      ],
    });
    expect(json.errors.map((e: { index: number; field: string; message: string }) => [e.index, e.field, e.message])).toEqual([
      [1, 'start', "overlaps row 0 of Olga's shifts"],
      [3, 'start', "overlaps row 2 of Olga's shifts"],
      [4, 'date', 'give a date or days of the week, not both'],
      [5, 'end', 'expected HH:MM (00:00–24:00)'],
    ]);
    expect(json.counts).toEqual({ shifts: 3 });
    expect(await countRows(ctx.gateway.runtime, `select 1 from shifts where person = 'Olga'`)).toBe(3);
  });
});
