/**
 * Tenant names come from file names (`tenants/<tenant>.rego`) and end up in output paths
 * and manifest keys, so they are validated before any use: lower-case letters, digits and
 * dashes, starting with a letter or digit, at most 63 characters (no `..`, `/`, spaces).
 */
export const TENANT_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export function isValidTenantName(name: string): boolean {
  return TENANT_NAME_PATTERN.test(name);
}
