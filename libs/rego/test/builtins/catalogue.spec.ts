import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  BUILTIN_CATALOGUE,
  INFIX_OPERATORS,
  fixedArity,
  lookupBuiltin,
} from '../../src/builtins/catalogue';
import { T, formatTypeSpec, isAssignable } from '../../src/builtins/type-spec';

// The package's exports map hides its files from require.resolve; locate it from the main entry.
const SDK_DIRECTORY = join(dirname(require.resolve('@open-policy-agent/opa-wasm')), '..');

// OPA-documented arities of built-ins policies use every day.
const ARITIES: Array<[string, number]> = [
  ['plus', 2],
  ['internal.member_2', 2],
  ['internal.member_3', 3],
  ['count', 1],
  ['sprintf', 2],
  ['regex.match', 2],
  ['regex.template_match', 4],
  ['regex.find_n', 3],
  ['glob.match', 3],
  ['time.now_ns', 0],
  ['time.add_date', 4],
  ['time.diff', 2],
  ['io.jwt.decode', 1],
  ['io.jwt.decode_verify', 2],
  ['io.jwt.encode_sign', 3],
  ['object.get', 3],
  ['json.patch', 2],
  ['net.cidr_contains_matches', 2],
  ['strings.replace_n', 2],
  ['numbers.range_step', 3],
  ['opa.runtime', 0],
  ['rego.parse_module', 2],
  ['providers.aws.sign_req', 3],
  ['crypto.x509.parse_keypair', 2],
];

describe('BUILTIN_CATALOGUE', () => {
  it('declares the whole OPA 1.x set', () => {
    expect(BUILTIN_CATALOGUE.size).toBeGreaterThanOrEqual(190);
  });

  it.each(ARITIES)('%s takes %d arguments', (name, arity) => {
    const builtin = lookupBuiltin(name);
    expect(builtin).toBeDefined();
    expect(fixedArity(builtin!)).toBe(arity);
  });

  it('covers every built-in the opa-wasm SDK declares, with the same arity', () => {
    const sdkCapabilities = JSON.parse(
      readFileSync(join(SDK_DIRECTORY, 'capabilities.json'), 'utf8'),
    ) as { builtins: Array<{ name: string; decl: { args?: unknown[]; variadic?: unknown } }> };
    for (const { name, decl } of sdkCapabilities.builtins) {
      const builtin = BUILTIN_CATALOGUE.get(name);
      expect({ name, known: builtin !== undefined }).toEqual({ name, known: true });
      if (!decl.variadic)
        expect({ name, arity: fixedArity(builtin!) }).toEqual({
          name,
          arity: decl.args?.length ?? 0,
        });
    }
  });

  it('looks up dotted operators as the checker emits them', () => {
    expect(lookupBuiltin(['strings', 'replace_n'])?.name).toBe('strings.replace_n');
    expect(lookupBuiltin(['internal', 'member_2'])?.infix).toBe('in');
    expect(lookupBuiltin(['no', 'such'])).toBeUndefined();
  });

  it('maps infix symbols to operator names', () => {
    expect(INFIX_OPERATORS.get('==')).toBe('equal');
    expect(INFIX_OPERATORS.get(':=')).toBe('assign');
    expect(INFIX_OPERATORS.get('=')).toBe('eq');
    expect(INFIX_OPERATORS.get('in')).toBe('internal.member_2');
    expect(INFIX_OPERATORS.get('&')).toBe('and');
  });

  it('flags network, nondeterministic, variadic, relation and deprecated built-ins', () => {
    const flagged = (flag: 'network' | 'nondeterministic' | 'deprecated') =>
      [...BUILTIN_CATALOGUE.values()]
        .filter((b) => b[flag])
        .map((b) => b.name)
        .sort();
    expect(flagged('network')).toEqual(['http.send', 'net.lookup_ip_addr', 'opa.runtime']);
    expect(flagged('nondeterministic')).toEqual(
      expect.arrayContaining([
        'time.now_ns',
        'rand.intn',
        'uuid.rfc4122',
        'http.send',
        'io.jwt.decode_verify',
      ]),
    );
    expect(flagged('nondeterministic')).not.toContain('time.parse_ns');
    expect(flagged('deprecated')).toEqual(
      expect.arrayContaining([
        're_match',
        'set_diff',
        'all',
        'any',
        'cast_string',
        'net.cidr_overlap',
      ]),
    );
    expect(lookupBuiltin('print')?.variadic).toEqual(T.any);
    expect(fixedArity(lookupBuiltin('print')!)).toBeUndefined();
    expect(lookupBuiltin('walk')?.relation).toBe(true);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(BUILTIN_CATALOGUE.get('plus'))).toBe(true);
  });
});

describe('type language', () => {
  it.each([
    [T.array(), 'array[any]'],
    [T.object(T.string, T.any), 'object[string: any]'],
    [T.anyOf(T.number, T.set()), 'any<number, set[any]>'],
    [T.tuple(T.number, T.string), 'array<number, string>'],
  ])('formats %j as %s', (type, text) => {
    expect(formatTypeSpec(type)).toBe(text);
  });

  it.each([
    [T.number, T.number, true],
    [T.number, T.string, false],
    [T.anyOf(T.number, T.set()), T.set(T.string), true],
    [T.array(T.string), T.tuple(T.string, T.string), true],
    [T.array(T.string), T.tuple(T.string, T.number), false],
    [T.tuple(T.number, T.string), T.array(T.any), true],
    [T.object(T.string, T.any), T.object(T.string, T.number), true],
    [T.set(), T.array(), false],
    [T.string, T.any, true],
    [T.string, T.anyOf(T.number, T.string), true],
  ])('%j accepts %j: %s', (expected, actual, ok) => {
    expect(isAssignable(expected, actual)).toBe(ok);
  });
});
