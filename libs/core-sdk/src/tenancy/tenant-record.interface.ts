/** Lifecycle of a provisioned tenant. A deleted tenant is kept as a tombstone row. */
export type TenantStatus = 'active' | 'disabled' | 'deleted';

/**
 * Per-tenant limits, stored for the rate limiter to read through
 * `TenantRegistry.limitsFor()`. Absent fields mean "the service-wide default".
 */
export interface TenantLimits {
  /** Requests allowed per window. */
  requests?: number;
  /** Window length in milliseconds. */
  windowMs?: number;
}

/** A tenant's own Rego module, compiled against the global policy. */
export interface TenantPolicySource {
  path: string;
  source: string;
}

/**
 * One row of the tenant store: the persisted state of a tenant that was provisioned,
 * changed or deleted at runtime. It overrides the toml declaration of the same id.
 */
export interface StoredTenant {
  id: string;
  displayName: string | null;
  status: TenantStatus;
  /** Exposed to policies as `data.tenants[id]`; `accept_cross_tenant` opts into service tokens. */
  attributes: Record<string, unknown>;
  limits: TenantLimits | null;
  policy: TenantPolicySource | null;
  /** Store-wide change counter at the time of this write: every instance converges on it. */
  version: number;
  /** ISO-8601 time of the write. */
  updatedAt: string;
}

/** What a write produces; the store assigns `version` and `updatedAt`. */
export type TenantDraft = Omit<StoredTenant, 'version' | 'updatedAt'>;

/** The effective view of one known tenant: bootstrap (toml) or provisioned. */
export interface TenantView {
  id: string;
  displayName: string | null;
  status: 'active' | 'disabled';
  attributes: Record<string, unknown>;
  limits: TenantLimits | null;
  /** Path of the runtime policy module, when one is set (the source is not echoed). */
  policyPath: string | null;
  /** `toml` for an untouched bootstrap tenant, `store` once anything was persisted for it. */
  origin: 'toml' | 'store';
  /** 0 for an untouched bootstrap tenant. */
  version: number;
}
