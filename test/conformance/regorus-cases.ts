/**
 * Reads regorus's YAML test cases (`/work/shared/regorus-cases/README.md`). The traps that
 * README lists are settled here: Rego v0 except in files named `bindings.yaml`, strict
 * built-in errors unless `strict: false`, `many!` inputs and results, var-less reference
 * queries whose value (not bindings) is the result, and regorus-only behaviours skipped.
 */
import { basename } from 'node:path';
import {
  bindRefQuery,
  isVarlessRefQuery,
  VALUE_VARIABLE,
} from '../../libs/rego/src/cli/query-shape';
import type { CaseInput, Expectation, PreparedCase } from './conformance-case';

const KNOWN_KEYS = new Set([
  'note',
  'data',
  'modules',
  'query',
  'want_result',
  'error',
  'no_result',
  'skip',
  'strict',
  'input',
  // Accepted and ignored by regorus's own harness (README), so ignored here too.
  'want_prints',
  'sort_bindings',
  'traces',
  'want_error',
  'want_error_code',
]);

/**
 * regorus error texts of built-in argument errors, which only strict mode turns into
 * errors. Arity errors (`expects 2 arguments`) are left out on purpose: those are
 * compile-time type errors in OPA, so the compiler must report them.
 */
const BUILTIN_ERROR_TEXTS = [
  /`[\w.]+` (?:expects|requires) (?!\d+ arguments?\b)/,
  /^expects (?:string|numeric) argument/,
  /must be integer|modulo on floating-point|modulo by zero|divide by zero|not allowed in resource string|format verb/,
];

export function looksLikeBuiltinError(text: string): boolean {
  return BUILTIN_ERROR_TEXTS.some((pattern) => pattern.test(text));
}

/** Unwraps `{many!: [...]}` into its list; anything else is one item. */
export function manyItems(value: unknown): unknown[] {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (Object.keys(record).length === 1 && Array.isArray(record['many!']))
      return record['many!'] as unknown[];
  }
  return [value];
}

/** Turns one raw regorus case into a prepared case; `file` is relative to the corpus directory. */
export function prepareRegorusCase(
  raw: Record<string, unknown>,
  file: string,
  folder: string,
  index: number,
): PreparedCase {
  const note = typeof raw.note === 'string' ? raw.note : `case ${index}`;
  const query = typeof raw.query === 'string' ? raw.query : '';
  const varless = isVarlessRefQuery(query);
  const strict = raw.strict !== false;
  const notes = Object.hasOwn(raw, 'want_prints')
    ? ['want_prints not checked (regorus print format)']
    : [];
  return {
    id: `${file}#${index} ${note}`,
    format: 'regorus',
    folder,
    note,
    modules: (Array.isArray(raw.modules) ? raw.modules : []).map((source, position) => ({
      path: `rego_${position}`,
      source: String(source),
    })),
    regoVersion: basename(file) === 'bindings.yaml' ? 'v1' : 'v0',
    querySource: varless ? bindRefQuery(query) : query,
    resultShape: varless ? { kind: 'value', variable: VALUE_VARIABLE } : { kind: 'bindings' },
    data: raw.data,
    inputs: regorusInputs(raw),
    strictBuiltinErrors: strict,
    env: {},
    expectation: regorusExpectation(raw, strict),
    skipReason: regorusSkipReason(raw, varless),
    notes,
  };
}

function regorusInputs(raw: Record<string, unknown>): CaseInput[] {
  if (!Object.hasOwn(raw, 'input')) return [{ kind: 'none' }];
  return manyItems(raw.input).map((value) => ({ kind: 'json', value }));
}

function regorusExpectation(raw: Record<string, unknown>, strict: boolean): Expectation {
  if (Object.hasOwn(raw, 'want_result'))
    return { kind: 'regorus-values', want: manyItems(raw.want_result) };
  if (typeof raw.error === 'string') {
    return {
      kind: 'regorus-error',
      text: raw.error,
      builtinError: looksLikeBuiltinError(raw.error),
      strict,
    };
  }
  return { kind: 'no-result' };
}

function regorusSkipReason(raw: Record<string, unknown>, varless: boolean): string | null {
  if (raw.skip === true) return 'skip: true';
  const unknown = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) return `unsupported key: ${unknown.sort().join(', ')}`;
  if (typeof raw.query !== 'string') return 'case has no query';
  const expectations =
    ['want_result', 'error'].filter((key) => Object.hasOwn(raw, key)).length +
    (raw.no_result === true ? 1 : 0);
  if (expectations !== 1) return 'case needs exactly one of want_result, error, no_result';
  // README trap 4: regorus reports `false` for a false var-less expression; OPA has no result.
  if (!varless && raw.want_result === false)
    return 'regorus-only: false single-expression query result';
  return null;
}
