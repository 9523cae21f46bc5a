/**
 * What "handled" means for the compiler on arbitrary input: a module or diagnostics, never
 * an exception, never a hang; every diagnostic well formed; no internal error (the facade
 * and the parser/checker guards turn escaped exceptions into "internal … error"
 * diagnostics, which is a bug report in disguise).
 */
import {
  compile,
  loadCompiledPolicySync,
  parse,
  parseQuery,
  type CompileResult,
  type Diagnostic,
} from '@coresdk/rego';
import { messageShape } from './feedback-pool';
import { withinBound } from './fuzz-settings';

const KNOWN_CODES = new Set([
  'rego_parse_error',
  'rego_unsafe_var_error',
  'rego_type_error',
  'rego_recursion_error',
  'rego_compile_error',
  'eval_conflict_error',
]);

/** Throws with a precise message when `diagnostic` is not a proper user-facing diagnostic. */
export function assertWellFormed(diagnostic: Diagnostic, input: string): void {
  const problem = !KNOWN_CODES.has(diagnostic.code)
    ? `unknown code ${diagnostic.code}`
    : /internal (compiler |parser )?error/i.test(diagnostic.message)
      ? 'internal error'
      : !(diagnostic.location && diagnostic.location.line >= 1 && diagnostic.location.col >= 1)
        ? 'missing or invalid location'
        : diagnostic.severity !== 'error' && diagnostic.severity !== 'warning'
          ? `severity ${String(diagnostic.severity)}`
          : null;
  if (problem) {
    throw new Error(
      `${problem}: ${diagnostic.code}: ${diagnostic.message}\ninput: ${JSON.stringify(input)}`,
    );
  }
}

/** Parses `source` as a module and as a query in both Rego versions; returns a signature. */
export function parseHandled(source: string): string {
  const outcomes: string[] = [];
  for (const regoVersion of ['v0', 'v1'] as const) {
    const moduleResult = withinBound(`parse (${regoVersion})`, source, () =>
      parse(source, 'fuzz.rego', { regoVersion }),
    );
    const queryResult = withinBound(`parseQuery (${regoVersion})`, source, () =>
      parseQuery(source, 'fuzz-query.rego', { regoVersion }),
    );
    const moduleErrors = moduleResult.diagnostics.filter((d) => d.severity === 'error');
    if ((moduleResult.module === null) !== moduleErrors.length > 0) {
      throw new Error(`parse returned a module and errors (or neither): ${JSON.stringify(source)}`);
    }
    if (
      (queryResult.query === null) !==
      queryResult.diagnostics.some((d) => d.severity === 'error')
    ) {
      throw new Error(
        `parseQuery returned a query and errors (or neither): ${JSON.stringify(source)}`,
      );
    }
    for (const diagnostic of [...moduleResult.diagnostics, ...queryResult.diagnostics]) {
      assertWellFormed(diagnostic, source);
    }
    outcomes.push(
      moduleResult.module ? 'module' : messageShape(moduleErrors[0].message),
      queryResult.query ? 'query' : 'no-query',
    );
  }
  return outcomes.join('|');
}

/** The query every fuzz compile plans: all of `data`, so every rule reaches the planner. */
const EVERYTHING_QUERY = { name: 'everything', source: 'x := data' };

/** Compiles `source` (Rego v1 unless told); returns the result and an outcome signature. */
export function compileHandled(
  source: string,
  regoVersion: 'v0' | 'v1' = 'v1',
): { result: CompileResult; signature: string } {
  const result = withinBound(`compile (${regoVersion})`, source, () =>
    compile([{ path: 'fuzz.rego', source }], {
      entrypoints: [],
      queries: [EVERYTHING_QUERY],
      regoVersion,
    }),
  );
  for (const diagnostic of result.diagnostics) assertWellFormed(diagnostic, source);
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  if (result.ok !== (errors.length === 0) || result.ok !== (result.wasm !== null)) {
    throw new Error(`compile result is inconsistent (ok=${result.ok}): ${JSON.stringify(source)}`);
  }
  // The first error only: with every error joined, nearly each input is "new" and the
  // pool fills with noise instead of inputs that reach a different check.
  const signature = result.ok
    ? `ok:${result.hostBuiltins.length > 0}`
    : `${errors[0].code}:${messageShape(errors[0].message)}`;
  return { result, signature };
}

/**
 * Loads a compiled module in opa-wasm and evaluates it on a small input: a result set or a
 * clean error (an `Error`, or the string opa-wasm throws for an abort), within the bound.
 */
export function evaluateHandled(result: CompileResult, source: string): void {
  const policy = loadCompiledPolicySync({ wasm: result.wasm!, hostBuiltins: result.hostBuiltins });
  for (const input of [{ a: [1, 'x'], b: { k: true } }, null]) {
    let resultSet: unknown;
    try {
      resultSet = withinBound('evaluate', source, () => policy.evaluate(input, 'everything'));
    } catch (error) {
      if (!isCleanEvaluationError(error)) throw error;
      continue;
    }
    if (!Array.isArray(resultSet)) {
      throw new Error(
        `evaluate returned ${JSON.stringify(resultSet)} for ${JSON.stringify(source)}`,
      );
    }
  }
}

/**
 * opa-wasm reports an `opa_abort` (conflicts, strict builtin errors) as a thrown string, and
 * host built-ins fail with ordinary `Error`s. A Wasm trap (`WebAssembly.RuntimeError`: out of
 * bounds, unreachable), a stack overflow or a JS type error is a crash, not a clean error.
 */
function isCleanEvaluationError(error: unknown): boolean {
  if (typeof error === 'string') return true;
  // Names, not instanceof: Jest runs tests in a separate realm from some of these errors.
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  if (typeof name !== 'string' || typeof message !== 'string') return false;
  if (/took \d+ ms \(bound/.test(message)) return false;
  return !CRASH_ERROR_NAMES.has(name);
}

const CRASH_ERROR_NAMES = new Set(['RuntimeError', 'RangeError', 'TypeError', 'ReferenceError']);
