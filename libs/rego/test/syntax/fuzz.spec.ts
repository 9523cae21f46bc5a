/** Property: no input makes the front end throw or hang; bad input only yields diagnostics. */
import fc from 'fast-check';
import { parseModule, parseQuery, parseTerm } from '../../src/syntax';

const SEED_POLICIES = [
  'package coresdk.authz\n\nallow { input.action == "analytics:read"; input.user.tenant_id == "acme" }',
  'package p\nimport rego.v1\np contains x if { some x in [1, 2]; x > 1 }\nf(x) := y if y := x * 2\nq[k] := v if { some k, v in {"a": 1} }',
  'package p\nr := [x | x := input[_]; x > 1]\ns := {1, 2} | set()\nt := {k: v | some k, v in input}\nu := `raw`\nv := "\\u00e9"',
  'package p\nz if every k, v in input { k == v }\ndefault g := false\ng := 1 if false else := 2 if true else = 3\nw if { x := data.a with input as 1 }',
];
const FRAGMENTS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '|',
  ',',
  ';',
  ':=',
  '=',
  '"',
  '`',
  '\n',
  ' if ',
  ' in ',
  'some ',
  'every ',
  'not ',
  ' with ',
  '.',
  '-',
  '_',
  '#',
];

/** A seed policy with a few random edits (insert a fragment, delete or duplicate a slice). */
const mutatedPolicy = fc
  .tuple(
    fc.constantFrom(...SEED_POLICIES),
    fc.array(fc.tuple(fc.nat(), fc.nat(12), fc.constantFrom(...FRAGMENTS), fc.nat(2)), {
      minLength: 1,
      maxLength: 6,
    }),
  )
  .map(([seed, edits]) =>
    edits.reduce((text, [position, length, fragment, kind]) => {
      const at = position % (text.length + 1);
      if (kind === 0) return text.slice(0, at) + fragment + text.slice(at);
      if (kind === 1) return text.slice(0, at) + text.slice(at + length);
      return text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
    }, seed),
  );

const regoishText = fc
  .array(fc.constantFrom(...FRAGMENTS, 'x', '1', 'package p\n', 'p', 'input'), { maxLength: 60 })
  .map((parts) => parts.join(''));

function assertOnlyDiagnostics(source: string): void {
  for (const regoVersion of ['v0', 'v1'] as const) {
    const started = Date.now();
    const moduleResult = parseModule(source, 'fuzz.rego', { regoVersion });
    const queryResult = parseQuery(source, 'fuzz.rego', { regoVersion });
    expect(moduleResult.module === null).toBe(moduleResult.diagnostics.length > 0);
    expect(queryResult.query === null).toBe(queryResult.diagnostics.length > 0);
    for (const diagnostic of [...moduleResult.diagnostics, ...queryResult.diagnostics]) {
      expect(diagnostic.code).toBe('rego_parse_error');
      expect(diagnostic.message).not.toMatch(/internal parser error/);
      expect(diagnostic.location.line).toBeGreaterThanOrEqual(1);
    }
    expect(Date.now() - started).toBeLessThan(1000);
  }
  parseTerm(source, 'fuzz.rego');
}

describe('parser fuzzing', () => {
  it('handles arbitrary strings', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), assertOnlyDiagnostics), { numRuns: 300 });
  });

  it('handles Rego-like token soup', () => {
    fc.assert(fc.property(regoishText, assertOnlyDiagnostics), { numRuns: 300 });
  });

  it('handles mutated valid policies', () => {
    fc.assert(fc.property(mutatedPolicy, assertOnlyDiagnostics), { numRuns: 400 });
  });

  it.each(['[', '{', '(', '-', '[x | ', '{1: ', 'f('])(
    'stays bounded on deep nesting of %j',
    (opener) => {
      const started = Date.now();
      const result = parseModule(`package p\np := ${opener.repeat(3000)}`, 'deep.rego', {
        regoVersion: 'v1',
      });
      expect(result.diagnostics.length).toBeGreaterThan(0);
      expect(Date.now() - started).toBeLessThan(2000);
    },
  );
});
