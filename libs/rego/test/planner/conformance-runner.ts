/**
 * Runs OPA's YAML conformance cases (read from /work/shared at run time, never copied)
 * through parse → check → plan → the reference IR interpreter, and reports per case
 * whether the planned policy gives the expected result.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { validatePolicy } from '../../src/ir/validate';
import type { Term } from '../../src/ast/nodes';
import { parseTerm } from '../../src/syntax';
import { EvaluationError, IrInterpreter } from './ir-interpreter';
import { RegoObject, RegoSet, toJson, type Value } from './interpreter-values';
import { planSource } from './plan-source';
import { OPA_CASES_ROOT } from '../shared-corpora-dir';

export const OPA_CONFORMANCE_ROOT = OPA_CASES_ROOT;

interface ConformanceCase {
  note: string;
  query: string;
  modules?: string[];
  data?: unknown;
  input?: unknown;
  input_term?: string;
  want_result?: Array<Record<string, unknown>>;
  want_defined?: boolean;
  want_error_code?: string;
  want_error?: string;
  strict_error?: boolean;
  sort_bindings?: boolean;
  [key: string]: unknown;
}

export interface CaseOutcome {
  file: string;
  note: string;
  status: 'pass' | 'fail' | 'skip';
  detail?: string;
}

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
]);

export function listCaseFiles(root: string): string[] {
  const files: string[] = [];
  const walk = (directory: string): void => {
    for (const entry of readdirSync(directory).sort()) {
      const path = join(directory, entry);
      if (statSync(path).isDirectory()) walk(path);
      else if (entry.endsWith('.yaml')) files.push(path);
    }
  };
  walk(root);
  return files;
}

export function runCaseFile(file: string): CaseOutcome[] {
  const document = parseYaml(readFileSync(file, 'utf8')) as { cases?: ConformanceCase[] };
  return (document.cases ?? []).map((testCase) => {
    try {
      return { file, note: testCase.note, ...runCase(testCase) };
    } catch (error) {
      return {
        file,
        note: testCase.note,
        status: 'fail' as const,
        detail: `crash: ${(error as Error).stack}`,
      };
    }
  });
}

function runCase(testCase: ConformanceCase): Omit<CaseOutcome, 'file' | 'note'> {
  const unknown = Object.keys(testCase).filter((key) => !KNOWN_KEYS.has(key));
  if (unknown.length > 0)
    return { status: 'skip', detail: `unsupported keys ${unknown.join(', ')}` };
  const expectsError = testCase.want_error_code !== undefined || testCase.want_error !== undefined;
  const planned = planSource(testCase.modules ?? [], {
    entrypoints: [],
    queries: [{ name: 'query', source: testCase.query }],
  });
  const errors = planned.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (errors.length > 0 || !planned.policy) {
    if (
      expectsError &&
      !testCase.strict_error &&
      errors.some((error) => error.code === testCase.want_error_code)
    ) {
      return { status: 'pass' };
    }
    return {
      status: 'fail',
      detail: `compile: ${errors.map((error) => `${error.code}: ${error.message}`).join('; ')}`,
    };
  }
  const problems = validatePolicy(planned.policy);
  if (problems.length > 0)
    return { status: 'fail', detail: `crash: invalid IR: ${problems.join('; ')}` };
  let inputValue: Value | undefined;
  if (testCase.input_term !== undefined) {
    const parsed = parseTerm(testCase.input_term, 'input_term');
    if (!parsed.term) return { status: 'fail', detail: 'input_term does not parse' };
    inputValue = termToValue(parsed.term);
  }
  let results: unknown[];
  try {
    results = new IrInterpreter(planned.policy).evaluate('query', {
      input: testCase.input,
      inputValue,
      data: testCase.data,
    });
  } catch (error) {
    if (
      error instanceof EvaluationError &&
      expectsError &&
      error.code === testCase.want_error_code
    ) {
      return { status: 'pass' };
    }
    return { status: 'fail', detail: `runtime: ${(error as Error).message}` };
  }
  if (expectsError) {
    // Built-in errors are not fatal here (as in Wasm): a strict-only error means "undefined".
    if (testCase.strict_error && results.length === 0) return { status: 'pass' };
    return {
      status: 'fail',
      detail: `expected error ${testCase.want_error_code}, got ${JSON.stringify(results)}`,
    };
  }
  if (testCase.want_defined !== undefined) {
    return results.length > 0 === testCase.want_defined
      ? { status: 'pass' }
      : { status: 'fail', detail: `defined: ${results.length > 0}` };
  }
  const want = testCase.want_result ?? [];
  const normalise = (bindings: unknown): string => {
    const record = bindings as Record<string, unknown>;
    const sorted = Object.keys(record)
      .sort()
      .map((key) => [
        key,
        testCase.sort_bindings ? sortDeep(record[key], true) : sortDeep(record[key], false),
      ]);
    return JSON.stringify(sorted);
  };
  const actual = results.map(normalise).sort();
  const expected = want.map(normalise).sort();
  const same =
    actual.length === expected.length && actual.every((value, index) => value === expected[index]);
  return same
    ? { status: 'pass' }
    : { status: 'fail', detail: `want ${JSON.stringify(want)} got ${JSON.stringify(results)}` };
}

/** Objects with sorted keys; arrays sorted too when the case says set order does not matter. */
function sortDeep(value: unknown, sortArrays: boolean): unknown {
  if (Array.isArray(value)) {
    const items = value.map((item) => sortDeep(item, sortArrays));
    return sortArrays
      ? items.sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1))
      : items;
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as object)
        .sort()
        .map((key) => [key, sortDeep((value as Record<string, unknown>)[key], sortArrays)]),
    );
  }
  return value;
}

/** A ground term (OPA's `input_term`) as a value. */
function termToValue(term: Term): Value {
  switch (term.type) {
    case 'null':
      return null;
    case 'boolean':
      return term.value;
    case 'number':
      return Number(term.text);
    case 'string':
      return term.value;
    case 'array':
      return term.items.map(termToValue);
    case 'set': {
      const set = new RegoSet();
      for (const item of term.items) set.add(termToValue(item));
      return set;
    }
    case 'object': {
      const object = new RegoObject();
      for (const [key, value] of term.entries) object.set(termToValue(key), termToValue(value));
      return object;
    }
    default:
      throw new Error(`input_term is not ground: ${term.type}`);
  }
}

export { toJson };
