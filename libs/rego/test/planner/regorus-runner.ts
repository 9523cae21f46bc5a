/**
 * Runs the regorus YAML cases (read from /work/shared at run time) through parse → check
 * → plan → reference interpreter. Their format differs from OPA's (see the corpus
 * README): Rego v0 by default, queries are usually plain references whose value is the
 * result, `{set!: …}` / `{object!: …}` markers, `many!` lists, and strict built-in errors.
 * A case expecting an error passes when compiling or evaluating fails; when the query is
 * merely undefined it is counted apart (`strict-only`): that is what a non-strict Wasm
 * target does with a built-in error.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validatePolicy } from '../../src/ir/validate';
import { listCaseFiles } from './conformance-runner';
import { IrInterpreter } from './ir-interpreter';
import { planSource } from './plan-source';
import { REGORUS_CASES_ROOT } from '../shared-corpora-dir';

export const REGORUS_ROOT = REGORUS_CASES_ROOT;

interface RegorusCase {
  note?: string;
  modules: string[];
  query: string;
  data?: unknown;
  input?: unknown;
  want_result?: unknown;
  error?: string;
  no_result?: boolean;
  skip?: boolean;
  strict?: boolean;
  sort_bindings?: unknown;
  want_prints?: unknown;
  [key: string]: unknown;
}

export interface RegorusOutcome {
  file: string;
  note: string;
  status: 'pass' | 'fail' | 'skip' | 'strict-only';
  detail?: string;
}

const KNOWN_KEYS = new Set([
  'note',
  'modules',
  'query',
  'data',
  'input',
  'want_result',
  'error',
  'no_result',
  'skip',
  'strict',
  'sort_bindings',
  'want_prints',
]);
const RESULT_VARIABLE = 'result__';

export { listCaseFiles };

export function runRegorusFile(file: string): RegorusOutcome[] {
  let document: { cases?: RegorusCase[] };
  try {
    document = parseYaml(readFileSync(file, 'utf8'), { strict: false }) as {
      cases?: RegorusCase[];
    };
  } catch (error) {
    return [{ file, note: '(file)', status: 'skip', detail: `YAML: ${(error as Error).message}` }];
  }
  return (document.cases ?? []).map((testCase, index) => {
    const note = `${testCase.note ?? ''}#${index}`;
    try {
      return { file, note, ...runCase(testCase, basename(file) === 'bindings.yaml' ? 'v1' : 'v0') };
    } catch (error) {
      return { file, note, status: 'fail' as const, detail: `crash: ${(error as Error).stack}` };
    }
  });
}

function runCase(
  testCase: RegorusCase,
  regoVersion: 'v0' | 'v1',
): Omit<RegorusOutcome, 'file' | 'note'> {
  const unknown = Object.keys(testCase).filter((key) => !KNOWN_KEYS.has(key));
  if (testCase.skip || unknown.length > 0) return { status: 'skip', detail: unknown.join(', ') };
  const query = testCase.query.trim();
  // A query without variables (`data.test.x`) yields its own value: bind it to a variable.
  const plainExpression =
    !/:=|(^|[^=!<>])=($|[^=])|;|\n/.test(query) && !/\bsome\b|\bevery\b/.test(query);
  const source = plainExpression ? `${RESULT_VARIABLE} := ${query}` : query;
  const planned = planSource(testCase.modules ?? [], {
    entrypoints: [],
    queries: [{ name: 'query', source }],
    regoVersion,
  });
  const errors = planned.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0 || !planned.policy) {
    if (testCase.error !== undefined) return { status: 'pass' };
    return {
      status: 'fail',
      detail: `compile: ${errors.map((error) => error.message).join('; ')}`,
    };
  }
  const problems = validatePolicy(planned.policy);
  if (problems.length > 0)
    return { status: 'fail', detail: `crash: invalid IR: ${problems.join('; ')}` };
  const inputs: unknown[] = isMany(testCase.input) ? testCase.input['many!'] : [testCase.input];
  const interpreter = new IrInterpreter(planned.policy);
  const entries: unknown[] = [];
  try {
    for (const input of inputs) {
      const results = interpreter.evaluate('query', { input, data: testCase.data }) as Array<
        Record<string, unknown>
      >;
      const values = plainExpression
        ? results.map((bindings) => bindings[RESULT_VARIABLE])
        : results;
      if (values.length === 1) entries.push(values[0]);
      else if (values.length > 1) entries.push(...values);
    }
  } catch (error) {
    if (testCase.error !== undefined) return { status: 'pass' };
    return { status: 'fail', detail: `runtime: ${(error as Error).message}` };
  }
  if (testCase.error !== undefined) {
    return entries.length === 0
      ? { status: 'strict-only' }
      : {
          status: 'fail',
          detail: `expected error "${testCase.error}", got ${JSON.stringify(entries)}`,
        };
  }
  if (testCase.no_result) {
    return entries.length === 0
      ? { status: 'pass' }
      : { status: 'fail', detail: `got ${JSON.stringify(entries)}` };
  }
  const want = isMany(testCase.want_result)
    ? testCase.want_result['many!'].map(decodeMarkers)
    : [decodeMarkers(testCase.want_result)];
  const same =
    entries.length === want.length &&
    entries.every((entry, index) => canonicalJson(entry) === canonicalJson(want[index]));
  return same
    ? { status: 'pass' }
    : { status: 'fail', detail: `want ${JSON.stringify(want)} got ${JSON.stringify(entries)}` };
}

function isMany(value: unknown): value is { 'many!': unknown[] } {
  return (
    value !== null &&
    typeof value === 'object' &&
    Array.isArray((value as Record<string, unknown>)['many!'])
  );
}

/** `{set!: […]}` → sorted array, `{object!: […]}` → object with JSON-text keys (as values print). */
function decodeMarkers(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeMarkers);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  if (Array.isArray(record['set!'])) {
    return (record['set!'] as unknown[]).map(decodeMarkers).sort(compareJson);
  }
  if (Array.isArray(record['object!'])) {
    const entries = record['object!'] as Array<{ key: unknown; value: unknown }>;
    return Object.fromEntries(
      entries.map(({ key, value: item }) => {
        const decoded = decodeMarkers(key);
        return [
          typeof decoded === 'string' ? decoded : JSON.stringify(decoded),
          decodeMarkers(item),
        ];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(record).map(([key, item]) => [key, decodeMarkers(item)]),
  );
}

function compareJson(a: unknown, b: unknown): number {
  const [left, right] = [canonicalJson(a), canonicalJson(b)];
  return left < right ? -1 : left > right ? 1 : 0;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return `{${Object.keys(record)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
