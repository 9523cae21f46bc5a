/**
 * Compiles what `build` writes and `check` verifies: the global module alone (for tenants
 * without a file of their own) and global + own file for each tenant that has one.
 */
import type { CompileResult } from '../../compile';
import type { BuiltinOptions } from '../capabilities-file';
import { loadToolchain } from '../load-toolchain';
import { modulesForTenant, type PolicyDir } from '../policy-dir';

export interface CompiledTarget {
  /** `null` for the global-only module. */
  tenant: string | null;
  result: CompileResult;
}

export async function compileTenants(
  policies: PolicyDir,
  options: { entrypoint: string; regoVersion: 'v0' | 'v1' } & BuiltinOptions,
): Promise<CompiledTarget[]> {
  const { compileModules } = loadToolchain();
  const targets: Array<string | null> = [
    ...(policies.global ? [null] : []),
    ...policies.tenants.keys(),
  ];
  return targets.map((tenant) => ({
    tenant,
    result: compileModules(modulesForTenant(policies, tenant), {
      entrypoints: [options.entrypoint],
      regoVersion: options.regoVersion,
      capabilities: options.capabilities,
      strictBuiltinErrors: options.strictBuiltinErrors,
    }),
  }));
}

/** Diagnostics of all targets, formatted once each. */
export async function formattedDiagnostics(
  targets: readonly CompiledTarget[],
  sources: ReadonlyMap<string, string>,
): Promise<string[]> {
  const { formatDiagnostics } = loadToolchain();
  return formatDiagnostics(
    targets.flatMap((target) => target.result.diagnostics),
    sources,
  );
}
