import type { Module, Rule, Term } from '../../src/ast/nodes';
import { printModule, printTerm } from '../../src/ast/print';
import { parseModule, parseQuery, parseTerm } from '../../src/syntax';
import { stripLocations } from './strip-locations';

function parseOk(source: string, regoVersion: 'v0' | 'v1' = 'v1'): Module {
  const { module, diagnostics } = parseModule(source, 't.rego', { regoVersion });
  expect(diagnostics).toEqual([]);
  return module as Module;
}

function onlyRule(source: string, regoVersion: 'v0' | 'v1' = 'v1'): Rule {
  const module = parseOk(`package p\n${source}`, regoVersion);
  expect(module.rules).toHaveLength(1);
  return module.rules[0];
}

/** A compact rendering of a rule's shape: kind, ref, args/key/value as source. */
function shape(rule: Rule): string {
  const ref = rule.head.ref
    .map((part) => (part.type === 'string' ? part.value : `[${printTerm(part)}]`))
    .join('.');
  const parts = [rule.kind, ref];
  if (rule.head.args) parts.push(`args(${rule.head.args.map(printTerm).join(',')})`);
  if (rule.head.key) parts.push(`key ${printTerm(rule.head.key)}`);
  if (rule.head.value) parts.push(`value ${printTerm(rule.head.value)}`);
  parts.push(`body ${rule.body.length}`);
  if (rule.isDefault) parts.push('default');
  if (rule.elseChain.length) parts.push(`else ${rule.elseChain.length}`);
  return parts.join(' ');
}

describe('CoreSDK example policy', () => {
  it('parses as v0', () => {
    const module = parseOk(
      'package coresdk.authz\n\nallow { input.action == "analytics:read"; input.user.tenant_id == "acme" }',
      'v0',
    );
    expect(module.package.path).toEqual(['coresdk', 'authz']);
    expect(shape(module.rules[0])).toBe('complete allow body 2');
    expect(module.regoVersion).toBe('v0');
  });

  it('parses its v1 twin', () => {
    const module = parseOk(
      'package coresdk.authz\n\nallow if { input.action == "analytics:read"; input.user.tenant_id == "acme" }',
    );
    expect(shape(module.rules[0])).toBe('complete allow body 2');
    expect(module.rules[0].packagePath).toEqual(['coresdk', 'authz']);
  });
});

