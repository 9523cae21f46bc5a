/**
 * The checks between parsing and planning, as an ordered list of stages. Each stage reads
 * and rewrites the shared context; the pipeline stops after a stage that reported errors,
 * because later stages rely on what earlier ones establish (absolute names before
 * renaming, renaming before safety, …).
 */
import type { Module, Query } from '../ast/nodes';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { allowedBuiltins } from '../builtins/capabilities';
import { BUILTIN_CATALOGUE } from '../builtins/catalogue';
import type { CheckContext, CheckOptions, CheckStage } from './check-context';
import { buildRuleTable } from './rule-table';
import { checkCallsStage } from './stage-calls';
import { conflictsStage } from './stage-conflicts';
import { recursionStage } from './stage-recursion';
import { renameLocalsStage } from './stage-rename-locals';
import { resolveNamesStage } from './stage-resolve-names';
import { safetyStage } from './stage-safety';
import { unifyShapesStage } from './stage-unify-shapes';
import { unusedSomeStage } from './stage-unused-some';
import { withTargetsStage } from './stage-with-targets';

export type { CheckOptions } from './check-context';

/** The stages in the order they run. */
export const CHECK_STAGES: readonly CheckStage[] = [
  conflictsStage,
  resolveNamesStage,
  renameLocalsStage,
  unusedSomeStage,
  checkCallsStage,
  withTargetsStage,
  unifyShapesStage,
  safetyStage,
  recursionStage,
];

/**
 * Resolves names, renames locals, orders bodies for safety and reports compile-time errors.
 * The inputs are not modified; the returned modules and queries are rewritten copies.
 */
export function checkModules(
  modules: Module[],
  queries: Query[],
  options: CheckOptions = {},
): { modules: Module[]; queries: Query[]; diagnostics: Diagnostic[] } {
  const copies = structuredClone(modules);
  const catalogue = options.capabilities
    ? allowedBuiltins(options.capabilities)
    : BUILTIN_CATALOGUE;
  const context: CheckContext = {
    modules: copies,
    queries: structuredClone(queries),
    rules: buildRuleTable(copies),
    catalogue,
    allowedBuiltins: options.capabilities ? new Set(catalogue.keys()) : null,
    diagnostics: [],
  };
  for (const stage of CHECK_STAGES) {
    try {
      stage.run(context);
    } catch (error) {
      // A checker bug must surface as a diagnostic, never as an exception out of compile().
      const message = error instanceof Error ? error.message : String(error);
      const location = copies[0]?.package.location ?? {
        file: queries[0]?.file ?? '',
        line: 1,
        col: 1,
        offset: 0,
      };
      context.diagnostics.push({
        code: 'rego_compile_error',
        message: `internal error in check stage ${stage.name}: ${message}`,
        location,
        severity: 'error',
      });
    }
    if (context.diagnostics.length > 0) break;
  }
  return { modules: context.modules, queries: context.queries, diagnostics: context.diagnostics };
}
