/**
 * Rego unit testing (`coresdk test`): discover `test_*` rules in `*_test.rego` files, run
 * them against the global policy and each tenant's policy, report results and coverage.
 */
export { readTestSuites, TestDirectoryError } from './test-suites';
export type { SourceFile, TestSuite } from './test-suites';
export { discoverTests } from './discover-tests';
export type { TestCase } from './discover-tests';
export { runRegoTests } from './run-tests';
export type { RunTestsOptions, SuiteReport, TestReport, TestResult, TestStatus } from './run-tests';
export { formatTestReport, summaryLine } from './format-report';
export { PROBE_MARKER } from './coverage';
export type { FileCoverage, RuleCoverage } from './coverage';
