import fc from 'fast-check';
import { RuntimeAbort, RuntimeInstance, runtimeBytes } from './runtime-harness';

/** [builtin, argument terms, exact JSON text of the result | undefined (undefined result)] */
type Case = [string, string[], string | undefined];

const cases: Case[] = [
  // plus: crossing 2^31, 2^53, 2^63, 2^64 and literals kept as text
  ['plus', ['2147483647', '1'], '2147483648'],
  ['plus', ['9007199254740992', '1'], '9007199254740993'],
  ['plus', ['9007199254740991', '2'], '9007199254740993'],
  ['plus', ['9223372036854775807', '1'], '9223372036854775808'],
  ['plus', ['18446744073709551617', '1'], '18446744073709551618'],
  ['plus', ['123456789012345678901234567890', '1'], '123456789012345678901234567891'],
  ['plus', ['1e30', '1'], '1000000000000000000000000000001'],
  ['plus', ['1.5e30', '1'], '1500000000000000000000000000001'],
  ['plus', ['1e400', '1e400'], '2' + '0'.repeat(400)],
  ['plus', ['-9007199254740993', '9007199254740993'], '0'],
  // plain doubles past 2^64 (1e20, 1e22 parse exactly) are exact integers too
  ['plus', ['1e20', '1'], '100000000000000000001'],
  ['mul', ['1e22', '-1e22'], '-1' + '0'.repeat(44)],
  ['minus', ['1e22', '1'], '9'.repeat(22)],
  ['plus', ['999999999999999999999999999', '1'], '1000000000000000000000000000'],
  // floats keep double semantics
  ['plus', ['1.5', '2.5'], '4'],
  ['plus', ['1', '2.5'], '3.5'],
  ['plus', ['0.5', '1e30'], '1e+30'],
  // minus
  ['minus', ['18446744073709551617', '1'], '18446744073709551616'],
  ['minus', ['-18446744073709551617', '1'], '-18446744073709551618'],
  ['minus', ['-2147483648', '1'], '-2147483649'],
  ['minus', ['1', '18446744073709551617'], '-18446744073709551616'],
  ['minus', ['18446744073709551617', '18446744073709551617'], '0'],
  ['minus', ['1000000000000000000000', '1'], '999999999999999999999'],
  ['minus', ['0', '-9223372036854775808'], '9223372036854775808'],
  // mul
  ['mul', ['18446744073709551617', '2'], '36893488147419103234'],
  ['mul', ['2147483647', '2147483647'], '4611686014132420609'],
  ['mul', ['-2147483648', '-2147483648'], '4611686018427387904'],
  ['mul', ['4294967296', '4294967296'], '18446744073709551616'],
  ['mul', ['1000000000', '1000000000000'], '1000000000000000000000'],
  ['mul', ['-1', '18446744073709551617'], '-18446744073709551617'],
  ['mul', ['0', '1e400'], '0'],
  ['mul', ['2.5', '2'], '5'],
  // past 10000 digits integers fall back to doubles (bounded time and memory)
  ['mul', ['1e6000', '1e6000'], '0'],
  ['mul', ['1e5000', '1e4000'], '1' + '0'.repeat(9000)],
  // div: exact when the divisor divides the dividend, a double otherwise
  ['div', ['36893488147419103234', '2'], '18446744073709551617'],
  ['div', ['-36893488147419103234', '18446744073709551617'], '-2'],
  ['div', ['18446744073709551617', '2'], '9223372036854776000'],
  ['div', ['18446744073709551617', '0'], undefined],
  // rem: truncated, sign of the dividend
  ['rem', ['10', '18446744073709551616'], '10'],
  ['rem', ['5', '55340232221128654848'], '5'],
  ['rem', ['7', '340282366920938463463374607431768211456'], '7'],
  ['rem', ['100', '-18446744073709551616'], '100'],
  ['rem', ['18446744073709551617', '18446744073709551616'], '1'],
  ['rem', ['-18446744073709551617', '18446744073709551616'], '-1'],
  ['rem', ['340282366920938463463374607431768211457', '18446744073709551616'], '1'],
  ['rem', ['1e400', '7'], (10n ** 400n % 7n).toString()],
  ['rem', ['18446744073709551617', '0'], undefined],
  ['rem', ['18446744073709551617.5', '2'], undefined],
  // abs, round, ceil, floor: exact on integers kept as text
  ['abs', ['-9223372036854775808'], '9223372036854775808'],
  ['abs', ['-18446744073709551617'], '18446744073709551617'],
  ['abs', ['18446744073709551617'], '18446744073709551617'],
  ['abs', ['-2147483648'], '2147483648'],
  ['abs', ['-2.5'], '2.5'],
  ['round', ['-18446744073709551617'], '-18446744073709551617'],
  ['ceil', ['123456789012345678901234567890'], '123456789012345678901234567890'],
  ['floor', ['1e30'], '1000000000000000000000000000000'],
  ['round', ['-5'], '-5'],
  ['round', ['10.00'], '10'],
  // sum and product: exact once a partial result leaves the exact-double range
  ['sum', ['[18446744073709551617, 1]'], '18446744073709551618'],
  ['sum', ['{9223372036854775807, 1, 2}'], '9223372036854775810'],
  ['sum', ['[-9223372036854775808, -1]'], '-9223372036854775809'],
  ['sum', ['[9223372036854775806, 1]'], '9223372036854775807'],
  ['sum', ['[9007199254740991, 1, 1]'], '9007199254740993'],
  ['sum', ['[1e30, 0.5]'], '1e+30'],
  ['sum', ['[1, 2.5]'], '3.5'],
  ['product', ['[18446744073709551617, 2]'], '36893488147419103234'],
  ['product', ['[4294967296, 4294967296, 4294967296]'], (2n ** 96n).toString()],
  ['product', ['[1.5, 2]'], '3'],
  ['product', ['[]'], '1'],
];

