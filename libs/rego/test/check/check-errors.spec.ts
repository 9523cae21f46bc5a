/** Checker failure table: note, module sources (Rego v1), expected diagnostics. */
import { check } from './check-helpers';

const ERROR_CASES: Array<[note: string, sources: string[], expected: string[]]> = [
  // name resolution and calls
  [
    'undefined function',
    ['package p\nx := f(1)'],
    ['mod0.rego:2:6: rego_type_error: undefined function f'],
  ],
  [
    'undefined dotted function',
    ['package p\nx := strings.nope(1)'],
    ['mod0.rego:2:6: rego_type_error: undefined function strings.nope'],
  ],
  [
    'undefined function in another package',
    ['package p\nx := data.q.f(1)'],
    ['mod0.rego:2:6: rego_type_error: undefined function data.q.f'],
  ],
  [
    'user function arity',
    ['package p\nf(a) := a\nx := f(1, 2, 3)'],
    ['mod0.rego:3:6: rego_type_error: data.p.f: arity mismatch: have 3 arguments, want 1'],
  ],
  [
    'builtin arity',
    ['package p\nx := count(1, 2, 3)'],
    [
      'mod0.rego:2:6: rego_type_error: count: arity mismatch\n\thave: (number, number, number)\n\twant: (any<string, array[any], object[any: any], set[any]>)',
    ],
  ],
  [
    'constant argument of the wrong type',
    ['package p\nx := count(1)'],
    [
      'mod0.rego:2:12: rego_type_error: count: invalid argument(s)\n\thave: (number)\n\twant: (any<string, array[any], object[any: any], set[any]>)',
    ],
  ],
  [
    'deprecated builtin in v1',
    ['package p\nx := re_match("a", "a")'],
    ['mod0.rego:2:6: rego_type_error: deprecated built-in function calls in expression: re_match'],
  ],
  [
    'duplicate import alias',
    ['package p\nimport data.a.x\nimport data.b.x\ny := 1'],
    ['mod0.rego:3:1: rego_compile_error: import must not shadow import x'],
  ],
  // declarations
  [
    'assigned twice',
    ['package p\nx if { y := 1; y := 2 }'],
    ['mod0.rego:2:16: rego_compile_error: var y assigned above'],
  ],
  [
    'assigned after use',
    ['package p\nx if { y = 1; y := 2 }'],
    ['mod0.rego:2:15: rego_compile_error: var y referenced above'],
  ],
  [
    'assign to function argument',
    ['package p\nf(a) := b if { a := 1; b := 2 }'],
    ['mod0.rego:2:16: rego_compile_error: var a assigned above'],
  ],
  [
    'some declared twice',
    ['package p\nx if { some y; some y; y = 1 }'],
    ['mod0.rego:2:21: rego_compile_error: var y declared above'],
  ],
  [
    'assign to a ref',
    ['package p\nx if { input.a := 1 }'],
    ['mod0.rego:2:8: rego_compile_error: cannot assign to ref'],
  ],
  [
    'shadowing input',
    ['package p\nx if { input := 1 }'],
    [
      'mod0.rego:2:8: rego_compile_error: variables must not shadow input (use a different variable name)',
    ],
  ],
  [
    'unused some',
    ['package p\nx if { some y; input.a }'],
    ['mod0.rego:2:13: rego_compile_error: declared var y unused'],
  ],
  [
    'unused some in a comprehension',
    ['package p\nx := [1 | some y; true]'],
    ['mod0.rego:2:16: rego_compile_error: declared var y unused'],
  ],
  [
    'with on a local variable',
    ['package p\nx if { y := 1; input.a with y as 2 }'],
    [
      'mod0.rego:2:29: rego_type_error: with keyword target must reference existing input, data, or a function',
    ],
  ],
  [
    'with on an unknown name',
    ['package p\nx if { input.a with nope.f as 2 }'],
    [
      'mod0.rego:2:21: rego_type_error: with keyword target must reference existing input, data, or a function',
    ],
  ],
  [
    'assign to a number',
    ['package p\nx if { 1 := input.a }'],
    ['mod0.rego:2:8: rego_compile_error: cannot assign to number'],
  ],
  [
    'output argument only on a statement call',
    ['package p\nx := array.concat([1], [2], [3])'],
    [
      'mod0.rego:2:6: rego_type_error: array.concat: arity mismatch\n\thave: (array[any], array[any], array[any])\n\twant: (array[any], array[any])',
    ],
  ],
  [
    'array length mismatch',
    ['package p\nx if { [a, b] = [1, 2, 3] }'],
    [
      'mod0.rego:2:8: rego_type_error: match error\n\tleft  : array<any, any>\n\tright : array<1, 2, 3>',
    ],
  ],
  [
    'array against object',
    ['package p\nx if { [a] = {"k": 1} }'],
    ['mod0.rego:2:8: rego_type_error: match error\n\tleft  : array<any>\n\tright : object<"k": 1>'],
  ],
  [
    'some pattern against literal elements',
    ['package p\nx if { some [a, b] in [[1, 2, 3]] }'],
    [
      'mod0.rego:2:13: rego_type_error: match error\n\tleft  : array<any, any>\n\tright : array<1, 2, 3>',
    ],
  ],
  // safety
  [
    'unsafe var in body',
    ['package p\nx if { y > 1 }'],
    ['mod0.rego:2:8: rego_unsafe_var_error: var y is unsafe'],
  ],
  [
    'unsafe head var',
    ['package p\np contains y if { input.x }'],
    ['mod0.rego:2:12: rego_unsafe_var_error: var y is unsafe'],
  ],
  [
    'unsafe object key',
    ['package p\np[k] := 1 if { input.x }'],
    ['mod0.rego:2:3: rego_unsafe_var_error: var k is unsafe'],
  ],
  [
    'unsafe var under negation',
    ['package p\nx if { not y = 1 }'],
    ['mod0.rego:2:12: rego_unsafe_var_error: var y is unsafe'],
  ],
  [
    'named iteration var under negation',
    ['package p\nx if { not input.a[i] }'],
    ['mod0.rego:2:20: rego_unsafe_var_error: var i is unsafe'],
  ],
  [
    'unify two unbound vars',
    ['package p\nx if { a = b }'],
    [
      'mod0.rego:2:8: rego_unsafe_var_error: var a is unsafe',
      'mod0.rego:2:12: rego_unsafe_var_error: var b is unsafe',
    ],
  ],
  [
    'unsafe comprehension head',
    ['package p\nx := [y | input.a]'],
    ['mod0.rego:2:7: rego_unsafe_var_error: var y is unsafe'],
  ],
  [
    'unsafe var in with value',
    ['package p\nx if { input.a with input as y }'],
    ['mod0.rego:2:30: rego_unsafe_var_error: var y is unsafe'],
  ],
  [
    'unsafe every domain',
    ['package p\nx if { every v in xs { v > 1 } }'],
    ['mod0.rego:2:19: rego_unsafe_var_error: var xs is unsafe'],
  ],
  [
    'unsafe else value',
    ['package p\nx := 1 if { false } else := y'],
    ['mod0.rego:2:29: rego_unsafe_var_error: var y is unsafe'],
  ],
  [
    'unsafe wildcard',
    ['package p\nx if { _ > 1 }'],
    ['mod0.rego:2:8: rego_unsafe_var_error: var _ is unsafe'],
  ],
  ['unsafe query var', ['package p\nq := 1'], []],
  // recursion
  [
    'self recursion',
    ['package x\np if q\nq if p'],
    [
      'mod0.rego:2:1: rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.q -> data.x.p',
    ],
  ],
  [
    'direct self reference',
    ['package x\np := 1 if p'],
    ['mod0.rego:2:1: rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.p'],
  ],
  [
    'recursive function',
    ['package x\nf(a) := f(a)'],
    ['mod0.rego:2:1: rego_recursion_error: rule data.x.f is recursive: data.x.f -> data.x.f'],
  ],
  [
    'recursion through a package ref',
    ['package x\np if data.x.q\nq if { data.x[_] }'],
    [
      'mod0.rego:2:1: rego_recursion_error: rule data.x.p is recursive: data.x.p -> data.x.q -> data.x.p',
      'mod0.rego:3:1: rego_recursion_error: rule data.x.q is recursive: data.x.q -> data.x.q',
    ],
  ],
  [
    'recursion across modules',
    ['package a\np if data.b.q', 'package b\nq if data.a.p'],
    [
      'mod0.rego:2:1: rego_recursion_error: rule data.a.p is recursive: data.a.p -> data.b.q -> data.a.p',
    ],
  ],
  // conflicts
  [
    'complete vs partial',
    ['package p\nx := 1\nx contains 2'],
    ['mod0.rego:3:1: rego_type_error: conflicting rules data.p.x found'],
  ],
  [
    'function vs rule',
    ['package p\nf := 1\nf(a) := a'],
    ['mod0.rego:3:1: rego_type_error: conflicting rules data.p.f found'],
  ],
  [
    'function arities',
    ['package p\nf(a) := a\nf(a, b) := b'],
    ['mod0.rego:3:1: rego_type_error: conflicting rules data.p.f found'],
  ],
  [
    'multiple defaults',
    ['package p\ndefault x := 1\ndefault x := 2'],
    ['mod0.rego:3:1: rego_type_error: multiple default rules data.p.x found'],
  ],
  [
    'prefix conflict',
    ['package p\na := 1\na.b := 2'],
    ['mod0.rego:3:1: rego_type_error: rule data.p.a conflicts with [data.p.a.b]'],
  ],
];

