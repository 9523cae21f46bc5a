/**
 * Rego semantics of planned policies, checked with the reference IR interpreter: one row
 * per behaviour (source, entrypoint, input/data, expected result set or error code).
 */
import { EvaluationError, IrInterpreter } from './ir-interpreter';
import { printed } from './interpreter-builtins';
import { planSource } from './plan-source';

interface Row {
  note: string;
  source: string;
  entrypoint?: string;
  query?: string;
  input?: unknown;
  data?: unknown;
  want?: unknown[];
  error?: string;
}

const rows: Row[] = [
  {
    note: 'else chain: first succeeding body wins',
    source: 'x := 1 if input.a else := 2 if input.b else := 3',
    input: { b: true },
    want: [{ result: 2 }],
  },
  {
    note: 'default applies only when nothing else is defined',
    source: 'default x := 0\nx := 5 if input.on',
    input: { on: false },
    want: [{ result: 0 }],
  },
  {
    note: 'complete rule conflict',
    source: 'x := 1 if true\nx := 2 if true',
    error: 'eval_conflict_error',
  },
  {
    note: 'same value from two definitions is no conflict',
    source: 'x := 1 if true\nx := 1 if input',
    input: {},
    want: [{ result: 1 }],
  },
  {
    note: 'partial object key conflict',
    source: 'o[k] := v if { some v in [1, 2]; k := "same" }',
    entrypoint: 'test/o',
    error: 'eval_conflict_error',
  },
  {
    note: 'function with array pattern arguments and several definitions',
    source: 'f([a, 1]) := a\nf([a, 2]) := a * 10\nx := [f([3, 1]), f([3, 2])]',
    want: [{ result: [3, 30] }],
  },
  {
    note: 'function conflict for the same inputs',
    source: 'f(_) := 1\nf(_) := 2\nx := f(0)',
    error: 'eval_conflict_error',
  },
  {
    note: 'default function',
    source: 'default f(_) := "none"\nf(1) := "one"\nx := [f(1), f(2)]',
    want: [{ result: ['one', 'none'] }],
  },
  {
    note: 'unification of arrays both ways and var-to-var',
    source: 'x := [a, b, c] if { [a, 2] = [1, b]; c = a }',
    want: [{ result: [1, 2, 1] }],
  },
  {
    note: 'object pattern unification',
    source: 'x := n if { {"name": n, "age": 3} = input.p }',
    input: { p: { name: 'kit', age: 3 } },
    want: [{ result: 'kit' }],
  },
  {
    note: 'some k, v in an object',
    source: 'x contains k if { some k, v in input.o; v > 1 }',
    input: { o: { a: 1, b: 2, c: 3 } },
    want: [{ result: ['b', 'c'] }],
  },
  {
    note: 'iterating data over rules and base documents',
    source: 'lib.a := 1\nlib.b := 2 if false\nkeys contains k if data.test.lib[k]',
    entrypoint: 'test/keys',
    data: { test: { lib: { base: 0 } } },
    want: [{ result: ['a', 'base'] }],
  },
  {
    note: 'undefined input makes input references undefined',
    source: 'x if input.a == 1\ny := input',
    entrypoint: 'test',
    want: [{ result: {} }],
  },
  {
    note: 'not with a rule reference',
    source: 'deny if input.bad\nallow if not deny',
    entrypoint: 'test/allow',
    input: { bad: false },
    want: [{ result: true }],
  },
  {
    note: 'every with a failing element',
    source: 'x if { every k, v in input.o { k != v } }',
    input: { o: { a: 'a' } },
    want: [],
  },
  {
    note: 'nested comprehensions capture outer variables',
    source: 'x := [[product | some z in [1, 2]; product := y * z] | some y in [10, 20]]',
    want: [
      {
        result: [
          [10, 20],
          [20, 40],
        ],
      },
    ],
  },
  {
    note: 'object comprehension with conflicting keys',
    source: 'x := {"k": v | some v in [1, 2]}',
    error: 'eval_conflict_error',
  },
  {
    note: 'with data over a rule that another rule reads',
    source: 'base := 1\nderived := base + 1\nx := y if y := derived with data.test.base as 10',
    want: [{ result: 11 }],
  },
  {
    note: 'with on a function with another function',
    source: 'f(x) := x + 1\ng(x) := x * 100\nh(x) := f(x)\nx := y if y := h(1) with f as g',
    want: [{ result: 100 }],
  },
  {
    note: 'with a local value replacing a builtin in a called rule',
    source: 'n := count([1])\nx contains y if { some v in [5, 6]; y := n with count as v }',
    want: [{ result: [5, 6] }],
  },
  {
    note: 'with binding a variable keeps every solution',
    source: 'x contains v if { v := input.xs[_] with input.xs as [1, 2] }',
    want: [{ result: [1, 2] }],
  },
  {
    note: 'multi-level ref heads build nested objects',
    source: 'a.b[k].c := v if { some k, v in {"x": 1, "y": 2} }\na.b.z.c := 3',
    entrypoint: 'test/a',
    want: [{ result: { b: { x: { c: 1 }, y: { c: 2 }, z: { c: 3 } } } }],
  },
  {
    note: 'walk enumerates paths',
    source: 'x contains p if walk({"a": [1]}, [p, 1])',
    want: [{ result: [['a', 0]] }],
  },
  {
    note: 'print succeeds even with an undefined argument',
    source: 'x if print("v", input.missing)',
    input: {},
    want: [{ result: true }],
  },
  {
    note: 'number path elements reach string keys of base data',
    source: 'x := data.m[1]',
    data: { m: { '1': 'one' } },
    want: [{ result: 'one' }],
  },
  {
    note: 'a key in both base data and a virtual document is enumerated once',
    source: 'p := sort([key | data.test.docs[key].metadata])\ndocs.b.q := 1',
    entrypoint: 'test/p',
    data: { test: { docs: { b: { metadata: 'base-b' }, c: { metadata: 'base-c' } } } },
    want: [{ result: ['b', 'c'] }],
  },
  {
    note: 'enumerating base and virtual keys yields merged values and virtual-only keys',
    source:
      'p := sort([{key: value} | value := data.test.docs[key].metadata])\n' +
      'docs.b.q := 1\ndocs.d.metadata := "virtual"',
    entrypoint: 'test/p',
    data: { test: { docs: { b: { metadata: 'base-b' }, c: { metadata: 'base-c' } } } },
    want: [{ result: [{ b: 'base-b' }, { c: 'base-c' }, { d: 'virtual' }] }],
  },
  {
    note: 'a virtual document wins over a base value at the same key when enumerating',
    source: 'p := {key: value | value := data.test.docs[key]}\ndocs.b := 2',
    entrypoint: 'test/p',
    data: { test: { docs: { a: 1, b: 1 } } },
    want: [{ result: { a: 1, b: 2 } }],
  },
  {
    note: 'a function without parameters is also a complete document',
    source: 'f() := {"a": 1}\nf() := {"a": 1}\nx := [f(), data.test.f]',
    want: [{ result: [{ a: 1 }, { a: 1 }] }],
  },
  {
    note: 'a function without parameters conflicts like a complete rule (no deep merge)',
    source: 'f() := {"a": {"x": 1}}\nf() := {"a": {"y": 2}}',
    entrypoint: 'test/f',
    error: 'eval_conflict_error',
  },
  {
    note: 'with replaces both the calls and the document of a function without parameters',
    source:
      'f() := 1\n' +
      'x := [a, b] if { a := f() with data.test.f as 3; b := data.test.f with data.test.f as 4 }',
    want: [{ result: [3, 4] }],
  },
  {
    note: 'a function without parameters shows up in its package document',
    source: 'f() := 1\ng(x) := x',
    entrypoint: 'test',
    want: [{ result: { f: 1 } }],
  },
  {
    note: 'not { … } (rego.v2) succeeds when one expression of the body fails',
    source: 'import rego.v2\ndefault x := false\nx if not { input.a; input.b }',
    input: { a: true, b: false },
    want: [{ result: true }],
  },
  {
    note: 'not { … } fails when the whole body holds',
    source: 'import rego.v2\ndefault x := false\nx if not { input.a; input.b }',
    input: { a: true, b: true },
    want: [{ result: false }],
  },
  {
    note: 'not { … } (future.keywords.not) keeps new variables inside and captures outer ones',
    source:
      'import future.keywords.not\n' +
      'x := limit if { limit := input.limit; not { some y in input.ys; y > limit } }',
    input: { limit: 10, ys: [1, 2] },
    want: [{ result: 10 }],
  },
  {
    note: 'not { … } with a solution makes the rule undefined',
    source:
      'import future.keywords.not\n' +
      'x := limit if { limit := input.limit; not { some y in input.ys; y > limit } }',
    input: { limit: 10, ys: [1, 20] },
    want: [],
  },
  {
    note: 'query bindings leave generated variables out',
    source: 'p[k] := v if { some k, v in {"a": 1, "b": 2} }',
    query: 'data.test.p[k] = v; v > 1; input.xs[_] = v',
    input: { xs: [2] },
    want: [{ k: 'b', v: 2 }],
  },
];

describe('planned Rego semantics', () => {
  it.each(rows)('$note', (row) => {
    const planned = planSource([`package test\n${row.source}\n`], {
      entrypoints: row.query ? [] : [row.entrypoint ?? 'test/x'],
      queries: row.query ? [{ name: 'query', source: row.query }] : [],
    });
    expect(planned.diagnostics).toEqual([]);
    const interpreter = new IrInterpreter(planned.policy!);
    const run = (): unknown[] =>
      interpreter.evaluate(row.query ? 'query' : (row.entrypoint ?? 'test/x'), {
        input: row.input,
        data: row.data,
      });
    if (row.error) {
      expect(run).toThrow(EvaluationError);
      try {
        run();
      } catch (error) {
        expect((error as EvaluationError).code).toBe(row.error);
      }
      return;
    }
    expect(run()).toEqual(row.want);
  });

  it('prints <undefined> for an undefined print argument', () => {
    const planned = planSource(['package test\nx if print("value:", input.missing)\n'], {
      entrypoints: ['test/x'],
    });
    printed.length = 0;
    new IrInterpreter(planned.policy!).evaluate('test/x', { input: {} });
    expect(printed).toEqual(['value: <undefined>']);
  });
});
