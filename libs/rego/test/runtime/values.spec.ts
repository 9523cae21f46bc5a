import fc from 'fast-check';
import { RuntimeAbort, RuntimeInstance, runtimeBytes } from './runtime-harness';

describe('runtime values', () => {
  const bytes = runtimeBytes();
  let runtime: RuntimeInstance;
  let x: Record<string, any>;
  beforeEach(() => {
    runtime = new RuntimeInstance(bytes, 4);
    x = runtime.exports;
  });

  it('numbers type tags in OPA order', () => {
    const tags = ['null', 'true', '1', '"s"', '[]', '{}'].map((text) =>
      x.rt_value_type(runtime.value(text)),
    );
    expect(tags).toEqual([1, 2, 3, 4, 5, 6]);
    expect(x.rt_value_type(runtime.term('set()'))).toBe(7);
    expect(x.rt_value_type(0)).toBe(0);
  });

  it('builds values with the constructors', () => {
    const object = x.rt_object_new();
    const array = x.rt_array_new(0);
    x.rt_array_append(array, x.rt_number_int(-5));
    x.rt_array_append(array, x.rt_number_f64(2.5));
    x.rt_array_append(array, x.rt_null());
    x.rt_array_append(array, x.rt_boolean(1));
    const set = x.rt_set_new();
    x.rt_set_add(set, runtime.string('a'));
    x.rt_set_add(set, runtime.string('a'));
    x.rt_object_insert(object, runtime.string('list'), array);
    x.rt_object_insert(object, runtime.string('set'), set);
    x.rt_object_insert(
      object,
      runtime.string('big'),
      x.rt_number_text(...runtime.writeString('12345678901234567890')),
    );
    expect(runtime.dumpJson(object)).toBe(
      '{"big":12345678901234567890,"list":[-5,2.5,null,true],"set":["a"]}',
    );
    expect(x.rt_number_text(...runtime.writeString('1.2.3'))).toBe(0);
  });

  it('replaces on insert and detects conflicts on insert-once', () => {
    const object = x.rt_object_new();
    x.rt_object_insert(object, runtime.string('k'), x.rt_number_int(1));
    x.rt_object_insert(object, runtime.string('k'), x.rt_number_int(2));
    expect(runtime.dumpJson(object)).toBe('{"k":2}');
    x.rt_object_insert_once(object, runtime.string('k'), runtime.value('2.0'));
    expect(() => x.rt_object_insert_once(object, runtime.string('k'), x.rt_number_int(3))).toThrow(
      new RuntimeAbort('object insert conflict'),
    );
    expect(() => x.rt_var_assignment_conflict()).toThrow('var assignment conflict');
  });

  it('looks up arrays by integer index, objects by key, sets by member', () => {
    const array = runtime.value('[10, 20, 30]');
    expect(runtime.toJs(x.rt_value_get(array, x.rt_number_int(1)))).toBe(20);
    expect(runtime.toJs(x.rt_value_get(array, runtime.value('2.0')))).toBe(30);
    expect(x.rt_value_get(array, runtime.value('1.5'))).toBe(0);
    expect(x.rt_value_get(array, x.rt_number_int(3))).toBe(0);
    expect(x.rt_value_get(array, x.rt_number_int(-1))).toBe(0);
    expect(x.rt_value_get(array, runtime.string('0'))).toBe(0);
    const object = runtime.term('{"a": 1, 2: "two", [1]: "list"}');
    expect(runtime.toJs(x.rt_value_get(object, runtime.string('a')))).toBe(1);
    expect(runtime.toJs(x.rt_value_get(object, runtime.value('2')))).toBe('two');
    expect(runtime.toJs(x.rt_value_get(object, runtime.value('[1.0]')))).toBe('list');
    expect(x.rt_value_get(object, runtime.string('b'))).toBe(0);
    const set = runtime.term('{"x", 3}');
    expect(runtime.toJs(x.rt_value_get(set, x.rt_number_int(3)))).toBe(3);
    expect(x.rt_value_get(set, x.rt_number_int(4))).toBe(0);
    expect(x.rt_value_get(runtime.value('"abc"'), x.rt_number_int(0))).toBe(0);
    const [address, length] = runtime.writeString('a');
    expect(runtime.toJs(x.rt_value_get_string(object, address, length))).toBe(1);
  });

  it('keeps lookups right in big (hash-indexed) objects and sets, including after removal', () => {
    const entries = Array.from({ length: 500 }, (_, i) => [`key${i}`, i]);
    const object = runtime.value(JSON.stringify(Object.fromEntries(entries)));
    for (const [key, index] of entries) {
      expect(runtime.toJs(x.rt_value_get(object, runtime.string(String(key))))).toBe(index);
      const [address, length] = runtime.writeString(String(key));
      expect(runtime.toJs(x.rt_value_get_string(object, address, length))).toBe(index);
    }
    expect(x.rt_value_get(object, runtime.string('key500'))).toBe(0);
    expect(x.opa_value_remove_path(object, runtime.value('["key7"]'))).toBe(0);
    expect(x.rt_value_get(object, runtime.string('key7'))).toBe(0);
    expect(runtime.toJs(x.rt_value_get(object, runtime.string('key499')))).toBe(499);
    const set = x.rt_set_new();
    for (let i = 0; i < 300; i++) x.rt_set_add(set, runtime.value(`[${i % 100}]`));
    expect(x.rt_value_length(set)).toBe(100);
    expect(x.rt_value_get(set, runtime.value('[99]'))).not.toBe(0);
  });

  it('reports lengths (strings in code points) and counts', () => {
    expect(x.rt_value_length(runtime.value('"héllo😀"'))).toBe(6);
    expect(x.rt_value_length(runtime.value('[1,2]'))).toBe(2);
    expect(x.rt_value_length(runtime.value('{"a":1}'))).toBe(1);
    expect(x.rt_value_length(runtime.value('1'))).toBe(-1);
    expect(runtime.toJs(x.rt_value_count(runtime.value('"abc"')))).toBe(3);
    expect(x.rt_value_count(runtime.value('true'))).toBe(0);
  });

  it('iterates arrays in order, objects and sets in key order (as OPA does)', () => {
    const scan = (value: number) => {
      const size = x.rt_collection_size(value);
      const pairs: unknown[] = [];
      for (let i = 0; i < size; i++) {
        pairs.push([
          runtime.toJs(x.rt_iter_key(value, i)),
          runtime.toJs(x.rt_iter_value(value, i)),
        ]);
      }
      return pairs;
    };
    expect(scan(runtime.value('["a","b"]'))).toEqual([
      [0, 'a'],
      [1, 'b'],
    ]);
    expect(scan(runtime.value('{"z":1,"a":2}'))).toEqual([
      ['a', 2],
      ['z', 1],
    ]);
    expect(scan(runtime.term('{"q","p"}'))).toEqual([
      ['p', 'p'],
      ['q', 'q'],
    ]);
    expect(x.rt_collection_size(runtime.value('"str"'))).toBe(-1);
  });

  it('compares in OPA total order', () => {
    const ordered = [
      'null',
      'false',
      'true',
      '-1',
      '0',
      '2.5',
      '10',
      '""',
      '"a"',
      '"ab"',
      '"b"',
      '[]',
      '[1]',
      '[1, 2]',
      '[2]',
      '{}',
      '{"a": 1}',
      '{"a": 2}',
      '{"a": 2, "b": 0}',
      '{"b": 0}',
      'set()',
      '{1}',
      '{1, 2}',
      '{2}',
    ];
    const values = ordered.map((text) => runtime.term(text));
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        expect([ordered[i], ordered[j], x.rt_value_compare(values[i], values[j])]).toEqual([
          ordered[i],
          ordered[j],
          Math.sign(i - j),
        ]);
      }
    }
  });

  it('keeps the key order right as collections change and across heap resets', () => {
    const keys = (value: number) =>
      Array.from({ length: x.rt_collection_size(value) }, (_, i) =>
        runtime.toJs(x.rt_iter_key(value, i)),
      );
    const set = x.rt_set_new();
    for (const n of [5, 3, 9]) x.rt_set_add(set, x.rt_number_int(n));
    expect(keys(set)).toEqual([3, 5, 9]);
    x.rt_set_add(set, x.rt_number_int(1));
    expect(keys(set)).toEqual([1, 3, 5, 9]);
    // A long-lived value (like data) whose order vector was computed above a later reset
    // point must not trust the overwritten vector.
    const data = runtime.value('{"d": 1, "b": 2, "c": 3, "a": 4}');
    const dataTop = x.opa_heap_ptr_get();
    expect(keys(data)).toEqual(['a', 'b', 'c', 'd']);
    x.opa_heap_ptr_set(dataTop);
    runtime.value('[' + '"xxxxxxxx",'.repeat(50) + '0]'); // overwrites the scratch heap
    expect(keys(data)).toEqual(['a', 'b', 'c', 'd']);
    const many = runtime.value(
      JSON.stringify(
        Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`k${(i * 7919) % 200}`, i])),
      ),
    );
    const sorted = keys(many) as string[];
    expect(sorted).toEqual([...sorted].sort());
    expect(sorted).toHaveLength(200);
  });

  it('orders decimals exactly where doubles cannot tell them apart', () => {
    const pairs: Array<[string, string, number]> = [
      ['1e400', '1e399', 1],
      ['1e-400', '0', 1],
      ['-1e-400', '0', -1],
      ['0.1234567890123456789', '0.1234567890123456788', 1],
      ['1234567890123456789012', '1234567890123456789013', -1],
      ['12345678901234567890', '12345678901234567890.0', 0],
      ['1.00000000000000000000000e2', '100', 0],
      ['9007199254740993', '9007199254740992', 1],
      // A fractional double stands for the short decimal it approximates: equal here.
      ['0.1', '0.10000000000000000001', 0],
      ['0.10000000000000000002', '0.10000000000000000001', 1],
      // A host's JSON (the shortest text of a double) equals the literal the double is exactly.
      ['11529215046068469760', '11529215046068470000', 0],
      ['9007199254740993', '9007199254740993.0', 0],
      ['3.50', '3.5', 0],
      ['-0', '0', 0],
      ['1E+2', '100.0', 0],
    ];
    for (const [a, b, order] of pairs) {
      const left = runtime.value(a);
      const right = runtime.value(b);
      expect([a, b, x.rt_value_compare(left, right)]).toEqual([a, b, order]);
      expect([a, b, x.rt_value_equal(left, right)]).toEqual([a, b, order === 0 ? 1 : 0]);
      if (order === 0) expect(x.rt_value_hash(left)).toBe(x.rt_value_hash(right));
    }
    const set = runtime.term(
      '{1234567890123456789012, 1234567890123456789013, 1234567890123456789012.0}',
    );
    expect(x.rt_value_length(set)).toBe(2);
  });

  it('treats equal values as equal regardless of order or number spelling, with equal hashes', () => {
    const pairs = [
      ['{"a": 1, "b": [1, 2]}', '{"b": [1.0, 2], "a": 1e0}'],
      ['{1, 2, 3}', '{3, 2, 1}'],
      ['{{"x": 1}: [set()]}', '{{"x": 1.0}: [set()]}'],
      ['-0', '0'],
    ];
    for (const [a, b] of pairs) {
      const left = runtime.term(a);
      const right = runtime.term(b);
      expect(x.rt_value_equal(left, right)).toBe(1);
      expect(x.rt_value_compare(left, right)).toBe(0);
      expect(x.rt_value_hash(left)).toBe(x.rt_value_hash(right));
    }
    expect(x.rt_value_equal(runtime.value('[1]'), runtime.value('[1, 1]'))).toBe(0);
    expect(x.rt_value_equal(runtime.value('1'), runtime.value('"1"'))).toBe(0);
    expect(x.rt_value_equal(0, 0)).toBe(0);
  });

  it('agrees with a JS model of equality for random JSON values (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
        const left = runtime.value(JSON.stringify(a));
        const right = runtime.value(JSON.stringify(b));
        const same = JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
        expect(x.rt_value_equal(left, right)).toBe(same ? 1 : 0);
        if (same) expect(x.rt_value_hash(left)).toBe(x.rt_value_hash(right));
        expect(x.rt_value_compare(left, right) + x.rt_value_compare(right, left)).toBe(0);
        expect(x.rt_value_compare(left, right) === 0).toBe(same);
        x.opa_heap_ptr_set(x.policy_heap_base());
      }),
      { numRuns: 300 },
    );
  });

  it('deep-copies values', () => {
    const original = runtime.value('{"a": {"b": [1, {"c": 2}]}}');
    const copy = x.rt_value_copy(original);
    expect(copy).not.toBe(original);
    expect(x.rt_value_equal(copy, original)).toBe(1);
    x.rt_object_insert(
      x.rt_value_get(copy, runtime.string('a')),
      runtime.string('new'),
      x.rt_null(),
    );
    expect(runtime.toJs(original)).toEqual({ a: { b: [1, { c: 2 }] } });
  });

  it('deep-merges objects, undefined when two non-object values meet', () => {
    const a = runtime.value('{"x": {"y": 1, "z": {"q": 1}}, "k": 1}');
    const b = runtime.value('{"x": {"w": 2, "z": {"r": 2}}, "n": 3}');
    const merged = x.rt_value_merge(a, b);
    expect(runtime.toJs(merged)).toEqual({ x: { y: 1, z: { q: 1, r: 2 }, w: 2 }, k: 1, n: 3 });
    expect(runtime.toJs(a)).toEqual({ x: { y: 1, z: { q: 1 } }, k: 1 });
    expect(x.rt_value_merge(0, b)).toBe(b);
    expect(x.rt_value_merge(a, 0)).toBe(a);
    expect(x.rt_value_merge(a, runtime.value('{"x": {"z": {"q": 1}}}'))).toBe(0);
    expect(x.rt_value_merge(a, runtime.value('{"k": 1}'))).toBe(0);
    expect(x.rt_value_merge(a, runtime.value('[1]'))).toBe(0);
  });

  it('sets a path on a copy for `with`', () => {
    const base = runtime.value('{"a": {"b": 1, "c": 2}, "d": 3}');
    const updated = x.rt_value_with_path(
      base,
      runtime.value('["a", "b", "e"]'),
      runtime.value('true'),
    );
    expect(runtime.toJs(updated)).toEqual({ a: { b: { e: true }, c: 2 }, d: 3 });
    expect(runtime.toJs(base)).toEqual({ a: { b: 1, c: 2 }, d: 3 });
    expect(
      runtime.toJs(x.rt_value_with_path(0, runtime.value('["p"]'), x.rt_number_int(1))),
    ).toEqual({ p: 1 });
    const replaced = x.rt_value_with_path(base, runtime.value('[]'), x.rt_number_int(7));
    expect(runtime.toJs(replaced)).toBe(7);
  });

  it('adds and removes paths in place with ABI error codes', () => {
    const data = runtime.value('{"a": {"b": 1}}');
    expect(x.opa_value_add_path(data, runtime.value('["a", "c", "d"]'), runtime.value('[1]'))).toBe(
      0,
    );
    expect(x.opa_value_add_path(data, runtime.value('["a", "b"]'), runtime.value('2'))).toBe(0);
    expect(runtime.toJs(data)).toEqual({ a: { b: 2, c: { d: [1] } } });
    expect(x.opa_value_add_path(data, runtime.value('["a", "b", "x"]'), runtime.value('2'))).toBe(
      3,
    );
    expect(
      x.opa_value_add_path(runtime.value('[]'), runtime.value('["a"]'), runtime.value('2')),
    ).toBe(2);
    expect(x.opa_value_remove_path(data, runtime.value('["a", "c"]'))).toBe(0);
    expect(runtime.toJs(data)).toEqual({ a: { b: 2 } });
    expect(x.opa_value_remove_path(data, runtime.value('["missing", "x"]'))).toBe(0);
    const path = runtime.value('["a"]');
    x.opa_value_free(path);
  });
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value === 0 ? 0 : value; // -0 and 0 are the same number in Rego
}
