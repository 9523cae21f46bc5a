import { resetEvaluationScope } from '../../src/builtins/host/evaluation-scope';
import { call, callError } from './host-test-helpers';

const DEC_24_2023 = 1703444325734390000; // 2023-12-24T18:58:45.73439Z

describe('time.parse_rfc3339_ns / time.parse_ns', () => {
  it.each<[string, number]>([
    ['1970-01-01T00:00:00-00:00', 0],
    ['2017-06-02T19:00:00-07:00', 1496455200000000000],
    ['2017-06-02T19:00:00.5Z', 1496430000500000000],
    ['2017-06-02T19:00:00+02:30', 1496421000000000000],
  ])('parses %s', (text, nanos) => {
    expect(call('time.parse_rfc3339_ns', text)).toBe(nanos);
  });

  it('refuses times outside the int64 nanosecond range', () => {
    expect(callError('time.parse_rfc3339_ns', '1677-09-21T00:12:43.145224191-00:00').message).toBe(
      'time.parse_rfc3339_ns: time outside of valid range',
    );
    expect(
      callError('time.parse_rfc3339_ns', '2262-04-11T23:47:16.854775808-00:00').message,
    ).toContain('time outside of valid range');
  });

  it.each<[string, string, number]>([
    ['2006-01-02T15:04:05', '2016-05-10T19:06:42', 1462907202000000000],
    ['2006-01-02 15:04:05', '2015-09-05 23:56:04', 1441497364000000000],
    ['2006-01-02', '2023-12-24', 1703376000000000000],
    ['Jan 2, 2006 at 3:04pm (MST)', 'Feb 3, 2013 at 7:54pm (PST)', 1359921240000000000],
    ['02 Jan 06 15:04 -0700', '24 Dec 23 18:58 +0100', 1703440680000000000],
    ['RFC822Z', '24 Dec 23 18:58 +0100', 1703440680000000000],
    ['RFC1123', 'Sun, 24 Dec 2023 18:58:45 UTC', 1703444325000000000],
    ['Monday, January _2 2006', 'Sunday, December 24 2023', 1703376000000000000],
    ['2006-01-02T15:04:05.000Z07:00', '2023-12-24T18:58:45.734Z', 1703444325734000000],
    ['2006-01-02T15:04:05Z07:00', '2023-12-24T18:58:45.73439Z', DEC_24_2023],
    ['2006-01-02 3:04PM', '2023-12-24 12:30AM', 1703377800000000000],
    ['2006.002', '2024.060', 1709164800000000000],
  ])('time.parse_ns(%j, %j)', (layout, value, nanos) => {
    expect(call('time.parse_ns', layout, value)).toBe(nanos);
  });

  it.each<[string, string, string]>([
    ['2006-01-02', '2023-13-01', 'month out of range'],
    ['2006-01-02', '2023-02-30', 'day out of range'],
    ['2006-01-02', '2023-12-24x', 'extra text: "x"'],
    ['2006-01-02', '23-12-24', 'cannot parse "23-12-24" as "2006"'],
    ['15:04', '25:00', 'hour out of range'],
  ])('time.parse_ns(%j, %j) fails: %s', (layout, value, message) => {
    expect(callError('time.parse_ns', layout, value).message).toContain(message);
  });

  it('rejects a non-string value', () => {
    expect(callError('time.parse_ns', '2006', 2006).message).toBe(
      'time.parse_ns: operand 2 must be string but got number',
    );
  });
});

describe('time.parse_duration_ns', () => {
  it.each<[string, number]>([
    ['1h', 3600e9],
    ['1h30m', 5400e9],
    ['-1.5s', -1.5e9],
    ['300ms', 300e6],
    ['1µs', 1000],
    ['1μs', 1000],
    ['2h45m10.5s', 9910.5e9],
    ['0', 0],
    ['+5ns', 5],
    ['.5m', 30e9],
  ])('%s', (text, nanos) => {
    expect(call('time.parse_duration_ns', text)).toBe(nanos);
  });

  it.each([
    ['', 'time: invalid duration ""'],
    ['1', 'time: missing unit in duration "1"'],
    ['1d', 'time: unknown unit "d" in duration "1d"'],
    ['h', 'time: invalid duration "h"'],
    ['9999999999h', 'time: invalid duration'],
  ])('rejects %j', (text, message) => {
    expect(callError('time.parse_duration_ns', text).message).toContain(message);
  });
});