describe('rule heads', () => {
  it.each<[string, 'v0' | 'v1', string]>([
    ['p := 1', 'v1', 'complete p value 1 body 0'],
    ['p = 1 if true', 'v1', 'complete p value 1 body 1'],
    ['allow if input.x == 1', 'v1', 'complete allow body 1'],
    ['p contains x if { some x in [1] }', 'v1', 'set p key x body 1'],
    ['p contains "a"', 'v1', 'set p key "a" body 0'],
    ['p[x] := y if { x := 1; y := 2 }', 'v1', 'object p.[x] value y body 2'],
    ['a.b[x] := 1 if x := 2', 'v1', 'object a.b.[x] value 1 body 1'],
    ['p[x] if x := 1', 'v1', 'object p.[x] body 1'],
    ['a.b.c := 1', 'v1', 'complete a.b.c value 1 body 0'],
    ['p["a"] := 1', 'v1', 'complete p.a value 1 body 0'],
    ['f(x) := y if y := x', 'v1', 'function f args(x) value y body 1'],
    ['f(x, [a, _]) if true', 'v1', 'function f args(x,[a, _]) body 1'],
    ['sum (a, b) := c if c := a + b', 'v1', 'function sum args(a,b) value c body 1'],
    ['default allow := false', 'v1', 'complete allow value false body 0 default'],
    ['default f(_) := 1', 'v1', 'function f args(_) value 1 body 0 default'],
    ['p := 1 if false else := 2 if true else = 3', 'v1', 'complete p value 1 body 1 else 2'],
    ['allow { true }', 'v0', 'complete allow body 1'],
    ['p[x] { x := 1 }', 'v0', 'set p key x body 1'],
    ['p["a"]', 'v0', 'set p key "a" body 0'],
    ['p[k] = v { k := 1; v := 2 }', 'v0', 'object p.[k] value v body 2'],
    ['f(x) = y { y := x }', 'v0', 'function f args(x) value y body 1'],
    ['default p = false', 'v0', 'complete p value false body 0 default'],
    ['p = 1 { false } else = 2 { true } else = 3', 'v0', 'complete p value 1 body 1 else 2'],
    ['p.q { true }', 'v0', 'set p key "q" body 1'],
    ['import future.keywords.if\np[x] if { x := 1 }', 'v0', 'object p.[x] body 1'],
    ['p.q.r { true }', 'v0', 'complete p.q.r body 1'],
  ])('%s (%s)', (source, version, expected) => {
    expect(shape(onlyRule(source, version))).toBe(expected);
  });

  it('splits v0 chained bodies into one rule per body', () => {
    const module = parseOk('package p\np { 1 } { 2 }', 'v0');
    expect(module.rules.map(shape)).toEqual(['complete p body 1', 'complete p body 1']);
  });

  it.each<[string, 'v0' | 'v1', string[]]>([
    ['r["s"] p1 { s1 := "1"; p1 := s1 }', 'v0', ['set r key "s" body 0', 'complete p1 body 2']],
    ['p := 1 q := 2', 'v1', ['complete p value 1 body 0', 'complete q value 2 body 0']],
    [
      'p := 1 if { true } else := 2 q := 3',
      'v1',
      ['complete p value 1 body 1 else 1', 'complete q value 3 body 0'],
    ],
  ])('reads statements on one line as OPA does: %s (%s)', (source, version, expected) => {
    expect(parseOk(`package p\n${source}`, version).rules.map(shape)).toEqual(expected);
  });
});

describe('keywords and versions', () => {
  it('treats if/contains/in/every as names in v0 without imports', () => {
    const rule = onlyRule('p { in := 1; every := in }', 'v0');
    expect(rule.body).toHaveLength(2);
  });

  it.each(['import future.keywords', 'import future.keywords.in'])(
    'enables `in` in v0 after %s',
    (line) => {
      const module = parseOk(`package p\n${line}\np { 1 in [1] }`, 'v0');
      expect(printTerm((module.rules[0].body[0] as { term: Term }).term)).toBe('(1 in [1])');
    },
  );

  it.each(['import future.keywords.not', 'import rego.v2'])(
    'reads `not { … }` as a negated body after %s',
    (line) => {
      const module = parseOk(`package p\n${line}\np if { not { input.a; input.b } }`);
      const literal = module.rules[0].body[0];
      expect(literal).toMatchObject({ type: 'expr', negated: true });
      // The body becomes `[true | …][0]`: defined exactly when the body has a solution.
      expect(printTerm((literal as { term: Term }).term)).toBe('[true | input.a; input.b][0]');
    },
  );

  it('switches a v0 file to v1 with `not { … }` bodies after import rego.v2', () => {
    const module = parseOk('package p\nimport rego.v2\np if { not { input.a } }', 'v0');
    expect(module.regoVersion).toBe('v1');
    expect(module.rules[0].body[0]).toMatchObject({ negated: true, term: { type: 'ref' } });
  });

  it('keeps `not {…}` a negated set literal without the import', () => {
    const module = parseOk('package p\np if { not {input.a} }');
    expect((module.rules[0].body[0] as { term: Term }).term.type).toBe('set');
  });

  it('switches a v0 file to v1 rules after import rego.v1', () => {
    const module = parseOk('package p\nimport rego.v1\np contains 1 if true', 'v0');
    expect(module.regoVersion).toBe('v1');
    expect(
      parseModule('package p\nimport rego.v1\np { true }', 't', { regoVersion: 'v0' })
        .diagnostics[0].message,
    ).toBe('`if` keyword is required before rule body');
  });

  it('parses `contains(...)` as a call even where contains is a keyword', () => {
    const rule = onlyRule('p if contains("abc", "b")');
    expect(rule.body[0]).toMatchObject({ term: { type: 'call', operator: ['contains'] } });
  });
});

