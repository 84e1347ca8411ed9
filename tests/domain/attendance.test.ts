import { closesItselfAt, distanceM, position } from '../../domain/attendance';

describe('attendance arithmetic', () => {
  test.each([
    // one degree of arc on the mean-radius sphere
    [{ lat: 0, lon: 0 }, { lat: 0, lon: 1 }, 111_195],
    [{ lat: 0, lon: 0 }, { lat: 1, lon: 0 }, 111_195],
    // half the circumference
    [{ lat: 0, lon: 0 }, { lat: 0, lon: 180 }, 20_015_114], // π × 6,371,008.8
    [{ lat: 31.1952, lon: 121.4365 }, { lat: 31.1952, lon: 121.4365 }, 0],
  ])('%j to %j is %i m', (a, b, metres) => {
    expect(Math.round(distanceM(a, b))).toBe(metres);
  });

  test('positions out of range are refused', () => {
    expect(position(91, 0)).toBeNull();
    expect(position(0, -180.5)).toBeNull();
    expect(position(Number.NaN, 0)).toBeNull();
    expect(position(-33.86, 151.21)).toEqual({ lat: -33.86, lon: 151.21 });
  });

  test('an open check-in closes at the local midnight of its day, DST included', () => {
    expect(closesItselfAt(new Date('2026-11-23T02:00:00Z'), 'Asia/Shanghai').toISOString()).toBe('2026-11-23T16:00:00.000Z');
    // New York's fall-back day is 25 hours long: midnight after 31 Oct 22:00 EDT is 04:00Z, after 1 Nov 10:00 EST it is 05:00Z.
    expect(closesItselfAt(new Date('2026-11-01T02:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(closesItselfAt(new Date('2026-11-01T15:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-02T05:00:00.000Z');
  });
});
