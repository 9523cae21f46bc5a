/**
 * Reads OPA's YAML test cases (`/work/shared/opa-conformance/README.md`): Rego v1, the
 * query compiled as a query entrypoint, `want_result` as a result set of binding objects.
 */
import type { CaseInput, Expectation, PreparedCase } from './conformance-case';

const KNOWN_KEYS = new Set([
  'note',
  'query',
  'modules',
  'data',
  'input',
  'input_term',
  'want_result',
  'want_defined',
  'want_error_code',
  'want_error',
  'strict_error',
  'sort_bindings',
  'env',
  'ignore_generated_vars',
]);

/** Imports that select language versions newer than this compiler targets (README: may be reported as unsupported). */

const ERROR_CODE_IN_TEXT = /\b((?:eval|rego)_[a-z_]+_error)\b/;

/** Turns one raw OPA case into a prepared case; `file` is relative to the corpus directory. */
export function prepareOpaCase(
  raw: Record<string, unknown>,
  file: string,
  folder: string,
  index: number,
): PreparedCase {
  const note = typeof raw.note === 'string' ? raw.note : `case ${index}`;
  const modules = (Array.isArray(raw.modules) ? raw.modules : []).map((source, position) => ({
    path: `test-${position}.rego`,
    source: String(source),
  }));
  return {
    id: `${file}#${index} ${note}`,
    format: 'opa',
    folder,
    note,
    modules,
    regoVersion: 'v1',
    querySource: typeof raw.query === 'string' ? raw.query : '',
    resultShape: { kind: 'bindings' },
    data: raw.data,
    inputs: [opaInput(raw)],
    strictBuiltinErrors: raw.strict_error === true,
    env: stringRecord(raw.env),
    expectation: opaExpectation(raw),
    skipReason: opaSkipReason(raw),
    notes: [],
  };
}

function opaInput(raw: Record<string, unknown>): CaseInput {
  if (typeof raw.input_term === 'string') return { kind: 'rego-term', text: raw.input_term };
  if (Object.hasOwn(raw, 'input')) return { kind: 'json', value: raw.input };
  return { kind: 'none' };
}

function opaExpectation(raw: Record<string, unknown>): Expectation {
  if (Array.isArray(raw.want_result)) {
    return {
      kind: 'result-set',
      want: raw.want_result as Array<Record<string, unknown>>,
      sortBindings: raw.sort_bindings === true,
    };
  }
  if (typeof raw.want_defined === 'boolean') return { kind: 'defined', defined: raw.want_defined };
  const text = typeof raw.want_error === 'string' ? raw.want_error : null;
  const code =
    typeof raw.want_error_code === 'string'
      ? raw.want_error_code
      : (text?.match(ERROR_CODE_IN_TEXT)?.[1] ?? null);
  return { kind: 'error', code, text, strictOnly: raw.strict_error === true };
}

function opaSkipReason(raw: Record<string, unknown>): string | null {
  const unknown = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0) return `unsupported key: ${unknown.sort().join(', ')}`;
  if (typeof raw.query !== 'string') return 'case has no query';
  const hasExpectation = ['want_result', 'want_defined', 'want_error_code', 'want_error'].some(
    (key) => Object.hasOwn(raw, key),
  );
  if (!hasExpectation) return 'case has no expectation';
  return null;
}

function stringRecord(value: unknown): Record<string, string> {
  if (value === null || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}
