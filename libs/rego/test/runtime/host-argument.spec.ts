import { RuntimeInstance, runtimeBytes } from './runtime-harness';

const TAG = '__coresdk_bigint__';

describe('rt_host_arg (host built-in arguments keep big integers exact)', () => {
  const bytes = runtimeBytes();
  let runtime: RuntimeInstance;
  beforeEach(() => {
    runtime = new RuntimeInstance(bytes);
  });

  const hostArgument = (value: number): number => runtime.exports.rt_host_arg(value);

  it.each([
    '1',
    '-7',
    '9007199254740991',
    '1.5',
    '"9223372036854775808"',
    'null',
    'true',
    '[1, 2.5, "x", {"a": [null, 3]}]',
    '{"n": 123, "m": {"k": [false]}}',
    '0.100000000000000000000000000001',
  ])('returns %s itself: nothing to tag, nothing copied', (json) => {
    const value = runtime.value(json);
    expect(hostArgument(value)).toBe(value);
  });

  it('returns 0 (undefined) unchanged', () => {
    expect(hostArgument(0)).toBe(0);
  });

  it.each([
    ['9223372036854775808', { [TAG]: '9223372036854775808' }],
    ['-18446744073709551617', { [TAG]: '-18446744073709551617' }],
    ['123456789012345678901234567890', { [TAG]: '123456789012345678901234567890' }],
  ])('tags the integer %s kept as text', (json, expected) => {
    expect(runtime.toJs(hostArgument(runtime.value(json)))).toEqual(expected);
  });

  it('tags big integers nested in arrays and objects and leaves the rest as it was', () => {
    const value = runtime.value(
      '[1, "s", {"b": 9223372036854775808, "a": [2, 18446744073709551616]}]',
    );
    expect(runtime.toJs(hostArgument(value))).toEqual([
      1,
      's',
      { a: [2, { [TAG]: '18446744073709551616' }], b: { [TAG]: '9223372036854775808' } },
    ]);
    // The original is untouched: the memo key and later statements still see the number.
    expect(runtime.dumpJson(value)).toBe(
      '[1,"s",{"a":[2,18446744073709551616],"b":9223372036854775808}]',
    );
  });

  it('turns a set holding a big integer into an array in the order the set dumps', () => {
    const set = runtime.term('{3, 9223372036854775808, 1}');
    expect(runtime.dumpJson(set)).toBe('[1,3,9223372036854775808]');
    expect(runtime.toJs(hostArgument(set))).toEqual([1, 3, { [TAG]: '9223372036854775808' }]);
  });

  it('produces what the unmodified JSON dump would give, besides the tags', () => {
    const value = runtime.value('{"x": [1.25, "t", 9223372036854775807], "y": {"z": null}}');
    const tagged = runtime.toJs(hostArgument(value)) as { x: unknown[]; y: unknown };
    const plain = runtime.toJs(value) as { x: unknown[]; y: unknown };
    expect(tagged.y).toEqual(plain.y);
    expect(tagged.x.slice(0, 2)).toEqual(plain.x.slice(0, 2));
    expect(tagged.x[2]).toEqual({ [TAG]: '9223372036854775807' });
  });
});
