/**
 * The orchestration of `compile`: phase order, stop-after-errors, diagnostic order,
 * argument validation and internal errors. The phases are fakes here (the real ones have
 * their own specs), so this spec does not depend on them being finished.
 */
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import { compileWithPhases, sortDiagnostics, type CompilerPhases } from '../../src/compile';

// The real phases are replaced by fakes; `virtual` lets this spec run before they exist.
jest.mock('../../src/syntax', () => ({}), { virtual: true });
jest.mock('../../src/check', () => ({}), { virtual: true });
jest.mock('../../src/planner', () => ({}), { virtual: true });
jest.mock('../../src/wasm', () => ({}), { virtual: true });

function diagnostic(
  file: string,
  line: number,
  col: number,
  code: Diagnostic['code'] = 'rego_parse_error',
): Diagnostic {
  return {
    code,
    message: `${code} at ${line}:${col}`,
    location: { file, line, col, offset: 0 },
    severity: 'error',
  };
}

function fakePhases(overrides: Partial<CompilerPhases> = {}): {
  phases: CompilerPhases;
  calls: string[];
} {
  const calls: string[] = [];
  const phases = {
    parseModule: (source: string, file: string) => {
      calls.push(`parseModule ${file}`);
      return { module: { type: 'module', file, source }, diagnostics: [] };
    },
    parseQuery: (source: string, file: string) => {
      calls.push(`parseQuery ${file}`);
      return { query: { type: 'query', file, body: [], source }, diagnostics: [] };
    },
    checkModules: (modules: unknown[], queries: unknown[]) => {
      calls.push(`checkModules ${modules.length} ${queries.length}`);
      return { modules, queries, diagnostics: [] };
    },
    planPolicy: (
      _modules: unknown[],
      options: { entrypoints: string[]; queries?: Array<{ name: string }> },
    ) => {
      calls.push(
        `planPolicy ${options.entrypoints.join(',')} ${(options.queries ?? []).map((q) => q.name).join(',')}`,
      );
      return {
        policy: {
          static: { strings: [], numbers: [], builtins: [], files: [] },
          plans: [],
          funcs: [],
        },
        diagnostics: [],
      };
    },
    emitWasm: (_policy: unknown, options: { strictBuiltinErrors?: boolean }) => {
      calls.push(`emitWasm strict=${options.strictBuiltinErrors}`);
      return {
        wasm: new Uint8Array([0, 97, 115, 109]),
        entrypoints: { 'a/b': 0, q: 1 },
        hostBuiltins: ['sprintf'],
        diagnostics: [],
      };
    },
    ...overrides,
  } as unknown as CompilerPhases;
  return { phases, calls };
}

const modules = [
  { path: 'b.rego', source: 'package b' },
  { path: 'a.rego', source: 'package a' },
];

