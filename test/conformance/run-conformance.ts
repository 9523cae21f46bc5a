/**
 * Runs corpora: loads the cases, executes each one that is in scope, judges it, and
 * collects one result per case. Failures of any kind are results, never exceptions.
 */
import type { CaseExecutor } from './case-executor';
import type { CaseResult, CorpusFormat, PreparedCase } from './conformance-case';
import { loadCorpus } from './corpus';
import { judge, judgeLenientRun } from './judge';

export interface CorpusSelection {
  dir: string;
  format: CorpusFormat;
}

export interface RunOptions {
  executor: CaseExecutor;
  /** Called after each case (progress output). */
  onResult?: (result: CaseResult) => void;
  /** Only cases whose id contains this text. */
  filter?: string;
}

export async function runCorpora(
  corpora: CorpusSelection[],
  options: RunOptions,
): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const record = (result: CaseResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const { dir, format } of corpora) {
    const corpus = loadCorpus(dir, format);
    for (const error of corpus.fileErrors) {
      if (options.filter && !error.file.includes(options.filter)) continue;
      record({
        id: `${error.file}`,
        format,
        folder: error.folder,
        status: 'failed',
        reason: error.message,
        durationMs: 0,
      });
    }
    for (const testCase of corpus.cases) {
      if (options.filter && !`${testCase.folder}/${testCase.id}`.includes(options.filter)) continue;
      record(await runCase(testCase, options.executor));
    }
  }
  return results;
}

export async function runCase(testCase: PreparedCase, executor: CaseExecutor): Promise<CaseResult> {
  const base = { id: testCase.id, format: testCase.format, folder: testCase.folder };
  if (testCase.skipReason !== null)
    return { ...base, status: 'skipped', reason: testCase.skipReason, durationMs: 0 };
  const started = Date.now();
  let verdict = judge(testCase, await executor.run(testCase));
  if (verdict.status === 'passed' && isStrictErrorCase(testCase)) {
    // OPA's strict_error cases are checked both ways: the error with strict built-in
    // errors (above), an undefined result without them (here).
    const lenient = { ...testCase, strictBuiltinErrors: false };
    verdict = judgeLenientRun(await executor.run(lenient));
  }
  const reason = [verdict.reason, ...testCase.notes].filter(Boolean).join('; ') || undefined;
  return { ...base, ...verdict, reason, durationMs: Date.now() - started };
}

/** An OPA case whose expected error exists only with strict built-in errors. */
export function isStrictErrorCase(testCase: PreparedCase): boolean {
  return testCase.expectation.kind === 'error' && testCase.expectation.strictOnly;
}