describe('runtime exact integers past 2^53', () => {
  const bytes = runtimeBytes();
  const runtime = new RuntimeInstance(bytes, 8);
  const x = runtime.exports;
  const mark = x.opa_heap_ptr_get();

  afterEach(() => {
    x.rt_set_strict_builtin_errors(0);
    x.opa_heap_ptr_set(mark);
  });

  const call = (name: string, ...args: string[]): number =>
    x[`rt_builtin_${name}`](...args.map((arg) => runtime.term(arg)));

  it.each(cases)('%s(%j) = %s', (name, args, expected) => {
    const result = call(name, ...args);
    if (expected === undefined) {
      expect(result).toBe(0);
      return;
    }
    expect(result).not.toBe(0);
    expect(runtime.dumpJson(result)).toBe(expected);
  });

  it('reports rem errors on integers kept as text in strict mode', () => {
    x.rt_set_strict_builtin_errors(1);
    expect(() => call('rem', '18446744073709551617', '0')).toThrow(
      new RuntimeAbort('eval_builtin_error: rem: modulo by zero'),
    );
    expect(() => call('rem', '18446744073709551617.5', '2')).toThrow(
      new RuntimeAbort('eval_builtin_error: rem: modulo on floating-point number'),
    );
  });

  it('compares computed big integers exactly with literals and doubles', () => {
    const computed = call('plus', '9007199254740992', '1');
    expect(x.rt_value_equal(computed, runtime.term('9007199254740993'))).toBe(1);
    expect(x.rt_value_compare(runtime.term('9007199254740992'), computed)).toBe(-1);
    expect(x.rt_value_compare(computed, runtime.term('9007199254740994'))).toBe(-1);
    const million = call('mul', '1000000000', '1000000000000');
    expect(x.rt_value_equal(million, runtime.term('1e21'))).toBe(1);
    expect(x.rt_value_equal(million, runtime.term('1000000000000000000001'))).toBe(0);
    // Equal values hash alike: a set keeps one of them.
    const set = x.rt_set_new();
    x.rt_set_add(set, computed);
    x.rt_set_add(set, runtime.term('9007199254740993'));
    x.rt_set_add(set, call('minus', '9007199254740994', '1'));
    expect(x.rt_value_length(set)).toBe(1);
  });

  it('agrees with BigInt on random integers of up to 40 digits', () => {
    const integer = fc.bigInt(-(10n ** 40n), 10n ** 40n);
    fc.assert(
      fc.property(integer, integer, (a, b) => {
        x.opa_heap_ptr_set(mark);
        const [left, right] = [a.toString(), b.toString()];
        expect(runtime.dumpJson(call('plus', left, right))).toBe((a + b).toString());
        expect(runtime.dumpJson(call('minus', left, right))).toBe((a - b).toString());
        expect(runtime.dumpJson(call('mul', left, right))).toBe((a * b).toString());
        if (b !== 0n) {
          expect(runtime.dumpJson(call('rem', left, right))).toBe((a % b).toString());
          const exact = a * b;
          expect(runtime.dumpJson(call('div', exact.toString(), right))).toBe(a.toString());
        }
      }),
      { numRuns: 300 },
    );
  });
});
