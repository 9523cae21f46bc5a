import type { PolicyChangeResult, PolicyStore } from './policy-store';

/**
 * What the guard reads: the live policy store. The store swaps policy snapshots inside
 * itself, so `current` is set once at module init; a request reads it once and finishes on
 * the tenant module it took.
 */
export interface PolicyStoreHandle {
  current: PolicyStore | null;
}

/** Runtime tenant provisioning on the live store (what POLICY_STORE resolves to). */
export interface LivePolicyStore extends PolicyStoreHandle {
  /** Compiles global + `source` as this tenant's module and swaps it in; null = global module. */
  applyTenantPolicy(
    tenantId: string,
    source: { path: string; source: string } | null,
  ): PolicyChangeResult;
  /** Drops the tenant's runtime override: back to the revision's own module. */
  clearTenantPolicy(tenantId: string): void;
  /** Replaces `data.tenants[tenantId]` in this tenant's instance; null drops the runtime value. */
  setTenantData(tenantId: string, attributes: Record<string, unknown> | null): void;
}

export const POLICY_STORE = Symbol('PolicyStore');
