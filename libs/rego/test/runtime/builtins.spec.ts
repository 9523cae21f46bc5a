import { RuntimeAbort, RuntimeInstance, runtimeBytes } from './runtime-harness';

/** [builtin, argument terms, expected term | undefined (undefined result)] */
type Case = [string, string[], string | undefined];

const cases: Case[] = [
  // comparison
  ['equal', ['1', '1.0'], 'true'],
  ['equal', ['{1,2}', '{2,1}'], 'true'],
  ['neq', ['"a"', '"b"'], 'true'],
  ['lt', ['null', 'false'], 'true'],
  ['lt', ['[1, 2]', '[1, 3]'], 'true'],
  ['lte', ['2', '2'], 'true'],
  ['gt', ['{}', '[]'], 'true'],
  ['gte', ['"a"', '"b"'], 'false'],
  // arithmetic
  ['plus', ['1', '2.5'], '3.5'],
  ['plus', ['"a"', '1'], undefined],
  ['minus', ['10', '4'], '6'],
  ['minus', ['{1, 2, 3}', '{2}'], '{1, 3}'],
  ['minus', ['{1}', '1'], undefined],
  ['minus', ['"a"', '1'], undefined],
  ['mul', ['6', '7'], '42'],
  ['div', ['7', '2'], '3.5'],
  ['div', ['1', '0'], undefined],
  ['rem', ['7', '3'], '1'],
  ['rem', ['-7', '3'], '-1'],
  ['rem', ['7.5', '2'], undefined],
  ['rem', ['7', '0'], undefined],
  ['abs', ['-3.5'], '3.5'],
  ['round', ['2.5'], '3'],
  ['round', ['-2.5'], '-3'],
  ['round', ['2.4999'], '2'],
  ['round', ['-0.4'], '0'],
  ['ceil', ['1.2'], '2'],
  ['floor', ['-1.2'], '-2'],
  // aggregates
  ['count', ['"héllo"'], '5'],
  ['count', ['{"a": 1}'], '1'],
  ['count', ['{1, 2}'], '2'],
  ['count', ['1'], undefined],
  ['sum', ['[1, 2, 3.5]'], '6.5'],
  ['sum', ['{1, 2}'], '3'],
  ['sum', ['["a"]'], undefined],
  ['product', ['[2, 3, 4]'], '24'],
  ['product', ['[]'], '1'],
  ['max', ['[1, 3, 2]'], '3'],
  ['max', ['[]'], undefined],
  ['min', ['{"b", "a"}'], '"a"'],
  ['sort', ['[3, "a", null, [1], 1]'], '[null, 1, 3, "a", [1]]'],
  ['sort', ['{3, 1, 2}'], '[1, 2, 3]'],
  ['all', ['[true, true]'], 'true'],
  ['all', ['[true, 1]'], 'false'],
  ['all', ['[]'], 'true'],
  ['any', ['{false, true}'], 'true'],
  ['any', ['[]'], 'false'],
  // strings
  ['concat', ['", "', '["a", "b", "c"]'], '"a, b, c"'],
  ['concat', ['"-"', '[]'], '""'],
  ['concat', ['","', '{"b", "c", "a"}'], '"a,b,c"'],
  ['concat', ['"-"', '["a", 1]'], undefined],
  ['startswith', ['"hello"', '"he"'], 'true'],
  ['startswith', ['"he"', '"hello"'], 'false'],
  ['endswith', ['"hello"', '"llo"'], 'true'],
  ['contains', ['"hello"', '"ell"'], 'true'],
  ['contains', ['"hello"', '""'], 'true'],
  ['contains', ['"hello"', '"xyz"'], 'false'],
  ['lower', ['"HeLLo ÀÉ Σ Ж"'], '"hello àé σ ж"'],
  ['upper', ['"hello àé σ ж ß"'], '"HELLO ÀÉ Σ Ж ß"'],
  ['split', ['"a,b,,c"', '","'], '["a", "b", "", "c"]'],
  ['split', ['"abc"', '""'], '["a", "b", "c"]'],
  ['split', ['""', '","'], '[""]'],
  ['split', ['"héé"', '"é"'], '["h", "", ""]'],
  ['trim', ['"xxhixx"', '"x"'], '"hi"'],
  ['trim', ['"  hi  "', '" "'], '"hi"'],
  ['trim_left', ['"xxhixx"', '"x"'], '"hixx"'],
  ['trim_right', ['"xxhixx"', '"x"'], '"xxhi"'],
  ['trim_prefix', ['"prefix-body"', '"prefix-"'], '"body"'],
  ['trim_prefix', ['"body"', '"prefix-"'], '"body"'],
  ['trim_suffix', ['"body.rego"', '".rego"'], '"body"'],
  ['trim_space', ['" \\t\\n hi \\u00a0\\u3000"'], '"hi"'],
  ['replace', ['"a.b.c"', '"."', '"::"'], '"a::b::c"'],
  ['replace', ['"abc"', '""', '"-"'], '"-a-b-c-"'],
  ['strings.replace_n', ['{"a": "1", "b": "2"}', '"abcab"'], '"12c12"'],
  // Go's NewReplacer tries patterns in argument (sorted key) order, not longest first.
  ['strings.replace_n', ['{"ab": "X", "a": "Y"}', '"aab"'], '"YYb"'],
  ['strings.replace_n', ['{"ab": "X", "b": "Y"}', '"aab"'], '"aX"'],
  ['strings.replace_n', ['{"a": 1}', '"a"'], undefined],
  ['indexof', ['"héllo"', '"llo"'], '2'],
  ['indexof', ['"hello"', '"z"'], '-1'],
  ['indexof', ['"hello"', '""'], undefined],
  ['substring', ['"héllo"', '1', '3'], '"éll"'],
  ['substring', ['"hello"', '1', '-1'], '"ello"'],
  ['substring', ['"hello"', '3', '100'], '"lo"'],
  ['substring', ['"hello"', '10', '2'], '""'],
  ['substring', ['"hello"', '-1', '2'], undefined],
  ['substring', ['"hello"', '1.5', '2'], undefined],
  ['format_int', ['255', '16'], '"ff"'],
  ['format_int', ['-5.9', '2'], '"-101"'],
  ['format_int', ['8', '10'], '"8"'],
  ['format_int', ['8', '3'], undefined],
  ['to_number', ['"42"'], '42'],
  ['to_number', ['"-1.5e2"'], '-150'],
  ['to_number', ['"+007"'], '7'],
  ['to_number', ['".5"'], '0.5'],
  ['to_number', ['null'], '0'],
  ['to_number', ['true'], '1'],
  ['to_number', ['3'], '3'],
  ['to_number', ['"abc"'], undefined],
  ['to_number', ['"1 "'], undefined],
  ['to_number', ['"-"'], undefined],
  ['to_number', ['[]'], undefined],
  ['strings.reverse', ['"héllo😀"'], '"😀olléh"'],
  // types
  ['is_number', ['1'], 'true'],
  ['is_number', ['"1"'], 'false'],
  ['is_string', ['"1"'], 'true'],
  ['is_boolean', ['false'], 'true'],
  ['is_array', ['[]'], 'true'],
  ['is_set', ['set()'], 'true'],
  ['is_object', ['{}'], 'true'],
  ['is_null', ['null'], 'true'],
  ['type_name', ['null'], '"null"'],
  ['type_name', ['true'], '"boolean"'],
  ['type_name', ['1'], '"number"'],
  ['type_name', ['""'], '"string"'],
  ['type_name', ['[]'], '"array"'],
  ['type_name', ['{}'], '"object"'],
  ['type_name', ['{1}'], '"set"'],
  // arrays
  ['array.concat', ['[1]', '[2, 3]'], '[1, 2, 3]'],
  ['array.concat', ['[1]', '{2}'], undefined],
  ['array.slice', ['[1, 2, 3, 4]', '1', '3'], '[2, 3]'],
  ['array.slice', ['[1, 2, 3, 4]', '-5', '10'], '[1, 2, 3, 4]'],
  ['array.slice', ['[1, 2, 3, 4]', '3', '1'], '[]'],
  ['array.reverse', ['[1, 2, 3]'], '[3, 2, 1]'],
  // objects
  ['object.get', ['{"a": 1}', '"a"', '0'], '1'],
  ['object.get', ['{"a": 1}', '"b"', '0'], '0'],
  ['object.get', ['{"a": {"b": [5, 6]}}', '["a", "b", 1]', '0'], '6'],
  ['object.get', ['{"a": {"b": 1}}', '["a", "x"]', '"d"'], '"d"'],
  ['object.get', ['{"a": 1}', '[]', '0'], '{"a": 1}'],
  ['object.keys', ['{"a": 1, "b": 2}'], '{"a", "b"}'],
  [
    'object.union',
    ['{"a": 1, "b": {"c": 1}}', '{"a": 2, "b": {"d": 2}}'],
    '{"a": 2, "b": {"c": 1, "d": 2}}',
  ],
  ['object.union_n', ['[{"a": 1}, {"b": 2}, {"a": 3}]'], '{"a": 3, "b": 2}'],
  ['object.union_n', ['[]'], '{}'],
  ['object.remove', ['{"a": 1, "b": 2, "c": 3}', '["a", "c"]'], '{"b": 2}'],
  ['object.remove', ['{"a": 1, "b": 2}', '{"b"}'], '{"a": 1}'],
  ['object.remove', ['{"a": 1, "b": 2}', '{"a": "x"}'], '{"b": 2}'],
  ['object.remove', ['{"a": 1}', '"a"'], undefined],
  ['object.filter', ['{"a": 1, "b": 2, "c": 3}', '["a", "c"]'], '{"a": 1, "c": 3}'],
  // sets
  ['and', ['{1, 2, 3}', '{2, 3, 4}'], '{2, 3}'],
  ['or', ['{1}', '{2}'], '{1, 2}'],
  ['set_diff', ['{1, 2}', '{2}'], '{1}'],
  ['and', ['[1]', '{1}'], undefined],
  ['intersection', ['{{1, 2}, {2, 3}}'], '{2}'],
  ['intersection', ['set()'], 'set()'],
  ['union', ['{{1}, {2, 3}}'], '{1, 2, 3}'],
  ['union', ['set()'], 'set()'],
  // membership
  ['internal.member_2', ['2', '[1, 2]'], 'true'],
  ['internal.member_2', ['2', '{"a": 2}'], 'true'],
  ['internal.member_2', ['"a"', '{"a": 2}'], 'false'],
  ['internal.member_2', ['2', '{2}'], 'true'],
  ['internal.member_2', ['"a"', '"abc"'], 'false'],
  ['internal.member_3', ['1', '"b"', '["a", "b"]'], 'true'],
  ['internal.member_3', ['"k"', '1', '{"k": 1}'], 'true'],
  ['internal.member_3', ['"k"', '2', '{"k": 1}'], 'false'],
  // encoding
  ['json.marshal', ['{"b": [1, {2, 1}], "a": "x<"}'], '"{\\"a\\":\\"x<\\",\\"b\\":[1,[1,2]]}"'],
  ['json.unmarshal', ['"{\\"a\\": [1, true]}"'], '{"a": [1, true]}'],
  ['json.unmarshal', ['"{bad"'], undefined],
  ['json.is_valid', ['"[1]"'], 'true'],
  ['json.is_valid', ['"[1"'], 'false'],
  ['json.is_valid', ['1'], 'false'],
  ['base64.encode', ['"hello"'], '"aGVsbG8="'],
  ['base64.encode', ['""'], '""'],
  ['base64.encode', ['"ab?>"'], '"YWI/Pg=="'],
  ['base64.decode', ['"aGVsbG8="'], '"hello"'],
  ['base64.decode', ['"aGVsbG8"'], undefined],
  ['base64.decode', ['"a$=="'], undefined],
  ['base64.is_valid', ['"aGVsbG8="'], 'true'],
  ['base64.is_valid', ['"aGVsbG8"'], 'false'],
  ['base64url.encode', ['"ab?>"'], '"YWI_Pg=="'],
  ['base64url.decode', ['"YWI_Pg"'], '"ab?>"'],
  ['base64url.decode', ['"YWI_Pg=="'], '"ab?>"'],
  // numbers and bits
  ['numbers.range', ['1', '4'], '[1, 2, 3, 4]'],
  ['numbers.range', ['2', '-1'], '[2, 1, 0, -1]'],
  ['numbers.range', ['1', '1.5'], undefined],
  ['bits.or', ['12', '3'], '15'],
  ['bits.and', ['12', '10'], '8'],
  ['bits.xor', ['12', '10'], '6'],
  ['bits.negate', ['5'], '-6'],
  ['bits.lsh', ['1', '10'], '1024'],
  ['bits.rsh', ['-16', '2'], '-4'],
  ['bits.and', ['1.5', '1'], undefined],
];

