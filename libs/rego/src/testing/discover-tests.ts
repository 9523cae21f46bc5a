/**
 * Finds the test rules of test modules, as `opa test` does: every rule whose name starts
 * with `test_` is a test; `todo_test_` marks a test as skipped. A test is a complete rule
 * (`test_x if { ... }`); functions, partial set/object rules and ref heads (`test_a.b`)
 * are not tests and are ignored. Several definitions of one name form one test that passes
 * when any of them does (they are one rule in Rego).
 */
import type { RegoVersion, Rule } from '../ast/nodes';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Location } from '../syntax/location';
import { parseModule } from '../syntax';
import type { SourceFile } from './test-suites';

export interface TestCase {
  /** Fully qualified name, `data.<package>.<rule>` — what `--run` matches. */
  id: string;
  /** Slash path below `data`, compiled as an entrypoint. */
  entrypoint: string;
  /** Where the (first) definition starts. */
  location: Location;
  /** `todo_test_*`: reported, not run. */
  skipped: boolean;
}

const TEST_PREFIX = 'test_';
const TODO_PREFIX = 'todo_test_';

export function discoverTests(
  testModules: readonly SourceFile[],
  regoVersion: RegoVersion,
): { tests: TestCase[]; diagnostics: Diagnostic[] } {
  const tests = new Map<string, TestCase>();
  const diagnostics: Diagnostic[] = [];
  for (const file of testModules) {
    const parsed = parseModule(file.source, file.path, { regoVersion });
    diagnostics.push(...parsed.diagnostics);
    if (!parsed.module) continue;
    for (const rule of parsed.module.rules) {
      const name = testRuleName(rule);
      if (name === null) continue;
      const path = [...rule.packagePath, name];
      const id = `data.${path.join('.')}`;
      if (tests.has(id)) continue;
      tests.set(id, {
        id,
        entrypoint: path.join('/'),
        location: rule.location,
        skipped: name.startsWith(TODO_PREFIX),
      });
    }
  }
  return { tests: [...tests.values()], diagnostics };
}

/** The rule's name when it is a test (or a todo test), else null. */
function testRuleName(rule: Rule): string | null {
  if (rule.kind !== 'complete' || rule.head.ref.length !== 1) return null;
  const head = rule.head.ref[0];
  if (head.type !== 'string') return null;
  const name = head.value;
  return name.startsWith(TEST_PREFIX) || name.startsWith(TODO_PREFIX) ? name : null;
}
