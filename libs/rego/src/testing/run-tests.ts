/**
 * Runs the Rego unit tests of test suites: each suite (the policy under test plus its
 * `*_test.rego` modules) is compiled once, with every selected `test_*` rule as an
 * entrypoint, loaded in opa-wasm and each entrypoint evaluated without input. A test passes
 * when its rule is defined and not `false` (as `opa test` judges); undefined or `false`
 * fails; an evaluation error (conflict, strict built-in error, trap) is an error, counted
 * as a failure. Mocks are the tests' own `with` modifiers, which the compiler plans.
 */
import type { RegoVersion } from '../ast/nodes';
import type { Capabilities } from '../builtins/capabilities';
import { compileWithPhases, type CompilerPhases, type CompileResult } from '../compile';
import { checkModules } from '../check';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { loadCompiledPolicySync } from '../loader';
import { planPolicy } from '../planner';
import { parseModule, parseQuery } from '../syntax';
import type { Location } from '../syntax/location';
import { emitWasm } from '../wasm';
import { CoverageCollector, mergeCoverage, type FileCoverage } from './coverage';
import { discoverTests, type TestCase } from './discover-tests';
import type { TestSuite } from './test-suites';

export type TestStatus = 'pass' | 'fail' | 'error' | 'skip';

export interface TestResult {
  suite: string;
  /** `data.<package>.<rule>`, or `<compile>` when the suite did not compile. */
  id: string;
  location: Location;
  status: TestStatus;
  /** Why it failed or errored. */
  message?: string;
  /** The test's own `print(...)` output. */
  output: string[];
  durationMs: number;
}

export interface SuiteReport {
  suite: string;
  results: TestResult[];
  /** Compile diagnostics of the suite (errors make every test of the suite an error). */
  diagnostics: Diagnostic[];
}

export interface TestReport {
  suites: SuiteReport[];
  passed: number;
  /** Failures and errors. */
  failed: number;
  skipped: number;
  /** Per policy file, merged over suites; null unless coverage was asked for. */
  coverage: FileCoverage[] | null;
  /** Module path → source text, for formatting diagnostics. */
  sources: Map<string, string>;
}

export interface RunTestsOptions {
  regoVersion: RegoVersion;
  /** Runs only the tests whose id (`data.pkg.test_x`) matches. */
  run?: RegExp;
  /** Instruments the policy modules and reports line coverage (see coverage.ts). */
  coverage?: boolean;
  /** The base document (`data`) the tests evaluate against; `{}` by default. */
  data?: object;
  capabilities?: Capabilities;
}

/** Runs every suite and sums up the outcome. Never throws on bad policies or tests. */
export function runRegoTests(suites: readonly TestSuite[], options: RunTestsOptions): TestReport {
  const reports: SuiteReport[] = [];
  const coverages: FileCoverage[][] = [];
  const sources = new Map<string, string>();
  for (const suite of suites) {
    for (const file of [...suite.policyModules, ...suite.testModules])
      sources.set(file.path, file.source);
    const collector = options.coverage ? new CoverageCollector() : null;
    reports.push(runSuite(suite, options, collector));
    if (collector) coverages.push(collector.report());
  }
  const results = reports.flatMap((report) => report.results);
  return {
    suites: reports,
    passed: results.filter((result) => result.status === 'pass').length,
    failed: results.filter((result) => result.status === 'fail' || result.status === 'error')
      .length,
    skipped: results.filter((result) => result.status === 'skip').length,
    coverage: options.coverage ? mergeCoverage(coverages) : null,
    sources,
  };
}