describe('terms', () => {
  it.each<[string, string]>([
    ['1 + 2 * 3', '(1 + (2 * 3))'],
    ['(1 + 2) * 3', '((1 + 2) * 3)'],
    ['a | b & c', '(a | (b & c))'],
    ['x == 1 + 2', '(x == (1 + 2))'],
    ['x in xs == true', '(x in (xs == true))'],
    ['-1', '-1'],
    ['3 - -1', '(3 - -1)'],
    ['a.b[c].d', 'a.b[c].d'],
    ['a["x-y"][0]', 'a["x-y"][0]'],
    ['[1, 2][0]', '[1, 2][0]'],
    ['f(x).y', 'f(x).y'],
    ['data.lib.f(1, 2)', 'data.lib.f(1, 2)'],
    ['{1, 2}', '{1, 2}'],
    ['{"a": 1, "b": [2]}', '{"a": 1, "b": [2]}'],
    ['set()', 'set()'],
    ['{}', '{}'],
    ['[x | x := xs[_]; x > 1]', '[x | x := xs[_]; (x > 1)]'],
    ['{x | some x in xs}', '{x | some x in xs}'],
    ['{k: v | some k, v in o}', '{k: v | some k, v in o}'],
    ['[x | y, 5]', '[(x | y), 5]'],
    ['[x + 1 | y]', '[((x + 1) | y)]'],
    ['[(x + 1) | true]', '[(x + 1) | true]'],
    ['{x + 1 | y}', '{((x + 1) | y)}'],
    ['{"a": x + 1 | y}', '{"a": ((x + 1) | y)}'],
    ['{"a": f(x) | true}', '{"a": f(x) | true}'],
    ['[(x | y)]', '[(x | y)]'],
    ['{x | y, 5}', '{(x | y), 5}'],
    ['[1, 2,]', '[1, 2]'],
    ['1.5e3', '1.5e3'],
    ['`raw \\n`', '"raw \\\\n"'],
    ['null', 'null'],
  ])('%s', (source, printed) => {
    const { term, diagnostics } = parseTerm(source, 't');
    expect(diagnostics).toEqual([]);
    expect(printTerm(term as Term)).toBe(printed);
  });

  it('keeps exact locations', () => {
    const { term } = parseTerm('input.a[x]', 't');
    expect(term).toMatchObject({
      type: 'ref',
      location: { line: 1, col: 1, offset: 0, end: 10 },
      head: { name: 'input', location: { col: 1, end: 5 } },
      path: [
        { value: 'a', location: { col: 7 } },
        { name: 'x', location: { col: 9 } },
      ],
    });
  });

  it('renames each wildcard to a distinct generated variable', () => {
    const { term } = parseTerm('[_, _]', 't');
    expect(term).toMatchObject({
      items: [
        { name: '$_0', generated: true },
        { name: '$_1', generated: true },
      ],
    });
  });
});

