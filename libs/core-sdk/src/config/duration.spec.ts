import { parseDuration, readDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['250ms', 250],
    ['5s', 5_000],
    ['1m', 60_000],
    ['1h', 3_600_000],
    ['1h30m', 5_400_000],
    ['1m30s', 90_000],
    ['2h3m4s5ms', 7_384_005],
    ['1.5s', 1_500],
    ['0s', 0],
    [' 10s ', 10_000],
    [5_000, 5_000],
    [0, 0],
  ])('reads %p as %p ms', (input, expected) => {
    expect(parseDuration(input)).toBe(expected);
  });

  it.each([
    ['5000', 'has no unit: write "5000ms" or "5000s"'],
    ['5', 'has no unit'],
    ['5x', 'unknown unit'],
    ['1d', 'unknown unit: use h, m, s or ms (e.g. "24h" for a day)'],
    ['', 'is not a duration'],
    ['s', 'is not a duration'],
    ['5 s', 'is not a duration'],
    ['-5s', 'is negative'],
    ['30m1h', 'out of order: write them largest first'],
    ['1s1s', 'repeats a unit'],
    ['0.5ms', 'whole number of milliseconds'],
    [-1, 'is negative'],
    [1.5, 'whole number of milliseconds'],
    [Number.NaN, 'whole number of milliseconds'],
    [Number.POSITIVE_INFINITY, 'whole number of milliseconds'],
    ['99999999999999h', 'is too large'],
  ])('rejects %p: %s', (input, reason) => {
    expect(() => parseDuration(input)).toThrow(RangeError);
    expect(() => parseDuration(input)).toThrow(reason);
  });

  it('reports non-duration types without throwing from readDuration', () => {
    expect(readDuration(true)).toEqual({ error: expect.stringContaining('is not a duration') });
    expect(readDuration(null)).toEqual({ error: expect.stringContaining('is not a duration') });
  });
});
