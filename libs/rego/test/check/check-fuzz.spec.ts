/** Property: the checks never throw on any module the parser accepts; problems are diagnostics. */
import fc from 'fast-check';
import { checkModules } from '../../src/check';
import { parseModule, parseQuery } from '../../src/syntax';

const SEEDS = [
  'package p\nimport data.lib as l\nq := 1\nf(a) := a + 1\nr if { x := q; y := f(x); y > x }',
  'package p\nr contains x if { some x in input.xs; not data.p.deny[x] }\ndeny[k] := v if { some k, v in input.o }',
  'package p\nt := [x | x := input[_]] | {y | y := 1}\nu := {k: v | some k, v in input; not v}\nz if every k, v in input { k == v }',
  'package p\ndefault g := false\ng := 1 if false else := 2 if true\nw if { x := data.a with input as 1; count(x, n); n > 0 }',
];
const WORDS = [
  'x',
  'y',
  'q',
  'f(x)',
  'input.a',
  'data.p.q',
  '_',
  'count(x)',
  '[x | x := 1]',
  ':=',
  '=',
  '==',
  ';',
  'not ',
  'some x in input',
  ' with input as x',
];

/** A seed with words spliced in at random places; most results do not parse, the rest must check without throwing. */
const mutated = fc
  .tuple(
    fc.constantFrom(...SEEDS),
    fc.array(fc.tuple(fc.nat(), fc.constantFrom(...WORDS), fc.boolean()), {
      minLength: 1,
      maxLength: 4,
    }),
  )
  .map(([seed, edits]) =>
    edits.reduce((text, [position, word, replace]) => {
      const at = position % (text.length + 1);
      return text.slice(0, at) + word + text.slice(replace ? at + word.length : at);
    }, seed),
  );

describe('checker fuzzing', () => {
  it('reports diagnostics instead of throwing', () => {
    let checked = 0;
    fc.assert(
      fc.property(mutated, (source) => {
        const { module } = parseModule(source, 'fuzz.rego', { regoVersion: 'v1' });
        if (!module) return;
        const { query } = parseQuery('x = data.p; y := x', 'q.rego', { regoVersion: 'v1' });
        const result = checkModules([module], query ? [query] : [], {});
        checked++;
        for (const diagnostic of result.diagnostics)
          expect(diagnostic.message).not.toMatch(/^internal error/);
      }),
      { numRuns: 600 },
    );
    expect(checked).toBeGreaterThan(20);
  });
});
