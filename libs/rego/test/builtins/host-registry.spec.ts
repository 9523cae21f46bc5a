import { BUILTIN_CATALOGUE, fixedArity } from '../../src/builtins/catalogue';
import { HOST_ALIAS_PREFIX, HOST_BUILTINS, hostImportName } from '../../src/builtins/host';
import { resetEvaluationScope } from '../../src/builtins/host/evaluation-scope';
import { call, callError } from './host-test-helpers';

describe('HOST_BUILTINS', () => {
  it('only holds catalogue built-ins, with the catalogue arity', () => {
    for (const [name, builtin] of HOST_BUILTINS) {
      const rego = name.startsWith(HOST_ALIAS_PREFIX) ? name.slice(HOST_ALIAS_PREFIX.length) : name;
      const declared = BUILTIN_CATALOGUE.get(rego);
      expect({ name, declared: declared !== undefined }).toEqual({ name, declared: true });
      expect({ name, arity: builtin.arity }).toEqual({ name, arity: fixedArity(declared!) });
    }
  });

  it('covers the built-ins policies use daily', () => {
    const daily = [
      'sprintf',
      'regex.match',
      'glob.match',
      'time.now_ns',
      'time.parse_rfc3339_ns',
      'io.jwt.decode',
      'units.parse_bytes',
      'semver.compare',
      'strings.any_prefix_match',
      'net.cidr_contains',
      'json.patch',
      'walk',
    ];
    expect(daily.filter((name) => !HOST_BUILTINS.has(name))).toEqual([]);
    expect(HOST_BUILTINS.size).toBeGreaterThanOrEqual(75);
  });

  it('offers unshadowed aliases for what opa-wasm implements itself', () => {
    expect(hostImportName('sprintf')).toBe('coresdk.host.sprintf');
    expect(hostImportName('regex.match')).toBe('regex.match');
    expect(HOST_BUILTINS.get('coresdk.host.sprintf')).toBe(HOST_BUILTINS.get('sprintf'));
  });
});

describe('json encoding', () => {
  it('marshals with sorted keys, compactly or pretty', () => {
    expect(call('json.marshal', { b: [1, { d: null, c: 'x' }], a: true })).toBe(
      '{"a":true,"b":[1,{"c":"x","d":null}]}',
    );
    expect(
      call('json.marshal_with_options', { b: 1, a: [2] }, { pretty: true, indent: '  ' }),
    ).toBe('{\n  "a": [\n    2\n  ],\n  "b": 1\n}');
    expect(call('json.marshal_with_options', { a: 1 }, { prefix: '> ' })).toBe(
      '> {\n> \t"a": 1\n> }',
    );
    expect(call('json.marshal_with_options', { a: 1 }, { pretty: false, indent: ' ' })).toBe(
      '{"a":1}',
    );
    expect(callError('json.marshal_with_options', 1, { pretty: 'yes' }).message).toContain(
      'invalid "pretty" option',
    );
  });

  it('unmarshals and validates', () => {
    expect(call('json.unmarshal', '{"a":[1,2]}')).toEqual({ a: [1, 2] });
    expect(callError('json.unmarshal', '{').message).toMatch(/^json.unmarshal: /);
    expect(call('json.is_valid', '[1]')).toBe(true);
    expect(call('json.is_valid', '[1')).toBe(false);
    expect(call('json.is_valid', 3)).toBe(false);
  });
});

describe('rand.intn', () => {
  it('draws within [0, |n|) and repeats for the same key and bound in one evaluation', () => {
    resetEvaluationScope();
    const first = call('rand.intn', 'k', 10) as number;
    expect(first).toBeGreaterThanOrEqual(0);
    expect(first).toBeLessThan(10);
    expect(call('rand.intn', 'k', 10)).toBe(first);
    expect(call('rand.intn', 'k', -10)).toBe(first);
    expect(call('rand.intn', 'k', 0)).toBe(0);
    expect(callError('rand.intn', 'k', 1.5).message).toContain('operand 2 must be integer');
  });
});
