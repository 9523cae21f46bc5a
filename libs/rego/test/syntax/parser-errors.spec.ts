import { parseModule, parseQuery } from '../../src/syntax';

/** One line per case: source (v0 unless noted), then `line:col: code: message` of the first diagnostic. */
const MODULE_ERRORS: Array<[source: string, version: 'v0' | 'v1', expected: string]> = [
  ['package p\np {', 'v0', '2:3: rego_parse_error: unexpected eof token'],
  [
    'package p\np { true',
    'v0',
    '2:5: rego_parse_error: unexpected eof token: expected \\n or ; or }',
  ],
  ['package p\np { true }}', 'v0', '2:11: rego_parse_error: unexpected } token'],
  [
    'package p\np { true }',
    'v1',
    '2:3: rego_parse_error: `if` keyword is required before rule body',
  ],
  [
    'package p\np[x] { x := 1 }',
    'v1',
    '2:6: rego_parse_error: `if` keyword is required before rule body',
  ],
  [
    'package p\nf(x) = 1 { true }',
    'v1',
    '2:10: rego_parse_error: `if` keyword is required before function body',
  ],
  [
    'package p\np',
    'v1',
    '2:1: rego_parse_error: rule must have value assignment and/or body declaration',
  ],
  ['package p\np', 'v0', '2:1: rego_parse_error: var cannot be used for rule name'],
  [
    'package p\np contains 1 if { true }',
    'v0',
    '2:1: rego_parse_error: var cannot be used for rule name',
  ],
  ['package p\n1 == 1', 'v1', '2:1: rego_parse_error: number cannot be used for rule name'],
  ['package p\n{}', 'v1', '2:1: rego_parse_error: object cannot be used for rule name'],
  ['package p\n"x" := 1', 'v1', '2:1: rego_parse_error: string cannot be used for rule name'],
  ['package p\nif := 1', 'v1', '2:1: rego_parse_error: if keyword cannot be used for rule name'],
  ['package p\np := 1 2', 'v1', '2:8: rego_parse_error: number cannot be used for rule name'],
  ['package p\np { }', 'v0', '2:5: rego_parse_error: found empty body'],
  ['package p\nx := -y', 'v1', '2:7: rego_parse_error: unexpected ident token: expected number'],
  [
    'package p\nx := 1 if { false } else',
    'v1',
    '2:21: rego_parse_error: unexpected eof token: expected else value term or rule body',
  ],
  ['package p\np := [1, 2', 'v1', '2:10: rego_parse_error: unexpected eof token: expected ]'],
  [
    'package p\np := {"a" 1}',
    'v1',
    '2:11: rego_parse_error: unexpected number token: expected } or ,',
  ],
  [
    'package p\np := x.',
    'v1',
    '2:7: rego_parse_error: unexpected eof token: expected name after .',
  ],
  ['package p\np := "abc', 'v1', '2:6: rego_parse_error: non-terminated string'],
  ['package p\ndefault p', 'v1', '2:9: rego_parse_error: default rule must have a value'],
  [
    'package p\ndefault p := 1 if { true }',
    'v1',
    '2:9: rego_parse_error: default rules must not have a body',
  ],
  [
    'package p\nimport foo.bar',
    'v1',
    '2:8: rego_parse_error: invalid import path: must begin with input, data, future or rego',
  ],
  [
    'package p\nimport future.keywords.unless',
    'v0',
    '2:8: rego_parse_error: unexpected keyword, must be one of [contains every if in]',
  ],
  [
    'package p\np if { some 1 }',
    'v1',
    '2:13: rego_parse_error: expected var in some declaration, got number',
  ],
  [
    'package p\np if { not every x in xs { true } }',
    'v1',
    '2:12: rego_parse_error: unexpected every keyword: every cannot be negated',
  ],
  [
    'package p\np if { x := input.\n  y }',
    'v1',
    '3:3: rego_parse_error: unexpected ident token: expected name after .',
  ],
  [
    'package p\nimport rego.v1\nimport future.keywords.in',
    'v0',
    '3:8: rego_parse_error: the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive',
  ],
  [
    'package p\nimport future.keywords\nimport rego.v1',
    'v0',
    '3:8: rego_parse_error: the `rego.v1` import implies `future.keywords`, these are therefore mutually exclusive',
  ],
  [
    'package p\nimport rego.v1\nimport rego.v1',
    'v1',
    '3:8: rego_parse_error: duplicate import rego.v1',
  ],
  ['p := 1', 'v1', '1:1: rego_parse_error: package expected'],
  ['', 'v1', '1:1: rego_parse_error: empty module'],
  ['package p\np if { x in xs }', 'v0', '2:1: rego_parse_error: var cannot be used for rule name'],
  [
    'package p\np { f (x) }',
    'v0',
    '2:7: rego_parse_error: unexpected ( token: expected \\n or ; or }',
  ],
];

describe('parseModule errors', () => {
  it.each(MODULE_ERRORS)('%j (%s)', (source, regoVersion, expected) => {
    const { module, diagnostics } = parseModule(source, 't.rego', { regoVersion });
    expect(module).toBeNull();
    const [first] = diagnostics;
    expect(`${first.location.line}:${first.location.col}: ${first.code}: ${first.message}`).toBe(
      expected,
    );
  });

  it('recovers at the next top-level statement and reports each broken rule', () => {
    const source = 'package p\na := [\nb := 1\nc := )\nd := 2\n';
    const { diagnostics } = parseModule(source, 't.rego', { regoVersion: 'v1' });
    expect(diagnostics.map((d) => d.location.line)).toEqual([3, 4]);
  });

  it('reports deep nesting instead of overflowing the stack', () => {
    const source = `package p\np := ${'['.repeat(5000)}${']'.repeat(5000)}`;
    const { diagnostics } = parseModule(source, 't.rego', { regoVersion: 'v1' });
    expect(diagnostics[0].message).toBe('nesting too deep');
  });
});

describe('parseQuery errors', () => {
  it.each<[string, string]>([
    ['x = ', '1:3: unexpected eof token'],
    ['x = 1 y = 2', '1:7: unexpected ident token: expected \\n or ;'],
    ['', '1:1: found empty body'],
  ])('%j', (source, expected) => {
    const { query, diagnostics } = parseQuery(source, 'q', { regoVersion: 'v1' });
    expect(query).toBeNull();
    expect(
      `${diagnostics[0].location.line}:${diagnostics[0].location.col}: ${diagnostics[0].message}`,
    ).toBe(expected);
  });
});
