import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { Policy } from '../../ir/ir';
import type { Location } from '../../syntax/location';
import type { RuntimeModule } from '../runtime-module';
import { forEachStatement } from './ir-walk';

/** The host calls `opa_builtin0` .. `opa_builtin4`; more arguments cannot be passed. */
export const MAX_HOST_ARITY = 4;

export type ResolvedBuiltin =
  | { kind: 'module'; name: string; arity: number; exportName: string }
  | { kind: 'host'; name: string; arity: number; id: number };

export interface BuiltinResolution {
  builtins: Map<string, ResolvedBuiltin>;
  /** Host built-ins in id order: the names `builtins()` reports. */
  host: Array<Extract<ResolvedBuiltin, { kind: 'host' }>>;
}

/** Name of the runtime export implementing built-in `name` inside the module. */
export function inModuleExportName(name: string): string {
  return `rt_builtin_${name.replace(/\./g, '_')}`;
}

/**
 * Decides where each built-in the policy calls runs: inside the module when the runtime
 * exports an implementation, otherwise on the host with an id for `opa_builtinN`. Only
 * built-ins that are actually called are resolved, so `builtins()` lists no more than the
 * loader must supply.
 */
export function resolveBuiltins(
  policy: Policy,
  runtime: RuntimeModule,
  diagnostics: Diagnostic[],
): BuiltinResolution {
  const functionNames = new Set(policy.funcs.map((func) => func.name));
  const declaredArity = new Map(
    policy.static.builtins.map((builtin) => [builtin.name, builtin.arity]),
  );
  const builtins = new Map<string, ResolvedBuiltin>();
  const host: BuiltinResolution['host'] = [];
  const report = (message: string, location: Location) =>
    diagnostics.push({ code: 'rego_compile_error', message, location, severity: 'error' });

  const bodies = [
    ...policy.plans.map((plan) => plan.blocks),
    ...policy.funcs.map((func) => func.blocks),
  ];
  for (const blocks of bodies) {
    forEachStatement(blocks, (stmt) => {
      if (stmt.type !== 'CallStmt' || functionNames.has(stmt.func)) return;
      const arity = stmt.args.length;
      const known = builtins.get(stmt.func);
      if (known) {
        if (known.arity !== arity)
          report(
            `${stmt.func} called with ${arity} arguments, elsewhere with ${known.arity}`,
            stmt.location,
          );
        return;
      }
      const declared = declaredArity.get(stmt.func);
      if (declared !== undefined && declared !== arity) {
        report(
          `${stmt.func} takes ${declared} arguments but is called with ${arity}`,
          stmt.location,
        );
      }
      const exportName = inModuleExportName(stmt.func);
      if (runtime.hasFunction(exportName)) {
        const runtimeArity = runtime.parameterCount(exportName);
        if (runtimeArity !== arity) {
          report(
            `${stmt.func} takes ${runtimeArity} arguments in the runtime but is called with ${arity}`,
            stmt.location,
          );
        }
        builtins.set(stmt.func, { kind: 'module', name: stmt.func, arity, exportName });
        return;
      }
      if (arity > MAX_HOST_ARITY) {
        report(
          `built-in ${stmt.func} has ${arity} arguments; host built-ins can take at most ${MAX_HOST_ARITY}`,
          stmt.location,
        );
      }
      const resolved = { kind: 'host' as const, name: stmt.func, arity, id: host.length };
      host.push(resolved);
      builtins.set(stmt.func, resolved);
    });
  }
  return { builtins, host };
}
