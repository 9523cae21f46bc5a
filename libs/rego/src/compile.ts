/**
 * The compiler facade: Rego sources in, one Wasm module (OPA ABI) out.
 *
 * Runs the phases in order — parse every module and query, check, plan, emit — and stops
 * after the first phase that reports an error, as OPA and AssemblyScript do: later phases
 * rely on the invariants earlier ones establish, so running them on broken input only adds
 * noise. `compile` never throws: bad arguments and exceptions escaping a phase both come
 * back as diagnostics, so a caller (CLI, policy store, conformance runner) has one error
 * path.
 */
import type { Module, Query, RegoVersion } from './ast/nodes';
import { DEFAULT_CAPABILITIES, type Capabilities } from './builtins/capabilities';
import { builtinsArePure } from './builtins/decision-purity';
import { checkModules } from './check';
import type { Diagnostic } from './diagnostics/diagnostic';
import { planPolicy } from './planner';
import { parseModule, parseQuery } from './syntax';
import type { Location } from './syntax/location';
import { emitWasm } from './wasm';

export interface ModuleSource {
  /** File path used in diagnostics (and to tell modules apart). */
  path: string;
  source: string;
}

export interface QuerySource {
  /** Entrypoint name the query is compiled under; pass it to `evaluate(input, name)`. */
  name: string;
  /** Rego query text, e.g. `data.authz.allow = x` or `x := input.user`. */
  source: string;
}

export interface CompileOptions {
  /** Slash paths below `data` (`coresdk/authz/allow`); each yields `[{"result": v}]`. */
  entrypoints: string[];
  /** Queries compiled as entrypoints; each solution is an object of the query's bindings. */
  queries?: QuerySource[];
  regoVersion: RegoVersion;
  capabilities?: Capabilities;
  strictBuiltinErrors?: boolean;
}

export interface CompileResult {
  ok: boolean;
  wasm: Uint8Array | null;
  /** Entrypoint (and query) name → id as exported by the module's `entrypoints()`. */
  entrypoints: Record<string, number>;
  /** Built-ins the module calls on the host; the loader must supply each of them. */
  hostBuiltins: string[];
  /**
   * The policy decides from input and data alone: it calls no built-in that reads the
   * clock, randomness or the network, or prints. Only then may a caller reuse a result
   * for an identical input against identical data.
   */
  pure: boolean;
  /** Sorted by file, line and column. */
  diagnostics: Diagnostic[];
}

/** The phase entry functions, injectable so the orchestration can be tested on its own. */
export interface CompilerPhases {
  parseModule: typeof parseModule;
  parseQuery: typeof parseQuery;
  checkModules: typeof checkModules;
  planPolicy: typeof planPolicy;
  emitWasm: typeof emitWasm;
}

const DEFAULT_PHASES: CompilerPhases = {
  parseModule,
  parseQuery,
  checkModules,
  planPolicy,
  emitWasm,
};

/** Compiles Rego modules (and optional queries) to one OPA-ABI Wasm module. Never throws. */
export function compile(modules: ModuleSource[], options: CompileOptions): CompileResult {
  return compileWithPhases(DEFAULT_PHASES, modules, options);
}

