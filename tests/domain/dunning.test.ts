import { birthdayIn, birthdayKeys } from '../../domain/birthdays';
import { defaultLadder, dunningStepsDue, parseLadder } from '../../domain/dunning';

const ladder = (() => {
  const parsed = parseLadder(defaultLadder);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
})();
const steps = (today: string) => dunningStepsDue(ladder, '2026-11-26', today).map((d) => `${d.step.action}${d.step.days}@${d.date}`);

describe('the dunning ladder', () => {
  test.each([
    ['2026-11-21', []],
    ['2026-11-22', ['remind-3@2026-11-23']],
    ['2026-11-23', ['remind-3@2026-11-23']],
    ['2026-11-24', ['remind-3@2026-11-23']], // a missed run sends it late
    ['2026-11-25', ['remind0@2026-11-26']], // … unless the next step is tomorrow
    ['2026-11-26', ['remind0@2026-11-26']],
    ['2026-12-02', ['remind7@2026-12-03']],
    ['2026-12-03', ['remind7@2026-12-03']],
    ['2026-12-05', ['remind7@2026-12-03']],
    ['2026-12-26', ['alert30@2026-12-26']],
    ['2027-03-01', ['alert30@2026-12-26']],
  ])('on %s', (today, expected) => {
    expect(steps(today)).toEqual(expected);
  });

  test('DUNNING_LADDER is validated', () => {
    expect(parseLadder('-5, 0, alert:45').ok && parseLadder('-5, 0, alert:45')).toEqual({
      ok: true,
      value: [
        { days: -5, action: 'remind' },
        { days: 0, action: 'remind' },
        { days: 45, action: 'alert' },
      ],
    });
    expect(parseLadder('soon')).toEqual({ ok: false, error: '"soon" is not a day offset (e.g. -3, 0, 7) or alert:N' });
    expect(parseLadder('0,0').ok).toBe(false);
    expect(parseLadder('').ok).toBe(false);
  });
});

describe('birthdays', () => {
  test.each([
    ['11-24', 2026, '2026-11-24'],
    ['1990-11-24', 2026, '2026-11-24'],
    ['02-29', 2027, '2027-02-28'],
    ['02-29', 2028, '2028-02-29'],
    ['02-30', 2028, null],
    ['tomorrow', 2028, null],
  ])('%s in %i is greeted on %s', (birthday, year, expected) => {
    expect(birthdayIn(birthday, year)).toBe(expected);
  });

  test('28 February of a common year also finds 29 February birthdays', () => {
    expect(birthdayKeys(['2027-02-28', '2027-03-01']).sort()).toEqual(['02-28', '02-29', '03-01']);
    expect(birthdayKeys(['2028-02-28'])).toEqual(['02-28']);
  });
});
