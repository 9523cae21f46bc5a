import { parseArgs, UsageError } from '../../src/cli/args';
import { isValidTenantName } from '../../src/cli/tenant-name';
import { bindRefQuery, isVarlessRefQuery } from '../../src/cli/query-shape';
import { toOpaOutput } from '../../src/cli/commands/eval.command';

const specs = [
  { name: 'out', short: 'o', value: true },
  { name: 'v0-compatible', value: false },
];

describe('parseArgs', () => {
  it('reads positionals, short and long flags, and --flag=value', () => {
    const parsed = parseArgs(['dir', '-o', 'out', '--v0-compatible'], specs);
    expect(parsed.positionals).toEqual(['dir']);
    expect(parsed.flags).toEqual(
      new Map<string, string | true>([
        ['out', 'out'],
        ['v0-compatible', true],
      ]),
    );
    expect(parseArgs(['--out=x'], specs).flags.get('out')).toBe('x');
    expect(parseArgs(['--', '-not-a-flag'], specs).positionals).toEqual(['-not-a-flag']);
  });

  it.each([
    [['--bogus']],
    [['-x']],
    [['-o']],
    [['-o', '--v0-compatible']],
    [['--v0-compatible=yes']],
  ])('rejects %j', (argv) => {
    expect(() => parseArgs(argv, specs)).toThrow(UsageError);
  });
});

describe('tenant names', () => {
  it.each([
    ['acme', true],
    ['a-1', true],
    ['0', true],
    ['a'.repeat(63), true],
    ['a'.repeat(64), false],
    ['-acme', false],
    ['Acme', false],
    ['../etc', false],
    ['a_b', false],
    ['', false],
  ])('%s → %s', (name, valid) => {
    expect(isValidTenantName(name)).toBe(valid);
  });
});

describe('query shape', () => {
  it.each([
    ['data.test.x', true],
    ['data', true],
    ['input.user["name"][0]', true],
    ['data.test.p = x', false],
    ['data.test[x]', false],
    ['1 == 2', false],
    ['x := data.a', false],
  ])('%s var-less ref: %s', (query, varless) => {
    expect(isVarlessRefQuery(query)).toBe(varless);
  });

  it('binds a ref query to the value variable', () => {
    expect(bindRefQuery(' data.a.b ')).toBe('__value__ = data.a.b');
  });
});

describe('eval output', () => {
  it('is opa eval shaped: expressions for var-less refs, bindings otherwise, {} when undefined', () => {
    expect(toOpaOutput([{ __value__: true }], 'data.a.allow')).toEqual({
      result: [{ expressions: [{ value: true, text: 'data.a.allow' }] }],
    });
    expect(toOpaOutput([{ x: 1 }, { x: 2 }], null)).toEqual({
      result: [{ bindings: { x: 1 } }, { bindings: { x: 2 } }],
    });
    expect(toOpaOutput([], null)).toEqual({});
  });
});