/** `compile` with explicit phases (tests use fakes). */
export function compileWithPhases(
  phases: CompilerPhases,
  modules: ModuleSource[],
  options: CompileOptions,
): CompileResult {
  const invalid = validateArguments(modules, options);
  if (invalid.length > 0) return failed(invalid);

  const queries = options.queries ?? [];
  const diagnostics: Diagnostic[] = [];
  const stop = (): boolean => diagnostics.some(isError);

  const parsedModules: Module[] = [];
  const parsedQueries: Query[] = [];
  const parsed = runPhase('parser', diagnostics, () => {
    for (const { path, source } of modules) {
      const result = phases.parseModule(source, path, { regoVersion: options.regoVersion });
      diagnostics.push(...result.diagnostics);
      if (result.module) parsedModules.push(result.module);
    }
    for (const query of queries) {
      const file = queryFileName(query.name);
      const result = phases.parseQuery(query.source, file, { regoVersion: options.regoVersion });
      diagnostics.push(...result.diagnostics);
      if (result.query) parsedQueries.push(result.query);
    }
    return true;
  });
  if (!parsed || stop()) return failed(diagnostics);
  if (parsedModules.length !== modules.length || parsedQueries.length !== queries.length) {
    return failed([
      ...diagnostics,
      compileError(
        'internal compiler error: parser: a module or query produced neither a result nor an error',
      ),
    ]);
  }

  const checked = runPhase('checker', diagnostics, () => {
    const result = phases.checkModules(parsedModules, parsedQueries, {
      // Without an explicit document, the defaults apply: a policy that calls http.send,
      // net.lookup_ip_addr or opa.runtime is refused here, before it can ever run.
      capabilities: options.capabilities ?? DEFAULT_CAPABILITIES,
    });
    diagnostics.push(...result.diagnostics);
    return result;
  });
  if (!checked || stop()) return failed(diagnostics);
  if (checked.queries.length !== queries.length) {
    return failed([
      ...diagnostics,
      compileError(
        `internal compiler error: checker: returned ${checked.queries.length} queries for ${queries.length}`,
      ),
    ]);
  }

  const planned = runPhase('planner', diagnostics, () => {
    const result = phases.planPolicy(checked.modules, {
      entrypoints: options.entrypoints,
      // The checker returns the queries in the order it was given them.
      queries: queries.map((query, index) => ({ name: query.name, query: checked.queries[index] })),
    });
    diagnostics.push(...result.diagnostics);
    return result;
  });
  if (!planned || stop()) return failed(diagnostics);

  const emitted = runPhase('backend', diagnostics, () => {
    const result = phases.emitWasm(planned.policy, {
      strictBuiltinErrors: options.strictBuiltinErrors ?? false,
    });
    diagnostics.push(...result.diagnostics);
    return result;
  });
  if (!emitted || stop()) return failed(diagnostics);

  return {
    ok: true,
    wasm: emitted.wasm,
    entrypoints: { ...emitted.entrypoints },
    hostBuiltins: [...emitted.hostBuiltins],
    pure: builtinsArePure(planned.policy.static.builtins.map((builtin) => builtin.name)),
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/** Orders diagnostics by file, then line, then column; stable for equal positions. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) => compareLocations(a.diagnostic.location, b.diagnostic.location) || a.index - b.index,
    )
    .map(({ diagnostic }) => diagnostic);
}

/** The file name a query's diagnostics are reported under. */
export function queryFileName(name: string): string {
  return `<query ${name}>`;
}

function compareLocations(a: Location | undefined, b: Location | undefined): number {
  // Tolerates a diagnostic without a location (a phase bug) rather than throwing here.
  const fileA = a?.file ?? '';
  const fileB = b?.file ?? '';
  if (fileA !== fileB) return fileA < fileB ? -1 : 1;
  return (a?.line ?? 0) - (b?.line ?? 0) || (a?.col ?? 0) - (b?.col ?? 0);
}

function isError(diagnostic: Diagnostic): boolean {
  return diagnostic.severity === 'error';
}

/**
 * Runs one phase; an exception escaping it is a compiler bug, reported as a diagnostic
 * (with the phase name, so the report says whose bug it is) instead of crashing the caller.
 */
function runPhase<T>(phase: string, diagnostics: Diagnostic[], body: () => T): T | undefined {
  try {
    return body();
  } catch (error) {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    diagnostics.push(compileError(`internal compiler error: ${phase}: ${firstLines(detail, 4)}`));
    return undefined;
  }
}

function firstLines(text: string, count: number): string {
  return text.split('\n').slice(0, count).join('\n');
}

function failed(diagnostics: Diagnostic[]): CompileResult {
  return {
    ok: false,
    wasm: null,
    entrypoints: {},
    hostBuiltins: [],
    pure: false,
    diagnostics: sortDiagnostics(diagnostics),
  };
}

function compileError(message: string, file = '<compile>'): Diagnostic {
  return {
    code: 'rego_compile_error',
    message,
    location: { file, line: 1, col: 1, offset: 0 },
    severity: 'error',
  };
}

const ENTRYPOINT_PATTERN = /^[^/\s]+(\/[^/\s]+)*$/;

/** Checks the shape of the arguments, which may come from untyped callers (JS, JSON). */
function validateArguments(modules: unknown, options: unknown): Diagnostic[] {
  const problems: string[] = [];
  if (!Array.isArray(modules)) {
    problems.push('modules must be an array of { path, source }');
  } else {
    const seen = new Set<string>();
    modules.forEach((entry: unknown, index) => {
      const module = entry as Partial<ModuleSource> | null;
      if (typeof module?.path !== 'string' || module.path === '') {
        problems.push(`modules[${index}].path must be a non-empty string`);
      } else if (typeof module.source !== 'string') {
        problems.push(`modules[${index}].source must be a string (${module.path})`);
      } else if (seen.has(module.path)) {
        problems.push(`duplicate module path ${module.path}`);
      } else {
        seen.add(module.path);
      }
    });
  }
  if (typeof options !== 'object' || options === null) {
    return [...problems, 'options must be an object'].map((message) => compileError(message));
  }
  const { entrypoints, queries, regoVersion } = options as Partial<CompileOptions>;
  if (regoVersion !== 'v0' && regoVersion !== 'v1') {
    problems.push(`regoVersion must be 'v0' or 'v1', got ${JSON.stringify(regoVersion)}`);
  }
  const names = new Set<string>();
  if (!Array.isArray(entrypoints)) {
    problems.push('entrypoints must be an array of slash paths');
  } else {
    for (const entrypoint of entrypoints as unknown[]) {
      if (typeof entrypoint !== 'string' || !ENTRYPOINT_PATTERN.test(entrypoint)) {
        problems.push(
          `invalid entrypoint ${JSON.stringify(entrypoint)}: expected a slash path such as coresdk/authz/allow`,
        );
      } else if (names.has(entrypoint)) {
        problems.push(`duplicate entrypoint ${entrypoint}`);
      } else {
        names.add(entrypoint);
      }
    }
  }
  if (queries !== undefined && !Array.isArray(queries)) {
    problems.push('queries must be an array of { name, source }');
  } else {
    (queries ?? []).forEach((entry: unknown, index) => {
      const query = entry as Partial<QuerySource> | null;
      if (typeof query?.name !== 'string' || query.name.trim() === '') {
        problems.push(`queries[${index}].name must be a non-empty string`);
      } else if (typeof query.source !== 'string') {
        problems.push(`queries[${index}].source must be a string (${query.name})`);
      } else if (names.has(query.name)) {
        problems.push(`query name ${query.name} is already used by another entrypoint or query`);
      } else {
        names.add(query.name);
      }
    });
  }
  return problems.map((message) => compileError(message));
}
