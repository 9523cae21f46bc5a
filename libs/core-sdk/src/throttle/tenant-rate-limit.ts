import type { RateLimitSection, TenantRateLimit } from '../config/core-sdk-config.interface';

/** Throttler name of the per-tenant limit: headers are `X-RateLimit-*-tenant`. */
export const TENANT_THROTTLER_NAME = 'tenant';

/** The tenant's own budget: its `[[tenants]]` `rate_limit`, else the per-tenant default. */
export function tenantBudget(config: RateLimitSection, tenantId: string): TenantRateLimit | null {
  return Object.prototype.hasOwnProperty.call(config.tenants, tenantId)
    ? config.tenants[tenantId]
    : config.perTenant;
}

/**
 * Storage key of one tenant's counter. Tenant ids were validated against the tenant id
 * pattern before they get here; the prefix keeps them apart from the service-wide key.
 */
export function tenantKey(tenantId: string): string {
  return `${TENANT_THROTTLER_NAME}:${tenantId}`;
}