describe('checkModules errors', () => {
  it.each(ERROR_CASES)('%s', (_note, sources, expected) => {
    expect(check(sources).errors).toEqual(expected);
  });

  it('reports an unsafe query variable', () => {
    expect(check(['package p\nq := 1'], 'data.p.q = x; y > x').errors).toEqual([
      'query.rego:1:15: rego_unsafe_var_error: var y is unsafe',
    ]);
  });

  it('allows only the builtins named by the capabilities', () => {
    const capabilities = {
      builtins: [
        {
          name: 'eq',
          decl: { type: 'function' as const, args: [], result: { type: 'boolean' as const } },
        },
      ],
    };
    expect(check(['package p\nx := count([1])'], undefined, capabilities).errors).toEqual([
      'mod0.rego:2:6: rego_type_error: undefined function count',
    ]);
    expect(check(['package p\nx if { y := 1 }'], undefined, capabilities).errors).toEqual([
      'mod0.rego:2:8: rego_type_error: undefined function assign',
    ]);
  });

  it('accepts shadowing input in v0, where OPA allowed it', () => {
    expect(
      check(['package p\nx { input := 1; input > 0 }'], undefined, undefined, 'v0').errors,
    ).toEqual([]);
  });

  it('stops after the first stage that reports errors', () => {
    // The conflict stage fails first, so the unsafe var below is not reported.
    expect(check(['package p\nx := 1\nx contains 2\ny if z']).errors).toEqual([
      'mod0.rego:3:1: rego_type_error: conflicting rules data.p.x found',
    ]);
  });
});
