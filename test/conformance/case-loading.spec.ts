/** How cases of both formats are read and prepared (no compiler involved). */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectFormat, loadCorpus } from './corpus';
import { prepareOpaCase } from './opa-cases';
import { prepareRegorusCase } from './regorus-cases';
import { parseYamlLeniently } from './yaml-files';
import { countsLine, formatReport } from './report';
import { parseConformanceArgs } from './main';

describe('prepareOpaCase', () => {
  const base = {
    note: 'n',
    query: 'data.test.p = x',
    modules: ['package test\np := 1'],
    want_result: [{ x: 1 }],
  };

  it('compiles Rego v1 with the query as written and names modules like OPA', () => {
    const prepared = prepareOpaCase(base, 'v1/a/f.yaml', 'v1/a', 3);
    expect(prepared).toMatchObject({
      id: 'v1/a/f.yaml#3 n',
      regoVersion: 'v1',
      querySource: 'data.test.p = x',
      resultShape: { kind: 'bindings' },
      modules: [{ path: 'test-0.rego', source: 'package test\np := 1' }],
      inputs: [{ kind: 'none' }],
      strictBuiltinErrors: false,
      expectation: { kind: 'result-set', want: [{ x: 1 }], sortBindings: false },
      skipReason: null,
    });
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    ['input', { input: { a: 1 } }, [{ kind: 'json', value: { a: 1 } }]],
    ['falsy input is still an input', { input: false }, [{ kind: 'json', value: false }]],
    ['input_term', { input_term: '{"a": {{1}}}' }, [{ kind: 'rego-term', text: '{"a": {{1}}}' }]],
  ])('reads %s', (_name, extra, inputs) => {
    expect(prepareOpaCase({ ...base, ...extra }, 'f.yaml', '.', 0).inputs).toEqual(inputs);
  });

  it.each<[string, Record<string, unknown>, unknown]>([
    [
      'want_error_code',
      { want_result: undefined, want_error_code: 'eval_conflict_error', want_error: 'x' },
      { kind: 'error', code: 'eval_conflict_error', text: 'x', strictOnly: false },
    ],
    [
      'code inside want_error',
      {
        want_result: undefined,
        want_error: 'test-0.rego:4: eval_type_error: bad',
        strict_error: true,
      },
      {
        kind: 'error',
        code: 'eval_type_error',
        text: 'test-0.rego:4: eval_type_error: bad',
        strictOnly: true,
      },
    ],
    [
      'want_defined',
      { want_result: undefined, want_defined: false },
      { kind: 'defined', defined: false },
    ],
    [
      'sort_bindings',
      { sort_bindings: true },
      { kind: 'result-set', want: [{ x: 1 }], sortBindings: true },
    ],
  ])('reads the expectation: %s', (_name, extra, expectation) => {
    const raw = Object.fromEntries(
      Object.entries({ ...base, ...extra }).filter(([, item]) => item !== undefined),
    );
    expect(prepareOpaCase(raw, 'f.yaml', '.', 0).expectation).toEqual(expectation);
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['unknown key', { traces: true }, 'unsupported key: traces'],
    ['skip key is unknown to OPA cases', { skip: true }, 'unsupported key: skip'],
    // `import rego.v2` / `future.keywords.not` are supported now: such cases run.
    ['rego.v2 import', { modules: ['package test\nimport rego.v2\np := 1'] }, null],
    ['no expectation', { want_result: undefined }, 'case has no expectation'],
    ['in scope', {}, null],
  ])('skips only declared out-of-scope cases: %s', (_name, extra, reason) => {
    const raw = Object.fromEntries(
      Object.entries({ ...base, ...extra }).filter(([, item]) => item !== undefined),
    );
    expect(prepareOpaCase(raw, 'f.yaml', '.', 0).skipReason).toBe(reason);
  });
});

