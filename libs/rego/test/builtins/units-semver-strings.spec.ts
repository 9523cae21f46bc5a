import { call, callError } from './host-test-helpers';

describe('units.parse / units.parse_bytes', () => {
  it.each<[string, number]>([
    ['100m', 0.1],
    ['1.5M', 1500000],
    ['10Mi', 10485760],
    ['10MI', 10485760],
    ['2e3', 2000],
    ['-1k', -1000],
    ['"5K"', 5000],
    ['1.1k', 1100],
    ['1m', 0.001],
  ])('units.parse(%j) = %d', (text, value) => {
    expect(call('units.parse', text)).toBe(value);
  });

  it.each<[string, string]>([
    ['10 k', 'units.parse: spaces not allowed in resource strings'],
    ['k', 'units.parse: no amount provided'],
    ['10x', 'units.parse: unit x not recognized'],
    ['1.2.3k', 'units.parse: could not parse amount to a number'],
    ['1e1234567', 'units.parse: exponent too large'],
  ])('units.parse(%j) fails', (text, message) => {
    expect(callError('units.parse', text).message).toBe(message);
  });

  it.each<[string, number]>([
    ['1.1KiB', 1126],
    ['10eib', 11529215046068469760],
    ['3.2E2MiB', 335544320],
  ])('units.parse_bytes(%j) = %d', (text, value) => {
    expect(call('units.parse_bytes', text)).toBe(value);
  });

  it.each<[string, string]>([
    ['GB', 'units.parse_bytes: no byte amount provided'],
    ['10 GB', 'units.parse_bytes: spaces not allowed in resource strings'],
    ['10xb', 'units.parse_bytes: byte unit xb not recognized'],
    ['..5kb', 'units.parse_bytes: could not parse byte amount to a number'],
  ])('units.parse_bytes(%j) fails', (text, message) => {
    expect(callError('units.parse_bytes', text).message).toBe(message);
  });

  it('rejects non-strings', () => {
    expect(callError('units.parse', 10).message).toBe(
      'units.parse: operand 1 must be string but got number',
    );
  });
});

describe('semver', () => {
  it.each<[unknown, boolean]>([
    ['1.0.0', true],
    ['1.0.0-alpha.1+build.5', true],
    ['v1.0.0', false],
    ['1.0', false],
    ['1.0.0-', false],
    [1, false],
    [null, false],
  ])('semver.is_valid(%j) = %s', (value, valid) => {
    expect(call('semver.is_valid', value)).toBe(valid);
  });

  it.each<[string, string, number]>([
    ['1.0.0', '2.0.0', -1],
    ['2.1.0', '2.0.9', 1],
    ['1.0.0-alpha', '1.0.0', -1],
    ['1.0.0-alpha', '1.0.0-alpha.1', -1],
    ['1.0.0-alpha.1', '1.0.0-alpha.beta', -1],
    ['1.0.0-beta.11', '1.0.0-beta.2', 1],
    ['1.0.0-rc.1', '1.0.0-beta.11', 1],
    ['1.0.0+a', '1.0.0+b', 0],
    ['10.0.0', '9.0.0', 1],
  ])('semver.compare(%j, %j) = %d', (left, right, order) => {
    expect(call('semver.compare', left, right)).toBe(order);
  });

  it('reports which operand is not a version', () => {
    expect(callError('semver.compare', '1.0.0', 'x').message).toBe(
      'semver.compare: operand 2: string "x" is not a valid SemVer',
    );
    expect(callError('semver.compare', 1, '1.0.0').message).toBe(
      'semver.compare: operand 1 must be string but got number',
    );
  });
});

describe('strings.any_prefix_match / any_suffix_match / count', () => {
  it('matches strings, arrays and sets (as arrays) on either side', () => {
    expect(call('strings.any_prefix_match', 'foo bar', 'foo')).toBe(true);
    expect(call('strings.any_prefix_match', ['x', 'foo bar'], ['bar', 'foo'])).toBe(true);
    expect(call('strings.any_prefix_match', 'foo bar', ['bar'])).toBe(false);
    expect(call('strings.any_prefix_match', [], 'foo')).toBe(false);
    expect(call('strings.any_suffix_match', 'foo bar', ['x', 'bar'])).toBe(true);
    expect(call('strings.any_suffix_match', 'foo bar', 'foo')).toBe(false);
  });

  it('rejects non-string elements', () => {
    expect(callError('strings.any_prefix_match', 1, 'a').message).toContain(
      'operand 1 must be one of {string, set, array}',
    );
    expect(callError('strings.any_suffix_match', 'a', [1]).message).toContain(
      'operand 2 must be array of strings',
    );
  });

  it.each<[string, string, number]>([
    ['cheese', 'e', 3],
    ['five', '', 5],
    ['aaaa', 'aa', 2],
    ['héllo', '', 6],
    ['abc', 'x', 0],
  ])('strings.count(%j, %j) = %d', (text, needle, count) => {
    expect(call('strings.count', text, needle)).toBe(count);
  });
});