function runSuite(
  suite: TestSuite,
  options: RunTestsOptions,
  collector: CoverageCollector | null,
): SuiteReport {
  const discovered = discoverTests(suite.testModules, options.regoVersion);
  const selected = discovered.tests.filter((test) => !options.run || options.run.test(test.id));
  const toRun = selected.filter((test) => !test.skipped);
  const skipped = selected
    .filter((test) => test.skipped)
    .map((test) => result(suite, test, 'skip', 0, [], 'todo test'));
  if (hasErrors(discovered.diagnostics))
    return compileFailure(suite, discovered.diagnostics, toRun, skipped);
  if (toRun.length === 0) return { suite: suite.name, results: skipped, diagnostics: [] };

  const compiled = compileSuite(suite, toRun, options, collector);
  if (!compiled.ok || !compiled.wasm)
    return compileFailure(suite, compiled.diagnostics, toRun, skipped);

  let output: string[] = [];
  const print = (line: string): void => {
    if (!collector?.record(line)) output.push(line);
  };
  const load = (): ReturnType<typeof loadCompiledPolicySync> => {
    const loaded = loadCompiledPolicySync(
      { wasm: compiled.wasm as Uint8Array, hostBuiltins: compiled.hostBuiltins },
      { print },
    );
    loaded.setData(options.data ?? {});
    return loaded;
  };
  let policy: ReturnType<typeof loadCompiledPolicySync>;
  try {
    policy = load();
  } catch (error) {
    const message = `policy failed to load: ${errorMessage(error)}`;
    return {
      suite: suite.name,
      diagnostics: compiled.diagnostics,
      results: [...toRun.map((test) => result(suite, test, 'error', 0, [], message)), ...skipped],
    };
  }

  const results = toRun.map((test) => {
    output = [];
    const started = performance.now();
    let status: TestStatus;
    let message: string | undefined;
    try {
      const resultSet = policy.evaluate(undefined, test.entrypoint) as Array<{ result: unknown }>;
      ({ status, message } = judge(resultSet));
    } catch (error) {
      status = 'error';
      message = errorMessage(error);
      // An instance that trapped may hold a corrupt heap: the next test gets a fresh one.
      policy = load();
    }
    return result(suite, test, status, performance.now() - started, output, message);
  });
  return {
    suite: suite.name,
    results: [...results, ...skipped],
    diagnostics: compiled.diagnostics,
  };
}

function compileSuite(
  suite: TestSuite,
  tests: readonly TestCase[],
  options: RunTestsOptions,
  collector: CoverageCollector | null,
): CompileResult {
  const policyPaths = new Set(suite.policyModules.map((file) => file.path));
  const phases: CompilerPhases = {
    parseModule: (source, file, parseOptions) => {
      const parsed = parseModule(source, file, parseOptions);
      if (collector && parsed.module && policyPaths.has(file)) collector.instrument(parsed.module);
      return parsed;
    },
    parseQuery,
    checkModules,
    planPolicy,
    emitWasm,
  };
  return compileWithPhases(phases, [...suite.policyModules, ...suite.testModules], {
    entrypoints: tests.map((test) => test.entrypoint),
    regoVersion: options.regoVersion,
    capabilities: options.capabilities,
  });
}

/** Defined and not `false` passes; see the file comment. */
function judge(resultSet: Array<{ result: unknown }>): { status: TestStatus; message?: string } {
  if (!Array.isArray(resultSet) || resultSet.length === 0)
    return { status: 'fail', message: 'undefined' };
  if (resultSet[0].result === false) return { status: 'fail', message: 'false' };
  return { status: 'pass' };
}

function compileFailure(
  suite: TestSuite,
  diagnostics: Diagnostic[],
  tests: readonly TestCase[],
  skipped: TestResult[],
): SuiteReport {
  const message = 'the suite did not compile (see the diagnostics above)';
  const firstError = diagnostics.find((diagnostic) => diagnostic.severity === 'error');
  const results =
    tests.length > 0
      ? tests.map((test) => result(suite, test, 'error', 0, [], message))
      : [
          {
            suite: suite.name,
            id: '<compile>',
            location: firstError?.location ?? { file: suite.name, line: 1, col: 1, offset: 0 },
            status: 'error' as const,
            message,
            output: [],
            durationMs: 0,
          },
        ];
  return { suite: suite.name, results: [...results, ...skipped], diagnostics };
}

function result(
  suite: TestSuite,
  test: TestCase,
  status: TestStatus,
  durationMs: number,
  output: string[],
  message?: string,
): TestResult {
  return {
    suite: suite.name,
    id: test.id,
    location: test.location,
    status,
    message,
    output,
    durationMs,
  };
}

function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((diagnostic) => diagnostic.severity === 'error');
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
