/** Coverage by probes: which rule heads and body literals the tests reached. */
import { formatTestReport, readTestSuites, runRegoTests } from '../../src/testing';
import { GLOBAL_POLICY, policyDir } from './temp-policy-dir';

describe('coverage', () => {
  it('marks reached literals and satisfied heads, and lists the rest', () => {
    const dir = policyDir({
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
test_read if allow with input as {"action": "read"}
`,
    });
    const report = runRegoTests(readTestSuites(dir), { regoVersion: 'v1', coverage: true });
    expect(report.passed).toBe(1);
    // Line 5: the one-line read rule (head and literal). Lines 7-9: the write rule, whose
    // first literal is reached (the action comparison fails), the rest not.
    expect(report.coverage).toEqual([
      {
        file: 'global.rego',
        coverable: [5, 7, 8, 9],
        covered: [5, 8],
        notCovered: [7, 9],
        percent: 50,
        rules: [
          { name: 'allow', line: 5, evaluated: true, satisfied: true },
          { name: 'allow', line: 7, evaluated: true, satisfied: false },
        ],
      },
    ]);
  });

  it('merges a file covered by several suites and leaves test modules out', () => {
    const dir = policyDir({
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
test_read if allow with input as {"action": "read"}
`,
      'tenants/acme.rego': `package coresdk.authz
allow if input.action == "extra"
`,
      'tenants/acme_test.rego': `package coresdk.authz
test_write if allow with input as {"action": "write", "user": {"role": "editor"}}
`,
    });
    const report = runRegoTests(readTestSuites(dir), { regoVersion: 'v1', coverage: true });
    expect(report.passed).toBe(2);
    expect(report.coverage?.map((file) => [file.file, file.notCovered])).toEqual([
      ['global.rego', []],
      ['tenants/acme.rego', []],
    ]);
  });

  it('names rules never evaluated and rules never true, including else clauses', () => {
    const dir = policyDir({
      'global.rego': `package coresdk.authz

level(x) := "high" if {
	x > 10
} else := "low"

grants[name] := true if some name in input.names

unused if input.never
`,
      'global_test.rego': `package coresdk.authz
test_level if level(3) == "low"
`,
    });
    const report = runRegoTests(readTestSuites(dir), { regoVersion: 'v1', coverage: true });
    expect(report.passed).toBe(1);
    expect(report.coverage?.[0].rules).toEqual([
      { name: 'level', line: 3, evaluated: true, satisfied: false },
      { name: 'level (else)', line: 5, evaluated: true, satisfied: true },
      { name: 'grants[name]', line: 7, evaluated: false, satisfied: false },
      { name: 'unused', line: 9, evaluated: false, satisfied: false },
    ]);
    const text = formatTestReport(report).join('\n');
    expect(text).toContain('rules never evaluated: grants[name] (line 7), unused (line 9)');
    expect(text).toContain('rules evaluated, never true: level (line 3)');
  });

  it('gives the same verdicts with and without coverage', () => {
    const dir = policyDir({
      'global.rego': GLOBAL_POLICY,
      'global_test.rego': `package coresdk.authz
test_read if allow with input as {"action": "read"}
test_wrong if allow with input as {"action": "nope"}
`,
    });
    const plain = runRegoTests(readTestSuites(dir), { regoVersion: 'v1' });
    const covered = runRegoTests(readTestSuites(dir), { regoVersion: 'v1', coverage: true });
    expect([covered.passed, covered.failed]).toEqual([plain.passed, plain.failed]);
    expect(plain.coverage).toBeNull();
  });
});