describe('time.format', () => {
  it.each<[unknown, string]>([
    [DEC_24_2023, '2023-12-24T18:58:45.73439Z'],
    [1257894000000000000, '2009-11-10T23:00:00Z'],
    [[DEC_24_2023, 'UTC'], '2023-12-24T18:58:45.73439Z'],
    [[1257894000000000000, ''], '2009-11-10T23:00:00Z'],
    [[DEC_24_2023, 'UTC', '2006-01-02T15:04:05'], '2023-12-24T18:58:45'],
    [[1257894000000000000, '', '02/01/2006 15:04'], '10/11/2009 23:00'],
    [[1257894000000000000, 'America/New_York'], '2009-11-10T18:00:00-05:00'],
    [[1257894000000000000, 'Asia/Kolkata', 'RFC1123Z'], 'Wed, 11 Nov 2009 04:30:00 +0530'],
    [
      [1257894000000000000, 'America/New_York', 'Mon Jan _2 3:04PM MST 2006'],
      'Tue Nov 10 6:00PM EST 2009',
    ],
    [[0, 'UTC', '.000|.999|,99'], '.000||'],
    [[1500000, 'UTC', '05.000000 05.999999'], '00.001500 00.0015'],
    [[DEC_24_2023, 'UTC', '__2 002 Z07:00 -0700'], '358 358 Z +0000'],
  ])('time.format(%j)', (value, text) => {
    expect(call('time.format', value)).toBe(text);
  });

  it('rejects unknown zones and bad operands', () => {
    expect(callError('time.format', [0, 'Mars/Olympus']).message).toBe(
      'time.format: unknown time zone Mars/Olympus',
    );
    expect(callError('time.format', [DEC_24_2023, 'UTC', 42]).message).toContain('must be string');
    expect(callError('time.format', 'now').message).toContain(
      'either number (ns) or [number (ns), string (tz)]',
    );
    expect(callError('time.format', 1.5).message).toContain('timestamp too big');
  });
});

describe('time.date / time.clock / time.weekday', () => {
  it('reads the wall clock in UTC or a zone', () => {
    expect(call('time.date', DEC_24_2023)).toEqual([2023, 12, 24]);
    expect(call('time.clock', DEC_24_2023)).toEqual([18, 58, 45]);
    expect(call('time.weekday', DEC_24_2023)).toBe('Sunday');
    expect(call('time.date', [DEC_24_2023, 'Pacific/Kiritimati'])).toEqual([2023, 12, 25]);
    expect(call('time.weekday', [DEC_24_2023, 'Pacific/Kiritimati'])).toBe('Monday');
    expect(call('time.clock', [DEC_24_2023, 'Asia/Kolkata'])).toEqual([0, 28, 45]);
    expect(call('time.date', -1)).toEqual([1969, 12, 31]);
    expect(call('time.date', 951782400000000000)).toEqual([2000, 2, 29]);
  });
});

describe('time.add_date / time.diff', () => {
  it.each<[number, number, number, number]>([
    [0, 0, 0, DEC_24_2023],
    [1, 0, 0, 1735066725734390000],
    [-1, 0, 0, 1671908325734390000],
    [0, 1, 0, 1706122725734390000],
    [0, -12, 0, 1671908325734390000],
    [0, 0, 8, 1704135525734390000],
  ])('time.add_date(DEC_24_2023, %d, %d, %d)', (years, months, days, expected) => {
    expect(call('time.add_date', DEC_24_2023, years, months, days)).toBe(expected);
  });

  it('normalises like Go (Jan 31 + 1 month = Mar 2) and refuses huge results', () => {
    const jan31 = call('time.parse_rfc3339_ns', '2023-01-31T00:00:00Z');
    expect(call('time.format', call('time.add_date', jan31, 0, 1, 0))).toBe('2023-03-03T00:00:00Z');
    expect(callError('time.add_date', DEC_24_2023, 2147483647, 0, 0).message).toContain(
      'outside of valid range',
    );
    expect(callError('time.add_date', DEC_24_2023, 1.5, 0, 0).message).toContain(
      'operand 2 must be integer',
    );
  });

  it('computes calendar differences in either order', () => {
    const a = call('time.parse_rfc3339_ns', '2021-11-30T10:00:00Z');
    const b = call('time.parse_rfc3339_ns', '2023-01-01T09:30:15Z');
    expect(call('time.diff', a, b)).toEqual([1, 1, 0, 23, 30, 15]);
    expect(call('time.diff', b, a)).toEqual([1, 1, 0, 23, 30, 15]);
    expect(call('time.diff', a, a)).toEqual([0, 0, 0, 0, 0, 0]);
  });
});

describe('time.now_ns', () => {
  it('is one value for the whole (synchronous) evaluation and moves on afterwards', async () => {
    resetEvaluationScope();
    const first = call('time.now_ns') as number;
    expect(call('time.now_ns')).toBe(first);
    expect(Math.abs(first / 1e6 - Date.now())).toBeLessThan(5000);
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(call('time.now_ns')).not.toBe(first);
  });
});
