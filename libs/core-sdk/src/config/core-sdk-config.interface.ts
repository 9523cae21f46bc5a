/**
 * The resolved CoreSDK configuration: what `coresdk.toml`, the `CORESDK_*` environment
 * variables and `CoreSdkModule.forRoot(options)` produce after merging (explicit options
 * over env over toml over defaults) and validation. Every consumer in the module reads
 * this shape and nothing else. Durations are in milliseconds.
 */
export type FailMode = 'open' | 'closed';

export type JwtAlgorithm =
  | 'RS256'
  | 'RS384'
  | 'RS512'
  | 'PS256'
  | 'PS384'
  | 'PS512'
  | 'ES256'
  | 'ES384'
  | 'ES512'
  | 'EdDSA'
  | 'HS256'
  | 'HS384'
  | 'HS512';

export interface SdkSection {
  /** Accepted for compatibility with other CoreSDK runtimes; evaluation here is in-process. */
  sidecarAddr: string;
  /** This service's own tenant. Never a fallback for a request's tenant. */
  tenantId: string | null;
  serviceName: string;
  failMode: FailMode;
}

export interface AuthSection {
  issuer: string | null;
  audience: string | string[] | null;
  /** Exactly one key source is set (validated at startup). */
  jwksUri: string | null;
  jwksFile: string | null;
  publicKeyFile: string | null;
  /** Shared secret for HS* algorithms; only when configured explicitly. */
  hmacSecret: string | null;
  algorithms: JwtAlgorithm[];
  tenantClaim: string;
  /** Pattern a tenant id must match; default `^[a-z0-9][a-z0-9-]{0,62}$`. */
  tenantIdPattern: RegExp;
  clockToleranceMs: number;
  /** Enforced when set. */
  typ: string | null;
  /** Minimum time between two JWKS refetches triggered by an unknown `kid`. */
  jwksCooldownMs: number;
  /** How long fetched JWKS keys are cached before a background refresh. */
  jwksCacheMaxAgeMs: number;
  /** Timeout of one JWKS HTTP request. */
  jwksTimeoutMs: number;
}

export interface PoliciesSection {
  dir: string;
  regoVersion: 'v0' | 'v1';
  /** Slash-separated path of the decision rule, e.g. `coresdk/authz/allow`. */
  entrypoint: string;
  /** `dir`: compile `dir` at startup; `bundle`: load `bundleFile` or poll `bundleUrl`. */
  source: 'dir' | 'bundle';
  bundleFile: string | null;
  bundleUrl: string | null;
  /** How often `bundleUrl` is polled (with If-None-Match). */
  pollIntervalMs: number;
  /** PEM public key bundles must be signed with; null reads bundles unverified. */
  verificationKeyFile: string | null;
  /** Reload when `dir` or `bundleFile` changes. */
  watch: boolean;
  /** Most tenant Wasm instances kept loaded at once; the least recently used is dropped. */
  maxLoadedTenants: number;
  /**
   * Decisions a pure tenant module remembers per token (same action, method, path and
   * resource answered without evaluating); 0 turns the cache off.
   */
  decisionCache: number;
}

export type RateLimitAlgorithm = 'fixed' | 'sliding';

/** One tenant's own budget: `limit` requests per `ttlMs`. */
export interface TenantRateLimit {
  limit: number;
  ttlMs: number;
}

export interface RateLimitSection {
  limit: number;
  ttlMs: number;
  /** `memory` or a `redis://` URL. */
  storage: string;
  algorithm: RateLimitAlgorithm;
  /** Budget of every tenant without its own `rate_limit`; null: only the service-wide limit. */
  perTenant: TenantRateLimit | null;
  /** Budgets declared in `[[tenants]]` (`rate_limit = { limit, ttl }`), by tenant id. */
  tenants: Record<string, TenantRateLimit>;
  /**
   * Send `X-RateLimit-Limit/Remaining/Reset` of the service-wide counter. That counter is
   * shared by every tenant, so its `Remaining` tells any caller how busy the others are:
   * off by default. `Retry-After` on a 429 and the per-tenant headers are always sent.
   */
  serviceHeaders: boolean;
}

export type AuditSinkName = 'otel' | 'file' | 'http';

export interface AuditSection {
  sinks: AuditSinkName[];
  /** Folder of the `file` sink: one `<tenant>.jsonl` per tenant. */
  fileDir: string;
  /** Collector URL of the `http` sink; `{tenant}` is replaced by the stream's tenant. */
  httpUrl: string | null;
  /** Per-tenant collector URLs from `[[tenants]]` (`audit = { http_url = ... }`). */
  tenantHttpUrls: Record<string, string>;
  batchSize: number;
  flushIntervalMs: number;
  /** Records held per tenant stream while a sink is slow or down; beyond it they are dropped. */
  maxQueue: number;
  retryBackoffMs: number;
  maxRetryBackoffMs: number;
  httpTimeoutMs: number;
  shutdownTimeoutMs: number;
}

/** Runtime tenant provisioning and cross-tenant service tokens (`[tenancy]`). */
export interface TenancySection {
  /** Provisioning on: the tenant list is the toml bootstrap set plus the persisted store. */
  enabled: boolean;
  /** `sqlite:<absolute path>` or a `postgres://` URL. */
  store: string;
  /** `none`, `postgres` (LISTEN/NOTIFY on the store) or a `redis://` URL. */
  propagation: string;
  /** How often every instance re-reads the store even without a notification. */
  syncIntervalMs: number;
  /** Serves the admin controller under `/coresdk/admin/tenants`. */
  adminApi: boolean;
  /** A claim that must be exactly `true` for admin calls. */
  adminClaim: string;
  /** Or a scope that must appear in `scope` (space-separated) or `scp` (array). */
  adminScope: string;
  /** Claim listing the tenants a service token may act on. */
  crossTenantClaim: string;
}

export interface TenantDeclaration {
  id: string;
  displayName: string | null;
  /** Any further attributes from the toml entry, exposed to policies as `data.tenants[id]`. */
  attributes: Record<string, unknown>;
}

export interface CoreSdkConfig {
  /** Absolute path of the toml file that was read, or null when none was. */
  configFile: string | null;
  sdk: SdkSection;
  auth: AuthSection;
  policies: PoliciesSection;
  rateLimit: RateLimitSection;
  audit: AuditSection;
  tenancy: TenancySection;
  /** Declared tenants, in declaration order. Empty means "no tenant list": any valid id. */
  tenants: TenantDeclaration[];
}