describe('prepareRegorusCase', () => {
  const base = {
    note: 'n',
    modules: ['package test\nx = 1'],
    query: 'data.test.x',
    want_result: 1,
  };

  it('binds a var-less ref query and uses v0 with strict built-in errors by default', () => {
    expect(prepareRegorusCase(base, 'rule/a.yaml', 'rule', 0)).toMatchObject({
      regoVersion: 'v0',
      strictBuiltinErrors: true,
      querySource: '__value__ = data.test.x',
      resultShape: { kind: 'value', variable: '__value__' },
      modules: [{ path: 'rego_0' }],
      expectation: { kind: 'regorus-values', want: [1] },
      skipReason: null,
    });
  });

  it('uses Rego v1 only for files named bindings.yaml', () => {
    expect(prepareRegorusCase(base, 'binding/bindings.yaml', 'binding', 0).regoVersion).toBe('v1');
    expect(prepareRegorusCase(base, 'binding/walk.yaml', 'binding', 0).regoVersion).toBe('v0');
  });

  it('keeps queries with variables as binding queries', () => {
    expect(
      prepareRegorusCase({ ...base, query: 'data.test.p = x' }, 'a.yaml', '.', 0),
    ).toMatchObject({
      querySource: 'data.test.p = x',
      resultShape: { kind: 'bindings' },
    });
  });

  it('reads many! inputs and results, strict: false and no_result', () => {
    const prepared = prepareRegorusCase(
      {
        ...base,
        input: { 'many!': [{ a: 1 }, 2] },
        want_result: { 'many!': [1, 2] },
        strict: false,
      },
      'a.yaml',
      '.',
      0,
    );
    expect(prepared.inputs).toEqual([
      { kind: 'json', value: { a: 1 } },
      { kind: 'json', value: 2 },
    ]);
    expect(prepared.expectation).toEqual({ kind: 'regorus-values', want: [1, 2] });
    expect(prepared.strictBuiltinErrors).toBe(false);
    const noResult = prepareRegorusCase(
      { note: 'n', modules: [], query: '1 = 2', no_result: true },
      'a.yaml',
      '.',
      0,
    );
    expect(noResult.expectation).toEqual({ kind: 'no-result' });
  });

  it.each<[string, Record<string, unknown>, string | null]>([
    ['skip: true', { skip: true }, 'skip: true'],
    ['timer settings', { execution_timer: {} }, 'unsupported key: execution_timer'],
    [
      'false single expression',
      { query: '1 == 2', want_result: false },
      'regorus-only: false single-expression query result',
    ],
    ['false value of a ref is fine', { want_result: false }, null],
    ['want_prints is checked without prints', { want_prints: ['x'] }, null],
    ['two expectations', { error: 'x' }, 'case needs exactly one of want_result, error, no_result'],
  ])('skip rule: %s', (_name, extra, reason) => {
    expect(prepareRegorusCase({ ...base, ...extra }, 'a.yaml', '.', 0).skipReason).toBe(reason);
  });
});

describe('parseYamlLeniently', () => {
  it('accepts a flow sequence indented no deeper than its key, as libyaml does', () => {
    const text =
      'cases:\n  - want_result:\n      x1:\n        set!: [\n        "a",\n        "b",\n        ]\n      x2: true\n';
    expect(parseYamlLeniently(text)).toEqual({
      cases: [{ want_result: { x1: { 'set!': ['a', 'b'] }, x2: true } }],
    });
  });

  it('still rejects broken YAML', () => {
    expect(() => parseYamlLeniently('a: [\nb: {')).toThrow();
  });
});

describe('corpus files', () => {
  it('detects the format from the README and loads cases per folder; unreadable files fail', () => {
    const root = mkdtempSync(join(tmpdir(), 'conformance-'));
    writeFileSync(join(root, 'README.md'), '# regorus interpreter test cases\n');
    mkdirSync(join(root, 'cases', 'rule'), { recursive: true });
    writeFileSync(
      join(root, 'cases', 'rule', 'a.yaml'),
      'cases:\n  - note: one\n    modules: []\n    query: data.x\n    no_result: true\n',
    );
    writeFileSync(join(root, 'cases', 'rule', 'bad.yaml'), 'cases: [\n');
    expect(detectFormat(join(root, 'cases'))).toBe('regorus');
    const corpus = loadCorpus(join(root, 'cases'), 'regorus');
    expect(corpus.cases.map((item) => [item.id, item.folder])).toEqual([
      ['rule/a.yaml#0 one', 'rule'],
    ]);
    expect(corpus.fileErrors.map((error) => error.file)).toEqual(['rule/bad.yaml']);
  });
});

describe('report', () => {
  it('prints one line per folder, skip reasons, and the totals last', () => {
    const lines = formatReport([
      { id: 'a#0', format: 'opa', folder: 'v1/x', status: 'passed', durationMs: 1 },
      {
        id: 'a#1',
        format: 'opa',
        folder: 'v1/x',
        status: 'skipped',
        reason: 'skip: true',
        durationMs: 0,
      },
      {
        id: 'b#0',
        format: 'regorus',
        folder: 'rule',
        status: 'failed',
        reason: 'r',
        durationMs: 1,
      },
    ]);
    expect(lines).toEqual([
      'opa/v1/x: 1 passed, 0 failed, 1 skipped',
      'regorus/rule: 0 passed, 1 failed, 0 skipped',
      'skip reasons:',
      '  1 × skip: true',
      'opa total: 1 passed, 0 failed, 1 skipped',
      'regorus total: 0 passed, 1 failed, 0 skipped',
      '1 passed, 1 failed, 1 skipped',
    ]);
    expect(countsLine({ passed: 0, failed: 0, skipped: 0 })).toBe('0 passed, 0 failed, 0 skipped');
  });
});

describe('parseConformanceArgs', () => {
  it('reads options and dirs', () => {
    expect(
      parseConformanceArgs(['--json', 'out.json', '--timeout', '500', 'a', 'b']),
    ).toMatchObject({ json: 'out.json', timeoutMs: 500, dirs: ['a', 'b'] });
  });
  it.each([[['--bogus']], [['--json']], [['--format', 'x']], [['--timeout', '-1']]])(
    'rejects %j',
    (argv) => {
      expect(() => parseConformanceArgs(argv)).toThrow();
    },
  );
});
