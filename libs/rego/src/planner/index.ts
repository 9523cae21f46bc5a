/**
 * The planner: checked Rego modules (and queries) → IR `Policy`.
 *
 * Each rule path becomes a `Func` (input, data → value), each user function a `Func`
 * with its arguments after input and data, each entrypoint and query a `Plan`.
 */
import type { Module, Query } from '../ast/nodes';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Policy } from '../ir/ir';
import { Planner } from './planner';
import { planEntrypoint, planQuery } from './queries';
import { RuleTree } from './rule-tree';
import { NO_OVERRIDES } from './overrides';

export interface PlanOptions {
  /** Slash paths below `data` (`coresdk/authz/allow`, or `test` for a whole package). */
  entrypoints: string[];
  /** Named queries; each solution adds one object of its variable bindings. */
  queries?: Array<{ name: string; query: Query }>;
}

/** Plans checked modules into an IR policy (see `checkModules` for what "checked" guarantees). */
export function planPolicy(
  modules: Module[],
  options: PlanOptions,
): { policy: Policy; diagnostics: Diagnostic[] } {
  const planner = new Planner(new RuleTree(modules));
  for (const module of modules) planner.policy.file(module.file);
  // Every rule and function gets its function even when no entrypoint reaches it, so that
  // the backend and the golden files see the whole policy.
  for (const node of planner.tree.nodes()) {
    if (node.rules.length > 0) planner.ruleFunc(node, NO_OVERRIDES);
    if (node.functions.length > 0) planner.functionFunc(node, NO_OVERRIDES);
  }
  for (const entrypoint of options.entrypoints)
    planner.policy.addPlan(planEntrypoint(planner, entrypoint));
  for (const { name, query } of options.queries ?? []) {
    planner.policy.file(query.file);
    planner.policy.addPlan(planQuery(planner, name, query));
  }
  return { policy: planner.policy.build(), diagnostics: planner.diagnostics };
}

export { Planner } from './planner';
export { RuleTree } from './rule-tree';