describe('runtime in-module builtins', () => {
  const bytes = runtimeBytes();
  const runtime = new RuntimeInstance(bytes, 8);
  const x = runtime.exports;
  const mark = x.opa_heap_ptr_get();

  afterEach(() => {
    x.rt_set_strict_builtin_errors(0);
    x.opa_heap_ptr_set(mark);
  });

  it.each(cases)('%s(%j) = %s', (name, args, expected) => {
    const exportName = `rt_builtin_${name.replace(/\./g, '_')}`;
    expect(typeof x[exportName]).toBe('function');
    const result = x[exportName](...args.map((arg) => runtime.term(arg)));
    if (expected === undefined) {
      expect(result).toBe(0);
      return;
    }
    expect(result).not.toBe(0);
    const wanted = runtime.term(expected);
    if (x.rt_value_equal(result, wanted) !== 1) {
      expect(runtime.dumpTerm(result)).toBe(runtime.dumpTerm(wanted));
    }
  });

  it('aborts with eval_builtin_error / eval_type_error in strict mode', () => {
    x.rt_set_strict_builtin_errors(1);
    expect(() => x.rt_builtin_div(runtime.term('1'), runtime.term('0'))).toThrow(
      new RuntimeAbort('eval_builtin_error: div: divide by zero'),
    );
    expect(() => x.rt_builtin_plus(runtime.term('1'), runtime.term('"a"'))).toThrow(
      new RuntimeAbort('eval_type_error: plus: operand 2 must be number but got string'),
    );
    // OPA's texts for the two minus type errors in its conformance suite.
    expect(() => x.rt_builtin_minus(runtime.term('{1}'), runtime.term('1'))).toThrow(
      'operand 2 must be set but got number',
    );
    expect(() => x.rt_builtin_minus(runtime.term('1'), runtime.term('{1}'))).toThrow(
      'operand 2 must be number but got set',
    );
    // Results that are merely undefined are not errors.
    expect(x.rt_builtin_max(runtime.term('[]'))).toBe(0);
  });

  it('keeps substrings pointing into their argument (no copies)', () => {
    const text = runtime.term('"alpha,beta"');
    const parts = x.rt_builtin_split(text, runtime.term('","'));
    const view = new DataView(runtime.memory.buffer);
    const base = view.getUint32(text + 8, true);
    const second = x.rt_iter_value(parts, 1);
    expect(view.getUint32(second + 8, true)).toBe(base + 6);
  });
});
