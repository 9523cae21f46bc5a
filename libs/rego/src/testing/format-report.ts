/**
 * Text report of a test run, one line per test —
 * `PASS  tenants/acme-corp_test.rego:12:1  data.coresdk.authz.test_analytics (0.2ms)` —
 * grouped by suite, then coverage when asked for, and always closing with the line
 * `N passed, N failed` (failures include errors).
 */
import { formatDiagnostic } from '../diagnostics/format';
import type { FileCoverage } from './coverage';
import type { TestReport, TestResult } from './run-tests';

const LABELS: Record<TestResult['status'], string> = {
  pass: 'PASS ',
  fail: 'FAIL ',
  error: 'ERROR',
  skip: 'SKIP ',
};

export function formatTestReport(report: TestReport): string[] {
  const lines: string[] = [];
  for (const suite of report.suites) {
    lines.push(`suite ${suite.suite}`);
    for (const diagnostic of suite.diagnostics)
      lines.push(...formatDiagnostic(diagnostic, report.sources).split('\n').map(indent));
    for (const result of suite.results) lines.push(...formatResult(result));
  }
  if (report.coverage) lines.push(...formatCoverage(report.coverage));
  if (report.skipped > 0) lines.push(`${report.skipped} skipped`);
  lines.push(summaryLine(report));
  return lines;
}

/** The closing line, `N passed, N failed`. */
export function summaryLine(report: Pick<TestReport, 'passed' | 'failed'>): string {
  return `${report.passed} passed, ${report.failed} failed`;
}

function formatResult(result: TestResult): string[] {
  const { file, line, col } = result.location;
  const timing =
    result.status === 'pass' || result.status === 'fail'
      ? ` (${result.durationMs.toFixed(1)}ms)`
      : '';
  const reason = result.message && result.status !== 'pass' ? `: ${result.message}` : '';
  const lines = [`${LABELS[result.status]} ${file}:${line}:${col}  ${result.id}${reason}${timing}`];
  if (result.status !== 'pass')
    lines.push(...result.output.map((text) => indent(`print: ${text}`)));
  return lines;
}

function formatCoverage(coverage: readonly FileCoverage[]): string[] {
  const lines = ['coverage (lines of rule heads and body literals reached by the tests):'];
  for (const file of coverage) {
    const missing =
      file.notCovered.length > 0 ? `  not covered: ${file.notCovered.join(', ')}` : '';
    lines.push(
      indent(
        `${file.file}  ${file.percent.toFixed(1)}% (${file.covered.length}/${file.coverable.length} lines)${missing}`,
      ),
    );
    const named = (rules: typeof file.rules): string =>
      rules.map((rule) => `${rule.name} (line ${rule.line})`).join(', ');
    const neverEvaluated = file.rules.filter((rule) => !rule.evaluated);
    const neverTrue = file.rules.filter((rule) => rule.evaluated && !rule.satisfied);
    if (neverEvaluated.length > 0)
      lines.push(indent(`  rules never evaluated: ${named(neverEvaluated)}`));
    if (neverTrue.length > 0)
      lines.push(indent(`  rules evaluated, never true: ${named(neverTrue)}`));
  }
  return lines;
}

function indent(text: string): string {
  return `      ${text}`;
}