describe('compileWithPhases', () => {
  it('runs parse → check → plan → emit and returns the module', () => {
    const { phases, calls } = fakePhases();
    const result = compileWithPhases(phases, modules, {
      entrypoints: ['a/b'],
      queries: [{ name: 'q', source: 'x = 1' }],
      regoVersion: 'v1',
      strictBuiltinErrors: true,
    });
    expect(result.ok).toBe(true);
    expect(result.wasm).toEqual(new Uint8Array([0, 97, 115, 109]));
    expect(result.entrypoints).toEqual({ 'a/b': 0, q: 1 });
    expect(result.hostBuiltins).toEqual(['sprintf']);
    expect(calls).toEqual([
      'parseModule b.rego',
      'parseModule a.rego',
      'parseQuery <query q>',
      'checkModules 2 1',
      'planPolicy a/b q',
      'emitWasm strict=true',
    ]);
  });

  it('stops after parsing when any module has a parse error and sorts the diagnostics', () => {
    const { phases, calls } = fakePhases({
      parseModule: ((source: string, file: string) => ({
        module: null,
        diagnostics:
          file === 'b.rego'
            ? [diagnostic('b.rego', 3, 1), diagnostic('b.rego', 1, 9)]
            : [diagnostic('a.rego', 7, 2)],
      })) as unknown as CompilerPhases['parseModule'],
    });
    const result = compileWithPhases(phases, modules, { entrypoints: [], regoVersion: 'v0' });
    expect(result.ok).toBe(false);
    expect(result.wasm).toBeNull();
    expect(
      result.diagnostics.map((d) => `${d.location.file}:${d.location.line}:${d.location.col}`),
    ).toEqual(['a.rego:7:2', 'b.rego:1:9', 'b.rego:3:1']);
    expect(calls.some((call) => call.startsWith('checkModules'))).toBe(false);
  });

  it('stops after the checker reports an error', () => {
    const { phases, calls } = fakePhases({
      checkModules: ((m: unknown[], q: unknown[]) => ({
        modules: m,
        queries: q,
        diagnostics: [diagnostic('a.rego', 2, 3, 'rego_unsafe_var_error')],
      })) as unknown as CompilerPhases['checkModules'],
    });
    const result = compileWithPhases(phases, modules, { entrypoints: ['a/b'], regoVersion: 'v1' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['rego_unsafe_var_error']);
    expect(calls.some((call) => call.startsWith('planPolicy'))).toBe(false);
  });

  it('keeps warnings without stopping', () => {
    const warning: Diagnostic = {
      ...diagnostic('a.rego', 1, 1, 'rego_compile_error'),
      severity: 'warning',
    };
    const { phases } = fakePhases({
      checkModules: ((m: unknown[], q: unknown[]) => ({
        modules: m,
        queries: q,
        diagnostics: [warning],
      })) as unknown as CompilerPhases['checkModules'],
    });
    const result = compileWithPhases(phases, modules, { entrypoints: ['a/b'], regoVersion: 'v1' });
    expect(result.ok).toBe(true);
    expect(result.diagnostics).toEqual([warning]);
  });

  it('turns an exception in a phase into an internal compiler error diagnostic', () => {
    const { phases } = fakePhases({
      planPolicy: (() => {
        throw new TypeError('boom');
      }) as unknown as CompilerPhases['planPolicy'],
    });
    const result = compileWithPhases(phases, modules, { entrypoints: ['a/b'], regoVersion: 'v1' });
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toHaveLength(1);
    expect(result.diagnostics[0].code).toBe('rego_compile_error');
    expect(result.diagnostics[0].message).toMatch(
      /^internal compiler error: planner: TypeError: boom/,
    );
  });

  it('stops after the backend reports an error', () => {
    const { phases } = fakePhases({
      emitWasm: (() => ({
        wasm: new Uint8Array(),
        entrypoints: {},
        hostBuiltins: [],
        diagnostics: [diagnostic('a.rego', 1, 1, 'rego_compile_error')],
      })) as unknown as CompilerPhases['emitWasm'],
    });
    const result = compileWithPhases(phases, modules, { entrypoints: ['a/b'], regoVersion: 'v1' });
    expect(result.ok).toBe(false);
    expect(result.wasm).toBeNull();
  });

  it.each([
    [
      'modules not an array',
      'x',
      { entrypoints: [], regoVersion: 'v1' },
      /modules must be an array/,
    ],
    [
      'module without source',
      [{ path: 'a.rego' }],
      { entrypoints: [], regoVersion: 'v1' },
      /modules\[0\]\.source/,
    ],
    [
      'duplicate module path',
      [...modules, modules[0]],
      { entrypoints: [], regoVersion: 'v1' },
      /duplicate module path b\.rego/,
    ],
    ['bad rego version', modules, { entrypoints: [], regoVersion: 'v2' }, /regoVersion must be/],
    [
      'bad entrypoint',
      modules,
      { entrypoints: ['/a//b'], regoVersion: 'v1' },
      /invalid entrypoint/,
    ],
    ['entrypoints missing', modules, { regoVersion: 'v1' }, /entrypoints must be an array/],
    [
      'query name reused',
      modules,
      { entrypoints: ['a'], queries: [{ name: 'a', source: 'x' }], regoVersion: 'v1' },
      /already used/,
    ],
    ['options missing', modules, null, /options must be an object/],
  ])('reports bad arguments instead of throwing: %s', (_name, badModules, badOptions, pattern) => {
    const { phases, calls } = fakePhases();
    const result = compileWithPhases(phases, badModules as never, badOptions as never);
    expect(result.ok).toBe(false);
    expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(pattern);
    expect(result.diagnostics.every((d) => d.code === 'rego_compile_error')).toBe(true);
    expect(calls).toEqual([]);
  });
});

describe('sortDiagnostics', () => {
  it('orders by file, line, column and keeps the original order for ties', () => {
    const first = { ...diagnostic('a.rego', 2, 2), message: 'first' };
    const second = { ...diagnostic('a.rego', 2, 2), message: 'second' };
    const sorted = sortDiagnostics([
      diagnostic('b.rego', 1, 1),
      first,
      diagnostic('a.rego', 1, 5),
      second,
    ]);
    expect(
      sorted.map((d) => `${d.location.file}:${d.location.line}:${d.location.col}:${d.message}`),
    ).toEqual([
      'a.rego:1:5:rego_parse_error at 1:5',
      'a.rego:2:2:first',
      'a.rego:2:2:second',
      'b.rego:1:1:rego_parse_error at 1:1',
    ]);
  });
});
