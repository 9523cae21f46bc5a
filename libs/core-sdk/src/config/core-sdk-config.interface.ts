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
}

export interface RateLimitSection {
  limit: number;
  ttlMs: number;
  /** `memory` or a `redis://` URL. */
  storage: string;
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
  /** Declared tenants, in declaration order. Empty means "no tenant list": any valid id. */
  tenants: TenantDeclaration[];
}
