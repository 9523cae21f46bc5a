import { isoTimestamp } from './iso-timestamp';

describe('isoTimestamp', () => {
  it('matches Date#toISOString across millisecond, second, day and year boundaries', () => {
    const samples = [
      0,
      1,
      999,
      1000,
      59_999,
      60_000,
      Date.UTC(2026, 11, 31, 23, 59, 59, 999),
      Date.UTC(2027, 0, 1, 0, 0, 0, 0),
      Date.UTC(2024, 1, 29, 12, 0, 0, 7),
      -1,
      -1001,
    ];
    for (let i = 0; i < 2_000; i += 1) samples.push(Math.floor(Math.random() * 4_102_444_800_000));
    for (const epochMs of samples) {
      expect(isoTimestamp(epochMs)).toBe(new Date(epochMs).toISOString());
    }
  });

  it('gives each millisecond of one second its own text (the prefix is shared, not the result)', () => {
    const base = Date.UTC(2026, 10, 30, 12, 0, 0);
    expect(isoTimestamp(base + 5)).toBe('2026-11-30T12:00:00.005Z');
    expect(isoTimestamp(base + 50)).toBe('2026-11-30T12:00:00.050Z');
    expect(isoTimestamp(base + 500)).toBe('2026-11-30T12:00:00.500Z');
  });
});
