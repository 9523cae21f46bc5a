/** Checker rewrite table: note, module sources (Rego v1), the checked rules printed back. */
import { printQuery, printRule } from '../../src/ast/print';
import { checkModules } from '../../src/check';
import { parseModule } from '../../src/syntax';
import { check } from './check-helpers';

const REWRITE_CASES: Array<[note: string, sources: string[], expected: string[]]> = [
  ['package rules become absolute', ['package a.b\np := q\nq := 1'], ['p := data.a.b.q', 'q := 1']],
  [
    'import alias substituted',
    ['package p\nimport data.lib.x as y\nimport input.user\nz if { y.k == user.name }'],
    ['z if { (data.lib.x.k == input.user.name) }'],
  ],
  [
    'user function operator',
    ['package p\nf(a) := a\nr := f(1)'],
    ['f(a) := a', 'r := data.p.f(1)'],
  ],
  [
    'function through import',
    ['package p\nimport data.lib\nr := lib.g(1)', 'package lib\ng(a) := a'],
    ['r := data.lib.g(1)'],
  ],
  [
    'builtins keep their names',
    ['package p\nr := strings.replace_n({"a": "b"}, "a")'],
    ['r := strings.replace_n({"a": "b"}, "a")'],
  ],
  [
    'a local declaration shadows a rule',
    ['package p\nq := 1\nr if { q := 2; q > 1 }'],
    ['q := 1', 'r if { q := 2; (q > 1) }'],
  ],
  [
    'ref heads keep their own path',
    ['package p\na.b[k] := 1 if some k in input'],
    ['a.b[k] := 1 if { some k in input }'],
  ],
  [
    'body reordered for safety',
    ['package p\nr if { x > 1; x = input.a }'],
    ['r if { x = input.a; (x > 1) }'],
  ],
  [
    'assignment before use',
    ['package p\nr := y if { y == 2; y = input.a }'],
    ['r := y if { y = input.a; (y == 2) }'],
  ],
  [
    'output argument of a call binds',
    ['package p\nr := n if { n > 1; count(input.a, n) }'],
    ['r := n if { count(input.a, n); (n > 1) }'],
  ],
  [
    'ref iteration binds',
    ['package p\nr contains u if { u.admin; u = input.users[i] }'],
    ['r contains u if { u = input.users[i]; u.admin }'],
  ],
  [
    'array patterns unify element-wise',
    ['package p\nr := a if { [a, b] = [b, 1] }'],
    ['r := a if { [a, b] = [b, 1] }'],
  ],
  [
    'comprehension locals get unique names',
    ['package p\nr if { xs := [x | x := input[_]]; ys := [x | x := input[_]]; xs == ys }'],
    ['r if { xs := [x | x := input[_]]; ys := [$x_1 | $x_1 := input[_]]; (xs == ys) }'],
  ],
  [
    'comprehension captures an outer var',
    ['package p\nr if { x := 1; ys := [y | y := input[_]; y > x] }'],
    ['r if { x := 1; ys := [y | y := input[_]; (y > x)] }'],
  ],
  [
    'a later := is not captured',
    ['package p\nr := x if { y := {x | input[x]}; x := count(y) }'],
    ['r := x if { y := {$x_1 | input[$x_1]}; x := count(y) }'],
  ],
  [
    'some in binds key and value',
    ['package p\nr contains [k, v] if { some k, v in input; v > 1 }'],
    ['r contains [k, v] if { some k, v in input; (v > 1) }'],
  ],
  [
    'comprehension body reordered',
    ['package p\nr := [y | y > 1; y = input[_]]'],
    ['r := [y | y = input[_]; (y > 1)]'],
  ],
  [
    'every body reordered, key/value renamed apart',
    ['package p\nr if { v := 1; every v in input { w > v; w = 2 } }'],
    ['r if { v := 1; every $v_1 in input { w = 2; (w > $v_1) } }'],
  ],
  [
    'with target resolved',
    ['package p\nq := input.a\nr if { q with input.a as 1 }'],
    ['q := input.a', 'r if { data.p.q with input.a as 1 }'],
  ],
  [
    'statement call with an output argument',
    ['package p\nr := x if { array.concat([1], [2], x) }'],
    ['r := x if { array.concat([1], [2], x) }'],
  ],
  [
    'equal-kind scalars unify (false at run time)',
    ['package p\nr if { 1 = 2 }'],
    ['r if { 1 = 2 }'],
  ],
  [
    'builtin mocks in nested scopes stay builtin names',
    ['package p\nr if { count([1]) with count as 1; x := [1 | count([]) with count as 2] }'],
    ['r if { count([1]) with count as 1; x := [1 | count([]) with count as 2] }'],
  ],
  [
    'builtin mock values in sibling scopes stay builtin names',
    [
      'package p\nf(a) := a\nr if { x := [1 | f(1) with f as count]; y := [2 | f(2) with f as count] }',
    ],
    [
      'f(a) := a',
      'r if { x := [1 | data.p.f(1) with data.p.f as count]; y := [2 | data.p.f(2) with data.p.f as count] }',
    ],
  ],
  [
    'used some declaration kept',
    ['package p\nr if { some i; input.a[i] }'],
    ['r if { some i; input.a[i] }'],
  ],
  [
    'builtin mock target kept',
    ['package p\nr if { count([]) with count as 1 }'],
    ['r if { count([]) with count as 1 }'],
  ],
  [
    'function mock resolved',
    ['package p\nf(a) := a\nr if { f(1) with f as count }'],
    ['f(a) := a', 'r if { data.p.f(1) with data.p.f as count }'],
  ],
  [
    'else chain',
    ['package p\nr := 1 if { x > 0; x = input.a } else := 2 if { x := 1 }'],
    ['r := 1 if { x = input.a; (x > 0) } else = 2 if { $x_1 := 1 }'],
  ],
  [
    'function args bind',
    ['package p\nf([a, b]) := c if { c := a + b }'],
    ['f([a, b]) := c if { c := (a + b) }'],
  ],
  [
    'negation after its bindings',
    ['package p\nr if { not x == 1; x = input.a }'],
    ['r if { x = input.a; not (x == 1) }'],
  ],
  [
    'wildcard allowed under negation',
    ['package p\nr if { not input.a[_] == 1 }'],
    ['r if { not (input.a[_] == 1) }'],
  ],
  [
    'unification chains in order of availability',
    ['package p\nr contains [k, v] if { v > 1; k = "a"; v = input[k] }'],
    ['r contains [k, v] if { k = "a"; v = input[k]; (v > 1) }'],
  ],
];

