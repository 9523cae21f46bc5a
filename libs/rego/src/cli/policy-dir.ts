/**
 * A policy directory: `global.rego` (shared by every tenant) and `tenants/<tenant>.rego`
 * (one per tenant that has its own rules). Module paths are kept relative to the directory
 * so diagnostics read `tenants/acme.rego:3:1: ...`.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isValidTenantName, TENANT_NAME_PATTERN } from './tenant-name';

export interface PolicyModule {
  path: string;
  source: string;
}

export interface PolicyDir {
  dir: string;
  global: PolicyModule | null;
  /** Tenant → its own module, sorted by tenant name. */
  tenants: Map<string, PolicyModule>;
}

export class PolicyDirError extends Error {
  override readonly name = 'PolicyDirError';
}

export function readPolicyDir(dir: string): PolicyDir {
  if (!existsSync(dir) || !statSync(dir).isDirectory())
    throw new PolicyDirError(`policy directory not found: ${dir}`);
  const globalPath = join(dir, 'global.rego');
  const global = existsSync(globalPath)
    ? { path: 'global.rego', source: readFileSync(globalPath, 'utf8') }
    : null;
  const tenants = new Map<string, PolicyModule>();
  const tenantsDir = join(dir, 'tenants');
  if (existsSync(tenantsDir) && statSync(tenantsDir).isDirectory()) {
    const files = readdirSync(tenantsDir)
      // `<tenant>_test.rego` holds Rego unit tests (`coresdk test`), not a tenant policy.
      .filter((name) => name.endsWith('.rego') && !name.endsWith('_test.rego'))
      .sort();
    for (const file of files) {
      const tenant = file.slice(0, -'.rego'.length);
      if (!isValidTenantName(tenant)) {
        throw new PolicyDirError(
          `invalid tenant file tenants/${file}: a tenant name must match ${TENANT_NAME_PATTERN.source}`,
        );
      }
      tenants.set(tenant, {
        path: `tenants/${file}`,
        source: readFileSync(join(tenantsDir, file), 'utf8'),
      });
    }
  }
  if (!global && tenants.size === 0)
    throw new PolicyDirError(
      `no policies in ${dir}: expected global.rego and/or tenants/<tenant>.rego`,
    );
  return { dir, global, tenants };
}

/** The modules a tenant's policy is compiled from: the global module plus its own file, if any. */
export function modulesForTenant(policies: PolicyDir, tenant: string | null): PolicyModule[] {
  const own = tenant === null ? undefined : policies.tenants.get(tenant);
  return [policies.global, own].filter(
    (module): module is PolicyModule => module !== null && module !== undefined,
  );
}

/** Sources by module path, for diagnostics with a source line and caret. */
export function sourcesOf(policies: PolicyDir): Map<string, string> {
  const sources = new Map<string, string>();
  if (policies.global) sources.set(policies.global.path, policies.global.source);
  for (const module of policies.tenants.values()) sources.set(module.path, module.source);
  return sources;
}
