import fc from 'fast-check';
import { lateMinutes, minutesOf, nextShifts, overlap, shiftAt, shiftsOn, type Shift } from '../../domain/roster';

const weekly = (weekdays: number[], start: string, end: string, store = 'S1', zone = 'Asia/Shanghai'): Shift => ({
  store,
  zone,
  date: null,
  weekdays,
  start: minutesOf(start)!,
  end: minutesOf(end)!,
});
const dated = (date: string, start: string, end: string): Shift => ({ ...weekly([], start, end), date });

describe('rosters', () => {
  test.each([
    ['two weekly shifts on a common day whose times meet', weekly([1], '08:00', '12:00'), weekly([1, 2], '11:59', '15:00'), true],
    ['back to back is no overlap', weekly([1], '08:00', '12:00'), weekly([1], '12:00', '15:00'), false],
    ['a night shift reaches into the next morning', weekly([5], '22:00', '06:00'), weekly([6], '05:00', '09:00'), true],
    ['Sunday night into Monday morning (the week wraps)', weekly([7], '22:00', '06:00'), weekly([1], '05:59', '07:00'), true],
    ['Sunday night, Monday after it ends', weekly([7], '22:00', '06:00'), weekly([1], '06:00', '07:00'), false],
    ['two dated shifts on a day', dated('2026-12-05', '10:00', '13:00'), dated('2026-12-05', '12:00', '14:00'), true],
    ['a dated night shift into the next dated morning', dated('2026-12-05', '22:00', '02:00'), dated('2026-12-06', '01:00', '03:00'), true],
    ['a dated shift replaces the weekly ones of its day: never an overlap', dated('2026-12-07', '09:00', '17:00'), weekly([1], '09:00', '17:00'), false],
  ])('%s', (_name, a, b, expected) => {
    expect(overlap(a, b)).toBe(expected);
    expect(overlap(b, a)).toBe(expected);
  });

  test('overlap is symmetric for any two weekly shifts', () => {
    const shift = fc.record({
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }),
      start: fc.integer({ min: 0, max: 1439 }),
      end: fc.integer({ min: 0, max: 1440 }),
    });
    fc.assert(fc.property(shift, shift, (a, b) => overlap({ ...a, date: null }, { ...b, date: null }) === overlap({ ...b, date: null }, { ...a, date: null })));
  });

  test('a day: dated shifts replace the weekly pattern; a night shift ends the next day; late after start plus grace', () => {
    const roster = [weekly([1, 2, 3, 4, 5], '09:00', '17:00'), dated('2026-12-04', '22:00', '06:00')];
    expect(shiftsOn(roster, '2026-12-03').map((s) => [s.from.toISOString(), s.to.toISOString()])).toEqual([
      ['2026-12-03T01:00:00.000Z', '2026-12-03T09:00:00.000Z'],
    ]);
    expect(shiftsOn(roster, '2026-12-04').map((s) => [s.from.toISOString(), s.to.toISOString()])).toEqual([
      ['2026-12-04T14:00:00.000Z', '2026-12-04T22:00:00.000Z'],
    ]);
    expect(shiftsOn(roster, '2026-12-06')).toEqual([]);
    // 05:30 on Saturday belongs to Friday's night shift; 13:00 on Friday to none (the dated one replaced the weekly one).
    expect(shiftAt(roster, new Date('2026-12-04T21:30:00Z'))?.day).toBe('2026-12-04');
    expect(shiftAt(roster, new Date('2026-12-04T05:00:00Z'))).toBeNull();
    // An hour early belongs to the shift; earlier does not.
    expect(shiftAt(roster, new Date('2026-12-03T00:00:00Z'))?.day).toBe('2026-12-03');
    expect(shiftAt(roster, new Date('2026-12-02T23:59:00Z'))).toBeNull();
    const thursday = shiftsOn(roster, '2026-12-03')[0]!;
    expect(lateMinutes(thursday, new Date('2026-12-03T01:30:00Z'), 30)).toBe(0);
    expect(lateMinutes(thursday, new Date('2026-12-03T01:31:00Z'), 30)).toBe(1);
    expect(nextShifts(roster, new Date('2026-12-04T00:00:00Z'), 2).map((s) => s.day)).toEqual(['2026-12-04', '2026-12-07']);
  });
});
