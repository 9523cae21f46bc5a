import type { TenantDeclaration } from '../config/core-sdk-config.interface';

/**
 * The base document of one tenant's instance: the revision's data (a bundle's data.json)
 * with `tenants` narrowed to this tenant's own entry, so no policy can read another
 * tenant's attributes. The entry is the runtime value when one was set, else the bundle's
 * entry overlaid with the `[[tenants]]` declaration (the deployment's word wins).
 */
export function tenantInstanceData(
  tenantId: string,
  revisionData: Record<string, unknown>,
  runtimeEntry: Record<string, unknown> | undefined,
  declared: TenantDeclaration | undefined,
): Record<string, unknown> {
  const { tenants: bundleTenants, ...shared } = revisionData;
  const entry = runtimeEntry ?? declaredEntry(tenantId, bundleTenants, declared);
  return { ...shared, tenants: entry === undefined ? {} : { [tenantId]: entry } };
}

function declaredEntry(
  tenantId: string,
  bundleTenants: unknown,
  declared: TenantDeclaration | undefined,
): Record<string, unknown> | undefined {
  const fromBundle =
    isObject(bundleTenants) && isObject(bundleTenants[tenantId])
      ? bundleTenants[tenantId]
      : undefined;
  if (!declared) return fromBundle;
  return {
    ...fromBundle,
    ...declared.attributes,
    id: declared.id,
    display_name: declared.displayName,
  };
}

/** Policies read JSON: a value JSON cannot hold (a function, a cycle) is the caller's bug. */
export function jsonCopy(attributes: Record<string, unknown>): Record<string, unknown> {
  try {
    return JSON.parse(JSON.stringify(attributes)) as Record<string, unknown>;
  } catch (error) {
    throw new TypeError(
      `setTenantData: attributes must be JSON data (${(error as Error).message})`,
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
