import fc from 'fast-check';
import { RuntimeInstance, runtimeBytes } from './runtime-harness';

describe('runtime JSON', () => {
  const bytes = runtimeBytes();
  let runtime: RuntimeInstance;
  beforeEach(() => {
    runtime = new RuntimeInstance(bytes, 4);
  });

  const roundTrips: Array<[string, string]> = [
    ['null', 'null'],
    ['true', 'true'],
    ['false', 'false'],
    ['0', '0'],
    ['-0', '0'],
    ['42', '42'],
    ['-17', '-17'],
    ['1.5', '1.5'],
    ['0.1', '0.1'],
    ['1e3', '1000'],
    ['2.50', '2.5'],
    ['9007199254740993', '9007199254740993'],
    ['123456789012345678901234567890', '123456789012345678901234567890'],
    ['1.7976931348623157e308', '1.7976931348623157e308'],
    ['"hello"', '"hello"'],
    ['""', '""'],
    ['"a\\"b\\\\c\\/d"', '"a\\"b\\\\c/d"'],
    ['"\\n\\t\\r\\b\\f"', '"\\n\\t\\r\\b\\f"'],
    ['"\\u0001\\u001f"', '"\\u0001\\u001f"'],
    ['"\\u00e9\\u4e2d"', '"é中"'],
    ['"\\ud83d\\ude00"', '"😀"'],
    ['"\\ud83d"', '"\uFFFD"'],
    ['"\\ude00x"', '"\uFFFDx"'],
    ['"é中😀"', '"é中😀"'],
    ['[]', '[]'],
    ['[1, [2, [3]], {}]', '[1,[2,[3]],{}]'],
    // Objects serialise in key order, as OPA does.
    ['{"b": 1, "a": [true, null]}', '{"a":[true,null],"b":1}'],
    ['{"a": 1, "a": 2}', '{"a":2}'],
    [' \t\r\n{ "x" : "y" } \n', '{"x":"y"}'],
  ];

  it.each(roundTrips)('parses %s and dumps it as %s', (text, dumped) => {
    expect(runtime.dumpJson(runtime.value(text))).toBe(dumped);
  });

  const invalid = [
    '',
    ' ',
    'nul',
    'nulls',
    'tru',
    'fals',
    'falsey',
    '01',
    '-',
    '1.',
    '.5',
    '1e',
    '1e+',
    '+1',
    'NaN',
    'Infinity',
    '"abc',
    '"\\x"',
    '"\\u12g4"',
    '"\u0001"',
    '[1,]',
    '[1 2]',
    '{"a":1,}',
    '{"a" 1}',
    '{a:1}',
    '{1:2}',
    '[',
    '{',
    '{"a":',
    '1 2',
    "'a'",
    '{1, 2}',
    'set()',
  ];

  it.each(invalid)('rejects %j', (text) => {
    expect(runtime.parseJson(text)).toBe(0);
  });

  it('rejects invalid UTF-8 (overlong, surrogate, truncated, stray continuation)', () => {
    const cases = [
      [0x22, 0xc0, 0xaf, 0x22],
      [0x22, 0xed, 0xa0, 0x80, 0x22],
      [0x22, 0xe4, 0xb8, 0x22],
      [0x22, 0x80, 0x22],
      [0x22, 0xf5, 0x80, 0x80, 0x80, 0x22],
    ];
    for (const bytes of cases) expect(runtime.parseJson(Uint8Array.from(bytes))).toBe(0);
  });

  it('rejects a text range outside memory instead of trapping', () => {
    const end = runtime.memory.buffer.byteLength;
    expect(runtime.exports.opa_json_parse(end - 2, 10)).toBe(0);
    expect(runtime.exports.opa_json_parse(16, -1)).toBe(0);
    expect(runtime.exports.opa_value_parse(0x7ffffff0, 0x7fffffff)).toBe(0);
  });

  it('bounds the nesting depth instead of overflowing the stack', () => {
    expect(runtime.parseJson('['.repeat(900) + ']'.repeat(900))).not.toBe(0);
    expect(runtime.parseJson('['.repeat(100000))).toBe(0);
    expect(runtime.parseJson('{"a":'.repeat(5000))).toBe(0);
  });

  it('escapes control characters, quotes and backslashes in the dump', () => {
    const text = JSON.stringify('a\u0000b\u007f"\\\n\u001b');
    const dumped = runtime.dumpJson(runtime.value(text));
    expect(JSON.parse(dumped)).toBe('a\u0000b\u007f"\\\n\u001b');
    expect(dumped).toContain('\\u0000');
  });

  it('round-trips arbitrary JSON values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const text = JSON.stringify(value);
        const dumped = runtime.dumpJson(runtime.value(text));
        expect(JSON.parse(dumped)).toEqual(JSON.parse(text));
        runtime.exports.opa_heap_ptr_set(runtime.exports.policy_heap_base());
      }),
      { numRuns: 300 },
    );
  });

  it('accepts exactly what JSON.parse accepts for arbitrary strings (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.json().map((json) => json.slice(0, json.length - 1)),
        ),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          const value = runtime.parseJson(text);
          expect(value !== 0).toBe(valid);
          runtime.exports.opa_heap_ptr_set(runtime.exports.policy_heap_base());
        },
      ),
      { numRuns: 500 },
    );
  });

  it('never traps on arbitrary bytes (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (data) => {
        runtime.parseJson(data);
        runtime.exports.opa_heap_ptr_set(runtime.exports.policy_heap_base());
      }),
      { numRuns: 500 },
    );
  });

  it('prints doubles exactly as JavaScript does (shortest, closest)', () => {
    const samples = [
      0.1 + 0.2,
      Math.PI,
      -1 / 3,
      5e-324,
      1.7976931348623157e308,
      1e-7,
      123.456,
      2 ** 60,
    ];
    for (const number of samples) {
      expect(runtime.dumpJson(runtime.exports.rt_number_f64(number))).toBe(JSON.stringify(number));
    }
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (number) => {
        runtime.exports.opa_heap_ptr_set(runtime.exports.policy_heap_base());
        expect(runtime.dumpJson(runtime.exports.rt_number_f64(number))).toBe(
          JSON.stringify(number),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('prints integers without a point and exponents like JavaScript', () => {
    const cases: Array<[number, string]> = [
      [1e21, '1e+21'],
      [1e20, '100000000000000000000'],
      [-2.5e-7, '-2.5e-7'],
      [123456789, '123456789'],
      [2 ** 53, '9007199254740992'],
    ];
    for (const [number, text] of cases) {
      const dumped = runtime.dumpJson(runtime.exports.rt_number_f64(number));
      expect(Number(dumped)).toBe(number);
      expect(dumped).toBe(text);
    }
  });

  it('dumps sets as arrays and non-string keys as their JSON text', () => {
    const value = runtime.term('{1: "a", [1, "x"]: {2, 3}, "k": set(), {"n": null}: 0}');
    expect(JSON.parse(runtime.dumpJson(value))).toEqual({
      '1': 'a',
      '[1,"x"]': [2, 3],
      k: [],
      '{"n":null}': 0,
    });
  });

  it('dumps Rego terms that parse back to an equal value', () => {
    const texts = ['{1, 2, "a"}', 'set()', '{[1]: {set(): 1}}', '[{"a": {true}}]', '"q\\"uote"'];
    for (const text of texts) {
      const value = runtime.term(text);
      const dumped = runtime.dumpTerm(value);
      expect(runtime.exports.rt_value_equal(runtime.term(dumped), value)).toBe(1);
    }
    expect(runtime.dumpTerm(runtime.term('{1, 2}'))).toBe('{1,2}');
    expect(runtime.dumpTerm(runtime.term('set()'))).toBe('set()');
    expect(runtime.dumpTerm(runtime.term('{}'))).toBe('{}');
  });

  it('parses strings without escapes in place (no copy of the bytes)', () => {
    const [address, length] = runtime.writeString('"abc"');
    const value = runtime.exports.opa_json_parse(address, length);
    const view = new DataView(runtime.memory.buffer);
    expect(view.getUint32(value + 8, true)).toBe(address + 1);
  });
});
