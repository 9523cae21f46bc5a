import { HOST_BUILTINS } from '../../src/builtins/host';
import { call } from './host-test-helpers';

const TWO_TO_63 = 2n ** 63n;

describe('sprintf with exact big integers (bigint operands, Go *big.Int semantics)', () => {
  it('declares that it accepts big integers, so the loader hands it bigints', () => {
    expect(HOST_BUILTINS.get('sprintf')?.bigIntegers).toBe(true);
  });

  it.each<[string, unknown[], string]>([
    ['%d', [TWO_TO_63], '9223372036854775808'],
    ['%v', [TWO_TO_63], '9223372036854775808'],
    ['%s', [TWO_TO_63], '9223372036854775808'],
    ['%d', [-(2n ** 64n) - 1n], '-18446744073709551617'],
    ['%d', [10n ** 40n + 7n], '10000000000000000000000000000000000000007'],
    ['%x', [TWO_TO_63], '8000000000000000'],
    ['%X', [2n ** 64n - 1n + 2n ** 64n * 10n], 'AFFFFFFFFFFFFFFFF'],
    ['%#x', [TWO_TO_63], '0x8000000000000000'],
    ['%o', [TWO_TO_63], '1000000000000000000000'],
    ['%O', [TWO_TO_63], '0o1000000000000000000000'],
    ['%b', [2n ** 64n], '1' + '0'.repeat(64)],
    ['%x', [-TWO_TO_63 - 1n], '-8000000000000001'],
    ['%+d', [TWO_TO_63], '+9223372036854775808'],
    ['%25d|', [TWO_TO_63], '      9223372036854775808|'],
    ['%-21d|', [TWO_TO_63], '9223372036854775808  |'],
    ['%022d', [-TWO_TO_63], '-009223372036854775808'],
    // bigints that fit in int64 are Go ints, exactly as plain numbers
    ['%d', [TWO_TO_63 - 1n], '9223372036854775807'],
    ['%s', [5n], '%!s(int=5)'],
    // verbs big.Int.Format does not know
    ['%f', [TWO_TO_63], '%!f(big.Int=9223372036854775808)'],
    ['%q', [TWO_TO_63], '%!q(big.Int=9223372036854775808)'],
    ['%c', [TWO_TO_63], '%!c(big.Int=9223372036854775808)'],
    // nested in collections, %v prints them in Rego syntax with every digit
    ['%v', [[1, TWO_TO_63, 'a']], '[1, 9223372036854775808, "a"]'],
    [
      '%v',
      [{ b: [2n ** 70n], a: -TWO_TO_63 }],
      '{"a": -9223372036854775808, "b": [1180591620717411303424]}',
    ],
    ['%s', [[TWO_TO_63]], '[9223372036854775808]'],
    [
      '%d + %d = %d',
      [TWO_TO_63, 1, TWO_TO_63 + 1n],
      '9223372036854775808 + 1 = 9223372036854775809',
    ],
  ])('sprintf(%j, …) = %s', (format, args, expected) => {
    expect(call('sprintf', format, args)).toBe(expected);
  });
});
