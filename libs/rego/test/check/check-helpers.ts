import type { Module, Query } from '../../src/ast/nodes';
import type { Capabilities } from '../../src/builtins/capabilities';
import { checkModules } from '../../src/check';
import { parseModule, parseQuery } from '../../src/syntax';

export interface CheckOutcome {
  modules: Module[];
  queries: Query[];
  /** `file:line:col: code: message` for each diagnostic. */
  errors: string[];
}

/** Parses v1 sources (`mod0.rego`, `mod1.rego`, …) and an optional query, then runs the checks. */
export function check(
  sources: string[],
  query?: string,
  capabilities?: Capabilities,
  regoVersion: 'v0' | 'v1' = 'v1',
): CheckOutcome {
  const modules = sources.map((source, index) => {
    const parsed = parseModule(source, `mod${index}.rego`, { regoVersion });
    if (!parsed.module)
      throw new Error(`test source does not parse: ${JSON.stringify(parsed.diagnostics)}`);
    return parsed.module;
  });
  const queries: Query[] = [];
  if (query !== undefined) {
    const parsed = parseQuery(query, 'query.rego', { regoVersion });
    if (!parsed.query)
      throw new Error(`test query does not parse: ${JSON.stringify(parsed.diagnostics)}`);
    queries.push(parsed.query);
  }
  const result = checkModules(modules, queries, capabilities ? { capabilities } : {});
  return {
    modules: result.modules,
    queries: result.queries,
    errors: result.diagnostics.map(
      (d) => `${d.location.file}:${d.location.line}:${d.location.col}: ${d.code}: ${d.message}`,
    ),
  };
}