describe('bodies and literals', () => {
  it('separates literals by newlines or semicolons', () => {
    const rule = onlyRule('p if {\n  x := 1; y := 2\n  x < y\n}');
    expect(rule.body).toHaveLength(3);
  });

  it('continues an operator expression across a line break', () => {
    const rule = onlyRule('p if {\n  x := 1 +\n    2\n}');
    expect(rule.body).toHaveLength(1);
  });

  it.each<[string, object]>([
    ['some x, y', { type: 'some', vars: [{ name: 'x' }, { name: 'y' }] }],
    [
      'some x in xs',
      { type: 'somein', key: null, value: { name: 'x' }, collection: { name: 'xs' } },
    ],
    ['some k, [a, b] in xs', { type: 'somein', key: { name: 'k' }, value: { type: 'array' } }],
    [
      'every k, v in xs { v > k }',
      { type: 'every', key: { name: 'k' }, value: { name: 'v' }, body: [{ type: 'expr' }] },
    ],
    ['not x == 1', { type: 'expr', negated: true }],
    ['k, v in xs', { type: 'expr', term: { operator: ['internal', 'member_3'] } }],
    [
      'b := 0, 2 in [5, 6]',
      {
        type: 'expr',
        term: { operator: ['assign'], args: [{}, { operator: ['internal', 'member_3'] }] },
      },
    ],
    [
      'x := f(1) with input.a as 1 with data.b as 2',
      { type: 'expr', with: [{ target: { type: 'ref' } }, { target: { type: 'ref' } }] },
    ],
    ['x = 1', { type: 'expr', term: { operator: ['eq'] } }],
  ])('%s', (source, expected) => {
    const rule = onlyRule(`p if { ${source} }`);
    expect(rule.body[0]).toMatchObject(expected);
  });

  it('parses queries', () => {
    const { query } = parseQuery('x := data.test.p; y = x\nz = y', 'q', { regoVersion: 'v1' });
    expect(query?.body).toHaveLength(3);
  });

  it('reads `if { 1 | 1 }` as a comprehension literal, as OPA does', () => {
    const rule = onlyRule('x if { 1 | 1 }');
    expect(rule.body).toHaveLength(1);
    expect(rule.body[0]).toMatchObject({ term: { type: 'setcomprehension' } });
  });

  it('reads `if { x }` (a set literal) as a braced body', () => {
    expect(onlyRule('x if { input.a }').body[0]).toMatchObject({ term: { type: 'ref' } });
  });

  it('parses a rule body that is a single comprehension literal', () => {
    const rule = onlyRule('x if { 1:2 | some p in [1,2] }');
    expect(rule.body[0]).toMatchObject({ term: { type: 'objectcomprehension' } });
  });
});

const ROUND_TRIP: Array<[source: string, version: 'v0' | 'v1']> = [
  [
    'package a.b["c-d"]\nimport data.x.y as z\nimport input.user\nimport future.keywords.in\np := 1',
    'v1',
  ],
  [
    'package p\np contains x if { some x in input.xs; x > 1 }\nq[k] := v if { some k, v in input.o }',
    'v1',
  ],
  [
    'package p\nf(x, [a, _]) := y if { y := (x + a) * 2 } else := 0\ndefault g := {"a": [1, {2}], "b": set()}',
    'v1',
  ],
  [
    'package p\nr if { every k, v in input { k == v } with input as {"a": "a"} }\ns if not input.x with data.a.b as 1',
    'v1',
  ],
  [
    'package p\nt := [x | x := input[_]] | {y | y := 1}\nu := {k: v | some k, v in input; not v}',
    'v1',
  ],
  ['package p\nv := "\\u00e9\\n\\"" if { x := -1.5e3; y := 0 - x; z := x % 2 & 3 | 4 }', 'v1'],
  [
    'package p\nallow { input.a == 1; input.b != 2 }\np[x] { x := 1 }\nq[k] = v { k := 1; v := 2 }\nf(x) = y { y := x }',
    'v0',
  ],
  ['package p\nw if { a.b.c(1); 1, 2 in [1]; x := 1 in {1} }\nz if { x := data.p.w }', 'v1'],
];

describe('round trip: parse → print → parse', () => {
  it.each(ROUND_TRIP)('%j', (source, regoVersion) => {
    const first = parseOk(source, regoVersion);
    const printed = printModule(first);
    const second = parseModule(printed, 't.rego', { regoVersion: 'v1' });
    expect(second.diagnostics).toEqual([]);
    expect(stripLocations({ ...second.module, regoVersion: first.regoVersion })).toEqual(
      stripLocations(first),
    );
  });
});
