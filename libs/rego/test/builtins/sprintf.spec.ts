import { call, callError } from './host-test-helpers';

describe('sprintf (Go fmt semantics)', () => {
  it.each<[string, unknown[], string]>([
    ['hi %.2f', [3.1415], 'hi 3.14'],
    ['%s from %s', ['alice', 'eng'], 'alice from eng'],
    ['%d', [42], '42'],
    ['%v', [42], '42'],
    ['%f', [3.14], '3.140000'],
    ['%x %X %o %O %b', [255, 255, 64, 64, 15], 'ff FF 100 0o100 1111'],
    ['%#x %#o %#b', [255, 8, 5], '0xff 010 0b101'],
    ['%5d|%-5d|%05d', [42, 42, 42], '   42|42   |00042'],
    ['%+d % d %+d', [5, 5, -5], '+5  5 -5'],
    ['%.3d', [7], '007'],
    ['%08.3f', [-3.14159], '-003.142'],
    ['%e', [1234.5678], '1.234568e+03'],
    ['%E', [0.000123], '1.230000E-04'],
    ['%g', [1234567.5], '1.2345675e+06'],
    ['%v', [2.5], '2.5'],
    ['%v', [0.00001], '1e-05'],
    ['%.3g', [3.14159], '3.14'],
    ['%c', [65], 'A'],
    ['%q', ['say "hi"\n'], '"say \\"hi\\"\\n"'],
    ['%q', [97], "'a'"],
    ['%U', [0x1f600], 'U+1F600'],
    ['%x', ['hi'], '6869'],
    ['% x', ['hi'], '68 69'],
    ['%10s|%-6s|', ['right', 'left'], '     right|left  |'],
    ['%.2s', ['héllo'], 'hé'],
    ['100%%', [], '100%'],
    ['%v', [{ key: 'value' }], '{"key": "value"}'],
    ['%v', [[1, 'a', null]], '[1, "a", null]'],
    ['%s', [true], 'true'],
    ['%v', [null], 'null'],
    ['%[2]s %[1]s', ['a', 'b'], 'b a'],
    ['%*d', [5, 42], '   42'],
    ['%d', [1703444325734390000], '1703444325734390000'],
    ['%d', [2 ** 64], '18446744073709552000'],
    ['%s', [2 ** 64], '18446744073709552000'],
  ])('sprintf(%j, %j) = %j', (format, args, expected) => {
    expect(call('sprintf', format, args)).toBe(expected);
  });

  it.each<[string, unknown[], string]>([
    ['%s', [1], '%!s(int=1)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%f', [3], '%!f(int=3)'],
    ['%t', [true], '%!t(string=true)'],
    ['%s %d', ['only_one'], 'only_one %!d(MISSING)'],
    ['%s', ['a', 2, 'c'], 'a%!(EXTRA int=2, string=c)'],
    ['abc%', [], 'abc%!(NOVERB)'],
    ['%[3]d', [1], '%!d(BADINDEX)'],
    ['%z', [1], '%!z(int=1)'],
  ])('reports Go format errors in the text: sprintf(%j, %j) = %j', (format, args, expected) => {
    expect(call('sprintf', format, args)).toBe(expected);
  });

  it('rejects operands of the wrong type', () => {
    expect(callError('sprintf', 1, []).message).toBe(
      'sprintf: operand 1 must be string but got number',
    );
    expect(callError('sprintf', '%s', 'x').message).toBe(
      'sprintf: operand 2 must be array but got string',
    );
  });
});
