/** `coresdk test <dir>`: run the Rego unit tests of a policy directory, like `opa test`. */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { flagValue, parseArgs, UsageError } from '../args';
import { loadCliConfig } from '../cli-config';
import { EXIT_FAILURE, EXIT_OK, type CliIo } from '../cli-io';
import { COMMON_FLAGS, regoVersionOf } from '../common-flags';
import { PolicyDirError } from '../policy-dir';

export const TEST_USAGE = `usage: coresdk test <dir> [--run <regex>] [--coverage] [--v0-compatible]

Runs the Rego unit tests of <dir>: every rule named test_* in a *_test.rego file
(todo_test_* rules are reported as skipped). Tests mock with 'with' (input, data, functions).
  <dir>/*_test.rego                 run against the global policy (the non-test .rego files
                                    of <dir>, global.rego first)
  <dir>/tenants/<tenant>_test.rego  run against the tenant's policy: the global policy plus
                                    <dir>/tenants/<tenant>.rego when it exists
<dir>/data.json, when present, is the base document. A test passes when its rule is defined
and not false. Prints PASS/FAIL/ERROR/SKIP per test with file:line:col, and ends with the
line 'N passed, N failed' (errors count as failed). Exit code 1 when any test fails.

options:
  --run <regex>            run only tests whose name (data.<package>.<rule>) matches
  --coverage               report, per policy file, which rule heads and body literals the
                           tests reached (lines), and the lines never reached
  --v0-compatible          parse Rego v0 (default: [policies].rego_version of coresdk.toml)
  -h, --help               this help`;

type Testing = typeof import('../../testing');

export async function testCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, [
    ...COMMON_FLAGS,
    { name: 'run', value: true },
    { name: 'coverage', value: false },
  ]);
  if (args.flags.has('help')) {
    io.stdout(TEST_USAGE);
    return EXIT_OK;
  }
  if (args.positionals.length !== 1)
    throw new UsageError('test needs exactly one policy directory');
  const run = compileRunPattern(flagValue(args, 'run'));
  const dir = resolve(io.cwd, args.positionals[0]);
  const config = loadCliConfig([io.cwd, dir]);

  // Loaded on demand, like the compiler (see load-toolchain.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const testing = require('../../testing') as Testing;
  let suites;
  try {
    suites = testing.readTestSuites(dir);
  } catch (error) {
    if (error instanceof testing.TestDirectoryError) throw new PolicyDirError(error.message);
    throw error;
  }
  const report = testing.runRegoTests(suites, {
    regoVersion: regoVersionOf(args, config),
    run,
    coverage: args.flags.has('coverage'),
    data: readBaseDocument(dir),
  });
  io.stdout(testing.formatTestReport(report).join('\n'));
  return report.failed > 0 ? EXIT_FAILURE : EXIT_OK;
}

function compileRunPattern(pattern: string | undefined): RegExp | undefined {
  if (pattern === undefined) return undefined;
  try {
    return new RegExp(pattern);
  } catch (error) {
    throw new UsageError(
      `--run ${JSON.stringify(pattern)} is not a valid regular expression: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function readBaseDocument(dir: string): object | undefined {
  const path = join(dir, 'data.json');
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new PolicyDirError(
      `${path} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new PolicyDirError(`${path} must hold a JSON object (the base document)`);
  return value;
}
