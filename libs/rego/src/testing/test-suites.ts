/**
 * Reads a policy directory into test suites, mirroring how the runtime composes policies
 * (libs/core-sdk/src/authz/policy-files.ts): the shared modules are every non-test `.rego`
 * file directly in the directory (`global.rego` first); a tenant's policy is the shared
 * modules plus `tenants/<tenant>.rego`.
 *
 * Tests follow the same split: `*_test.rego` beside `global.rego` test the global policy
 * alone; `tenants/<tenant>_test.rego` test that tenant's policy (global + its override, or
 * the global policy alone for a tenant without an override file).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SourceFile {
  /** Path relative to the policy directory, used in diagnostics and reports. */
  path: string;
  source: string;
}

export interface TestSuite {
  /** `global` or `tenant:<id>`. */
  name: string;
  /** The policy under test, in compilation order. */
  policyModules: SourceFile[];
  /** The `*_test.rego` modules whose `test_*` rules run against it. */
  testModules: SourceFile[];
}

export class TestDirectoryError extends Error {
  override readonly name = 'TestDirectoryError';
}

const TEST_SUFFIX = '_test.rego';
const TENANT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

const isTestFile = (name: string): boolean => name.endsWith(TEST_SUFFIX);
const isRegoFile = (name: string): boolean => name.endsWith('.rego');

/** The suites of a policy directory; suites without test modules are left out. */
export function readTestSuites(dir: string): TestSuite[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new TestDirectoryError(`policy directory not found: ${dir}`);
  const topLevel = regoFiles(dir);
  const shared = topLevel
    .filter((name) => !isTestFile(name))
    .sort((a, b) => (a === 'global.rego' ? -1 : b === 'global.rego' ? 1 : a.localeCompare(b)))
    .map((name) => read(dir, name));
  const globalTests = topLevel.filter(isTestFile).map((name) => read(dir, name));

  const suites: TestSuite[] = [];
  if (globalTests.length > 0)
    suites.push({ name: 'global', policyModules: shared, testModules: globalTests });

  const tenantsDir = join(dir, 'tenants');
  if (existsSync(tenantsDir) && statSync(tenantsDir).isDirectory()) {
    const tenantFiles = regoFiles(tenantsDir);
    for (const testFile of tenantFiles.filter(isTestFile)) {
      const tenant = testFile.slice(0, -TEST_SUFFIX.length);
      if (!TENANT_NAME.test(tenant))
        throw new TestDirectoryError(
          `invalid tenant test file tenants/${testFile}: the tenant name must match ${TENANT_NAME.source}`,
        );
      const override = tenantFiles.includes(`${tenant}.rego`)
        ? [read(dir, `tenants/${tenant}.rego`)]
        : [];
      suites.push({
        name: `tenant:${tenant}`,
        policyModules: [...shared, ...override],
        testModules: [read(dir, `tenants/${testFile}`)],
      });
    }
  }
  if (suites.length === 0)
    throw new TestDirectoryError(
      `no tests in ${dir}: expected *_test.rego beside global.rego or tenants/<tenant>_test.rego`,
    );
  return suites;
}

function regoFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => isRegoFile(name) && statSync(join(dir, name)).isFile())
    .sort();
}

function read(dir: string, relativePath: string): SourceFile {
  return { path: relativePath, source: readFileSync(join(dir, relativePath), 'utf8') };
}
