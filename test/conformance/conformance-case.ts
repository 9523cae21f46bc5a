/**
 * The runner's own model of a test case, shared by both corpus formats: loaders turn a
 * YAML case into a `PreparedCase`, the executor turns it into a `RunOutcome`, and the judge
 * compares the two. Everything here is plain data so that it can cross a worker boundary.
 */
export type CorpusFormat = 'opa' | 'regorus';

/**
 * One input document to evaluate with: none (input undefined), a JSON value, or Rego term
 * text (OPA's `input_term`, parsed by the executor with the compiler's term parser).
 */
export type CaseInput =
  { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'rego-term'; text: string };

/**
 * How one solution of the compiled query is turned into a value: `bindings` keeps the
 * object of query variables; `value` takes the single variable the runner added to a
 * var-less query (`__value__ = data.test.x`).
 */
export type ResultShape = { kind: 'bindings' } | { kind: 'value'; variable: string };

export type Expectation =
  /** OPA `want_result`: unordered collection of binding objects. */
  | { kind: 'result-set'; want: Array<Record<string, unknown>>; sortBindings: boolean }
  /** OPA `want_defined`. */
  | { kind: 'defined'; defined: boolean }
  /**
   * OPA `want_error_code` / `want_error`. `strictOnly` marks `strict_error` cases: the error
   * only exists when built-in errors are fatal.
   */
  | { kind: 'error'; code: string | null; text: string | null; strictOnly: boolean }
  /** regorus `want_result`: entries compared in order, with `set!`/`object!` markers. */
  | { kind: 'regorus-values'; want: unknown[] }
  /**
   * regorus `error`: any compile or evaluation error passes (its texts are regorus's own);
   * `builtinError` marks texts of built-in argument errors, which only strict mode raises.
   */
  | { kind: 'regorus-error'; text: string; builtinError: boolean; strict: boolean }
  /** regorus `no_result: true`: evaluation succeeds with no result. */
  | { kind: 'no-result' };

export interface PreparedCase {
  /** File relative to the corpus directory, `#index`, and the note. */
  id: string;
  format: CorpusFormat;
  /** Folder of the file relative to the corpus directory (for the per-folder summary). */
  folder: string;
  note: string;
  modules: Array<{ path: string; source: string }>;
  regoVersion: 'v0' | 'v1';
  /** The query text handed to the compiler (possibly rewritten, see `ResultShape`). */
  querySource: string;
  resultShape: ResultShape;
  /** Base document; `undefined` leaves the loader's empty data. */
  data: unknown;
  inputs: CaseInput[];
  strictBuiltinErrors: boolean;
  env: Record<string, string>;
  expectation: Expectation;
  /** Set when the case declares itself out of scope; the case is then not run. */
  skipReason: string | null;
  /** Things the judge should mention but that do not decide the verdict (ignored keys). */
  notes: string[];
}

/** A thrown error, reduced to what the judge needs. */
export interface RuntimeFailure {
  /**
   * `error`: the policy raised an error (conflict, strict built-in error, abort);
   * `crash`: the module trapped or the host ran out of stack — a bug, never an expected error;
   * `unsupported-builtin`: the module called a host built-in nobody provides;
   * `load`: the compiled module could not be loaded or given its data or input;
   * `timeout`: the case ran longer than the per-case limit and was stopped.
   */
  kind: 'error' | 'crash' | 'unsupported-builtin' | 'load' | 'timeout';
  code: string | null;
  message: string;
}

export type RunOutcome =
  | { kind: 'compile-error'; diagnostics: Array<{ code: string; message: string; where: string }> }
  | { kind: 'runtime-error'; failure: RuntimeFailure }
  /** One result set per input, each the list of solutions as the module returned them. */
  | { kind: 'results'; resultSets: Array<Array<Record<string, unknown>>> };

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface Verdict {
  status: CaseStatus;
  /** Why it failed or was skipped (skip reasons are counted in the report). */
  reason?: string;
  /** Expected vs actual, for failures. */
  diff?: string;
}

export interface CaseResult extends Verdict {
  id: string;
  format: CorpusFormat;
  folder: string;
  durationMs: number;
}
