import type { FailMode, JwtAlgorithm } from './core-sdk-config.interface';

/** A duration as milliseconds, or as text such as `"250ms"`, `"5s"`, `"1m"`, `"1h30m"`. */
export type DurationInput = number | string;

/**
 * What `CoreSdkModule.forRoot(options)` (or the factory of `forRootAsync`) accepts. It
 * mirrors `coresdk.toml` in camelCase; every field is optional. Explicit options win over
 * `CORESDK_*` environment variables, which win over the toml file, which wins over the
 * defaults.
 */
export interface CoreSdkModuleOptions {
  /**
   * Path of the toml file. Default: `CORESDK_CONFIG`, else `./coresdk.toml` when it
   * exists. `false` reads no file at all.
   */
  configFile?: string | false;
  /** Environment to read `CORESDK_*` from; default `process.env`. */
  env?: Record<string, string | undefined>;

  sdk?: {
    sidecarAddr?: string;
    tenantId?: string;
    serviceName?: string;
    failMode?: FailMode;
  };
  auth?: {
    issuer?: string;
    audience?: string | string[];
    jwksUri?: string;
    jwksFile?: string;
    publicKeyFile?: string;
    hmacSecret?: string;
    algorithms?: JwtAlgorithm[];
    tenantClaim?: string;
    tenantIdPattern?: string | RegExp;
    clockTolerance?: DurationInput;
    typ?: string;
    jwksCooldown?: DurationInput;
    jwksCacheMaxAge?: DurationInput;
    jwksTimeout?: DurationInput;
  };
  policies?: {
    dir?: string;
    regoVersion?: 'v0' | 'v1';
    entrypoint?: string;
    source?: 'dir' | 'bundle';
    bundleFile?: string;
    bundleUrl?: string;
    pollInterval?: DurationInput;
    verificationKeyFile?: string;
    watch?: boolean;
    maxLoadedTenants?: number;
    decisionCache?: number;
  };
  rateLimit?: {
    limit?: number;
    ttl?: DurationInput;
    storage?: string;
    algorithm?: 'fixed' | 'sliding';
    perTenantLimit?: number;
    perTenantTtl?: DurationInput;
    serviceHeaders?: boolean;
  };
  audit?: {
    sinks?: Array<'otel' | 'file' | 'http'>;
    fileDir?: string;
    httpUrl?: string;
    batchSize?: number;
    flushInterval?: DurationInput;
    maxQueue?: number;
    retryBackoff?: DurationInput;
    maxRetryBackoff?: DurationInput;
    httpTimeout?: DurationInput;
    shutdownTimeout?: DurationInput;
  };
  tenancy?: {
    enabled?: boolean;
    store?: string;
    propagation?: string;
    syncInterval?: DurationInput;
    adminApi?: boolean;
    adminClaim?: string;
    adminScope?: string;
    crossTenantClaim?: string;
  };
  /** Replaces the toml's `[[tenants]]` list when given. */
  tenants?: Array<{ id: string; displayName?: string; [attribute: string]: unknown }>;
}
