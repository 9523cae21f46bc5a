import type { HostBuiltin } from '../../src/builtins/host';
import { BIGINT_TAG, decodeBigIntegers } from '../../src/loader/big-integer-arguments';
import { buildCustomBuiltins } from '../../src/loader/custom-builtins';

const tag = (digits: string) => ({ [BIGINT_TAG]: digits });

describe('decodeBigIntegers', () => {
  it('decodes a tag into a bigint, or into the number JSON.parse would give', () => {
    expect(decodeBigIntegers(tag('9223372036854775808'), true)).toBe(9223372036854775808n);
    expect(decodeBigIntegers(tag('-18446744073709551617'), true)).toBe(-18446744073709551617n);
    expect(decodeBigIntegers(tag('9223372036854775808'), false)).toBe(
      JSON.parse('9223372036854775808'),
    );
  });

  it('decodes tags at any depth and copies only what changed', () => {
    const untouched = { plain: [1, 'two'] };
    const value = [1, { big: tag('18446744073709551616'), other: untouched }, 'x'];
    const decoded = decodeBigIntegers(value, true) as unknown[];
    expect(decoded).toEqual([1, { big: 18446744073709551616n, other: untouched }, 'x']);
    expect((decoded[1] as { other: unknown }).other).toBe(untouched);
    // the argument itself is left as it was
    expect((value[1] as { big: unknown }).big).toEqual(tag('18446744073709551616'));
  });

  it.each<[string, unknown]>([
    ['a number', 42],
    ['a string', '9223372036854775808'],
    ['null', null],
    ['a plain array', [1, [2, { a: 3 }]]],
    ['a plain object', { a: { b: [true] } }],
    ['an object with the tag and another key', { [BIGINT_TAG]: '1', other: 2 }],
    ['a tag whose value is not integer text', { [BIGINT_TAG]: '1.5' }],
    ['a tag whose value is not a string', { [BIGINT_TAG]: 7 }],
  ])('returns %s itself', (_name, value) => {
    expect(decodeBigIntegers(value, true)).toBe(value);
    expect(decodeBigIntegers(value, false)).toBe(value);
  });
});

describe('buildCustomBuiltins decodes big integers per built-in', () => {
  const seen: Record<string, unknown[]> = {};
  const recorder = (name: string, bigIntegers: boolean): HostBuiltin => ({
    name,
    arity: 2,
    bigIntegers,
    impl: (...args: unknown[]) => {
      seen[name] = args;
      return true;
    },
  });
  const registry = new Map([
    ['exact', recorder('exact', true)],
    ['rounded', recorder('rounded', false)],
  ]);
  const custom = buildCustomBuiltins(['exact', 'rounded'], registry, {
    strictBuiltinErrors: false,
  });

  it('hands bigints to a built-in that declares bigIntegers', () => {
    custom.exact(tag('9223372036854775808'), [tag('-9223372036854775809'), 1]);
    expect(seen.exact).toEqual([9223372036854775808n, [-9223372036854775809n, 1]]);
  });

  it('hands numbers, as before, to every other built-in', () => {
    custom.rounded(tag('9223372036854775808'), { n: tag('12') });
    expect(seen.rounded).toEqual([9223372036854775808, { n: 12 }]);
    expect(typeof seen.rounded[0]).toBe('number');
  });
});
