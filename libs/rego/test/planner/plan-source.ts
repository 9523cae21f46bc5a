/**
 * Test helper: Rego source → parsed → checked → planned. The planner's own tests must
 * not depend on unfinished stages, so by default names are resolved by the test
 * stand-in (`test-resolver.ts`); with `PLANNER_TEST_CHECKER=1` the real `checkModules`
 * is used instead (to run the whole front end + planner against the corpora).
 */
import type { Module, Query } from '../../src/ast/nodes';
import type { Diagnostic } from '../../src/diagnostics/diagnostic';
import type { Policy } from '../../src/ir/ir';
import { planPolicy } from '../../src/planner';
import { parseModule, parseQuery } from '../../src/syntax';
import { resolveModules } from './test-resolver';

type CheckModules = (
  modules: Module[],
  queries: Query[],
  options: object,
) => { modules: Module[]; queries: Query[]; diagnostics: Diagnostic[] };

function loadChecker(): CheckModules | null {
  if (process.env.PLANNER_TEST_CHECKER !== '1') return null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const check = require('../../src/check') as { checkModules?: CheckModules };
    return check.checkModules ?? null;
  } catch {
    return null;
  }
}

const checker = loadChecker();

/** Which front end the tests use, for reports. */
export const CHECKER_IN_USE = checker ? 'checkModules' : 'test-resolver';

export interface PlanSourceOptions {
  entrypoints: string[];
  queries?: Array<{ name: string; source: string }>;
  regoVersion?: 'v0' | 'v1';
}

export interface PlannedSource {
  policy: Policy | null;
  diagnostics: Diagnostic[];
}

export function planSource(sources: string[], options: PlanSourceOptions): PlannedSource {
  const regoVersion = options.regoVersion ?? 'v1';
  const diagnostics: Diagnostic[] = [];
  const modules: Module[] = [];
  sources.forEach((source, index) => {
    const parsed = parseModule(source, `module${index}.rego`, { regoVersion });
    diagnostics.push(...parsed.diagnostics);
    if (parsed.module) modules.push(parsed.module);
  });
  const queries: Query[] = [];
  for (const query of options.queries ?? []) {
    const parsed = parseQuery(query.source, `${query.name}.query`, { regoVersion });
    diagnostics.push(...parsed.diagnostics);
    if (parsed.query) queries.push(parsed.query);
  }
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return { policy: null, diagnostics };
  const checked = checker
    ? checker(modules, queries, {})
    : { ...resolveModules(modules, queries), diagnostics: [] };
  diagnostics.push(...checked.diagnostics);
  if (diagnostics.some((diagnostic) => diagnostic.severity === 'error'))
    return { policy: null, diagnostics };
  const named = (options.queries ?? []).map((query, index) => ({
    name: query.name,
    query: checked.queries[index],
  }));
  const planned = planPolicy(checked.modules, { entrypoints: options.entrypoints, queries: named });
  diagnostics.push(...planned.diagnostics);
  return { policy: planned.policy, diagnostics };
}