describe('checkModules rewrites', () => {
  it.each(REWRITE_CASES)('%s', (_note, sources, expected) => {
    const outcome = check(sources);
    expect(outcome.errors).toEqual([]);
    expect(outcome.modules[0].rules.map(printRule)).toEqual(expected);
  });

  it('renames wildcards to distinct generated names', () => {
    const outcome = check(['package p\nr if { input[_] == input[_] }']);
    const term = outcome.modules[0].rules[0].body[0];
    expect(JSON.stringify(term).match(/"\$_\d+"/g)).toHaveLength(2);
  });

  it('keeps query variable names and reorders queries', () => {
    const outcome = check(['package p\nq := 1'], 'y > 0; y = data.p.q');
    expect(outcome.errors).toEqual([]);
    expect(printQuery(outcome.queries[0])).toBe('y = data.p.q; (y > 0)');
  });

  it('does not modify its inputs', () => {
    const { module } = parseModule('package p\nq := 1\nr if { x > 1; x = q }', 'm.rego', {
      regoVersion: 'v1',
    });
    const before = JSON.stringify(module);
    checkModules([module!], [], {});
    expect(JSON.stringify(module)).toBe(before);
  });

  it('checks the CoreSDK example policy in both versions', () => {
    const v0 = check(
      [
        'package coresdk.authz\n\nallow { input.action == "analytics:read"; input.user.tenant_id == "acme" }',
      ],
      undefined,
      undefined,
      'v0',
    );
    const v1 = check([
      'package coresdk.authz\n\nallow if { input.action == "analytics:read"; input.user.tenant_id == "acme" }',
    ]);
    expect(v0.errors).toEqual([]);
    expect(v1.modules.map((module) => module.rules.map(printRule))).toEqual(
      v0.modules.map((module) => module.rules.map(printRule)),
    );
  });
});
