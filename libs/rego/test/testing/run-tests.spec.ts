/** The Rego test runner on small policy directories: verdicts, mocks, selection, errors. */
import {
  formatTestReport,
  readTestSuites,
  runRegoTests,
  TestDirectoryError,
  type TestReport,
} from '../../src/testing';
import { GLOBAL_POLICY, policyDir } from './temp-policy-dir';

function run(files: Record<string, string>, options: { run?: RegExp } = {}): TestReport {
  return runRegoTests(readTestSuites(policyDir(files)), { regoVersion: 'v1', ...options });
}

function statuses(report: TestReport): Record<string, string> {
  return Object.fromEntries(
    report.suites.flatMap((suite) =>
      suite.results.map((result) => [`${suite.suite} ${result.id}`, result.status]),
    ),
  );
}

describe('runRegoTests', () => {
  it('passes true tests and fails undefined or false ones', () => {
    const report = run({
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
test_read if allow with input as {"action": "read"}
test_write_denied if not allow with input as {"action": "write", "user": {"role": "viewer"}}
test_wrong_expectation if allow with input as {"action": "delete"}
test_false := false
`,
    });
    expect(statuses(report)).toEqual({
      'global data.coresdk.authz.test_read': 'pass',
      'global data.coresdk.authz.test_write_denied': 'pass',
      'global data.coresdk.authz.test_wrong_expectation': 'fail',
      'global data.coresdk.authz.test_false': 'fail',
    });
    expect(report).toMatchObject({ passed: 2, failed: 2 });
    const failure = report.suites[0].results.find((result) => result.status === 'fail');
    expect(failure).toMatchObject({
      message: 'undefined',
      location: { file: 'global_test.rego', line: 4, col: 1 },
    });
  });

  it('mocks input, data and functions with `with`', () => {
    const report = run({
      'global.rego': `package coresdk.authz
allow if data.flags.open
allow if is_admin(input.user)
is_admin(user) if user.role == "admin"
size := count(input.items)
`,
      'global_test.rego': `package coresdk.authz
test_data_mock if allow with data.flags.open as true
test_function_mock if allow with is_admin as true with input as {"user": {}}
test_builtin_mock if size == 42 with count as fake_count with input as {"items": [1]}
fake_count(_) := 42
`,
    });
    expect(report).toMatchObject({ passed: 3, failed: 0 });
  });

  it('runs tenant tests against global + override and global tests against global alone', () => {
    const files = {
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
test_no_analytics if not allow with input as {"action": "analytics"}
`,
      'tenants/acme.rego': `package coresdk.authz
allow if input.action == "analytics"
`,
      'tenants/acme_test.rego': `package coresdk.authz
test_analytics if allow with input as {"action": "analytics"}
test_read_still_allowed if allow with input as {"action": "read"}
`,
      'tenants/plain_test.rego': `package coresdk.authz
test_no_override if not allow with input as {"action": "analytics"}
`,
    };
    const report = run(files);
    expect(report.suites.map((suite) => suite.suite)).toEqual([
      'global',
      'tenant:acme',
      'tenant:plain',
    ]);
    expect(report).toMatchObject({ passed: 4, failed: 0 });
  });

  it('selects tests with a regular expression on the qualified name', () => {
    const report = run(
      {
        'global.rego': GLOBAL_POLICY,
        'global_test.rego': `package coresdk.authz
test_read if allow with input as {"action": "read"}
test_broken if false
`,
      },
      { run: /test_read$/ },
    );
    expect(statuses(report)).toEqual({ 'global data.coresdk.authz.test_read': 'pass' });
  });

  it('reports todo tests as skipped and shows print output of failures', () => {
    const report = run({
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
todo_test_later if false
test_prints if {
	role := "x"
	print("role is", role)
	false
}
`,
    });
    expect(report).toMatchObject({ passed: 0, failed: 1, skipped: 1 });
    const lines = formatTestReport(report);
    expect(lines).toContain('      print: role is x');
    expect(lines.at(-2)).toBe('1 skipped');
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
  });

  it('turns compile errors into failed tests with positioned diagnostics', () => {
    const report = run({
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
test_unsafe if x == 1
test_fine if true
`,
    });
    expect(report.passed).toBe(0);
    expect(report.failed).toBe(2);
    const text = formatTestReport(report).join('\n');
    expect(text).toContain('global_test.rego:2');
    expect(text).toContain('rego_unsafe_var_error');
  });

  it('counts a test module that does not parse as a failure', () => {
    const report = run({ 'global.rego': GLOBAL_POLICY, 'global_test.rego': 'package\n' });
    expect(report).toMatchObject({ passed: 0, failed: 1 });
    expect(report.suites[0].diagnostics[0].code).toBe('rego_parse_error');
  });

  it('reports an evaluation error (conflict) as an error', () => {
    const report = run({
      'global.rego': `package coresdk.authz
value := 1 if input.a
value := 2 if input.b
`,
      'global_test.rego': `package coresdk.authz
test_conflict if value with input as {"a": true, "b": true}
test_after_the_error if value == 1 with input as {"a": true}
`,
    });
    expect(report.suites[0].results.map((result) => result.status)).toEqual(['error', 'pass']);
    expect(report.suites[0].results[0].message).toMatch(/conflict/i);
    expect(report.failed).toBe(1);
  });

  it('refuses a directory without tests or with a bad tenant test file name', () => {
    expect(() => readTestSuites(policyDir({ 'global.rego': GLOBAL_POLICY }))).toThrow(
      TestDirectoryError,
    );
    expect(() =>
      readTestSuites(policyDir({ 'global.rego': GLOBAL_POLICY, 'tenants/Bad_test.rego': '' })),
    ).toThrow(/invalid tenant test file/);
    expect(() => readTestSuites('/nonexistent/policies')).toThrow(/not found/);
  });
});
