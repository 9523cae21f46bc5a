import type { RateLimitSection, TenantRateLimit } from '../config/core-sdk-config.interface';

/** Throttler name of the per-tenant limit: headers are `X-RateLimit-*-tenant`. */
export const TENANT_THROTTLER_NAME = 'tenant';

/** Limits set at runtime through the tenant provisioning API (`TenantRegistry.setLimits`). */
export interface RuntimeTenantLimits {
  requests?: number;
  windowMs?: number;
}

/**
 * The tenant's own budget: limits set at runtime (provisioning API) win, field by field, over
 * its `[[tenants]]` `rate_limit`, which wins over the per-tenant default.
 */
export function tenantBudget(
  config: RateLimitSection,
  tenantId: string,
  runtime: RuntimeTenantLimits | null = null,
): TenantRateLimit | null {
  const configured = Object.prototype.hasOwnProperty.call(config.tenants, tenantId)
    ? config.tenants[tenantId]
    : config.perTenant;
  if (!runtime || (runtime.requests === undefined && runtime.windowMs === undefined)) {
    return configured;
  }
  return {
    limit: runtime.requests ?? configured?.limit ?? config.limit,
    ttlMs: runtime.windowMs ?? configured?.ttlMs ?? config.ttlMs,
  };
}

/**
 * Storage key of one tenant's counter. Tenant ids were validated against the tenant id
 * pattern before they get here; the prefix keeps them apart from the service-wide key.
 */
export function tenantKey(tenantId: string): string {
  return `${TENANT_THROTTLER_NAME}:${tenantId}`;
}
