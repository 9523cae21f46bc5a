/**
 * The repository's own Rego unit tests (policies/*_test.rego, policies/tenants/*_test.rego)
 * run through the same runner as `coresdk test policies`. Any failing Rego test fails this
 * spec; so does a policy line no test reaches, so that a new rule comes with its tests.
 */
import { join } from 'node:path';
import { loadCliConfig } from '@coresdk/rego/cli/cli-config';
import { formatTestReport, readTestSuites, runRegoTests } from '@coresdk/rego/testing';

const ROOT = join(__dirname, '..', '..');
const POLICY_DIR = join(ROOT, 'policies');

describe('policies/ Rego unit tests', () => {
  const regoVersion = loadCliConfig([ROOT]).regoVersion ?? 'v1';
  const report = runRegoTests(readTestSuites(POLICY_DIR), { regoVersion, coverage: true });
  const lines = formatTestReport(report);

  it('runs the global and the tenant suites', () => {
    expect(report.suites.map((suite) => suite.suite)).toEqual(['global', 'tenant:acme-corp']);
    for (const suite of report.suites) expect(suite.results.length).toBeGreaterThan(0);
  });

  it('passes every Rego test', () => {
    // Failing Rego tests are named with their location (and compile errors with theirs).
    const failures = report.suites.flatMap((suite) => [
      ...suite.diagnostics.map((d) => `${d.location.file}:${d.location.line}: ${d.message}`),
      ...suite.results
        .filter((result) => result.status === 'fail' || result.status === 'error')
        .map(
          (result) =>
            `${suite.suite} ${result.location.file}:${result.location.line} ${result.id}: ${result.message}`,
        ),
    ]);
    process.stdout.write(`Rego tests of policies/: ${lines.at(-1)}\n`);
    expect({ summary: lines.at(-1), failures }).toEqual({
      summary: `${report.passed} passed, 0 failed`,
      failures: [],
    });
    expect(report.passed).toBeGreaterThan(0);
  });

  it('reaches every body literal and makes every rule of the policies true', () => {
    const uncovered = (report.coverage ?? [])
      .filter((file) => file.notCovered.length > 0)
      .map((file) => `${file.file}: ${file.notCovered.join(', ')}`);
    expect(uncovered).toEqual([]);
    // Every rule definition of the policies was made true by some test.
    const neverTrue = (report.coverage ?? []).flatMap((file) =>
      file.rules
        .filter((rule) => !rule.satisfied)
        .map((rule) => `${file.file}:${rule.line} ${rule.name}`),
    );
    expect(neverTrue).toEqual([]);
    expect(report.coverage?.map((file) => file.file)).toEqual([
      'global.rego',
      'tenants/acme-corp.rego',
    ]);
  });
});
