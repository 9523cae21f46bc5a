/** The toml sections that hold plain settings (`[[tenants]]` is read on its own). */
export const SECTION_NAMES = ['sdk', 'auth', 'policies', 'rate_limit', 'audit', 'tenancy'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

/** The shape a setting's value must have before its own rule checks the content. */
export type ValueKind =
  'text' | 'text-list' | 'text-or-list' | 'duration' | 'integer' | 'pattern' | 'boolean';

/** One configurable setting, named the way each level spells it. */
export interface SettingSpec {
  /** Internal id, `auth.clock_tolerance`. */
  id: string;
  section: SectionName;
  /** The toml key inside its section. */
  key: string;
  /** The camelCase field inside the same section of the forRoot options. */
  option: string;
  env: string | null;
  kind: ValueKind;
  /** Never echoed in error messages. */
  secret: boolean;
  /** One of the four ways to verify a token's signature; exactly one may win. */
  keySource: boolean;
}

function setting(
  section: SectionName,
  key: string,
  option: string,
  kind: ValueKind,
  extra: { env?: string; secret?: boolean; keySource?: boolean } = {},
): SettingSpec {
  return {
    id: `${section}.${key}`,
    section,
    key,
    option,
    kind,
    env: extra.env ?? null,
    secret: extra.secret ?? false,
    keySource: extra.keySource ?? false,
  };
}

/** Every setting, in the order the docs list them. */
export const SETTINGS: readonly SettingSpec[] = [
  setting('sdk', 'sidecar_addr', 'sidecarAddr', 'text', { env: 'CORESDK_SIDECAR_ADDR' }),
  setting('sdk', 'tenant_id', 'tenantId', 'text', { env: 'CORESDK_TENANT_ID' }),
  setting('sdk', 'service_name', 'serviceName', 'text', { env: 'CORESDK_SERVICE_NAME' }),
  setting('sdk', 'fail_mode', 'failMode', 'text', { env: 'CORESDK_FAIL_MODE' }),
  setting('auth', 'issuer', 'issuer', 'text', { env: 'CORESDK_ISSUER' }),
  setting('auth', 'audience', 'audience', 'text-or-list', { env: 'CORESDK_AUDIENCE' }),
  setting('auth', 'jwks_uri', 'jwksUri', 'text', { env: 'CORESDK_JWKS_URI', keySource: true }),
  setting('auth', 'jwks_file', 'jwksFile', 'text', { env: 'CORESDK_JWKS_FILE', keySource: true }),
  setting('auth', 'public_key_file', 'publicKeyFile', 'text', {
    env: 'CORESDK_PUBLIC_KEY_FILE',
    keySource: true,
  }),
  setting('auth', 'hmac_secret', 'hmacSecret', 'text', {
    env: 'CORESDK_HMAC_SECRET',
    keySource: true,
    secret: true,
  }),
  setting('auth', 'algorithms', 'algorithms', 'text-list', { env: 'CORESDK_ALGORITHMS' }),
  setting('auth', 'tenant_claim', 'tenantClaim', 'text', { env: 'CORESDK_TENANT_CLAIM' }),
  setting('auth', 'tenant_id_pattern', 'tenantIdPattern', 'pattern'),
  setting('auth', 'clock_tolerance', 'clockTolerance', 'duration'),
  setting('auth', 'typ', 'typ', 'text'),
  setting('auth', 'jwks_cooldown', 'jwksCooldown', 'duration'),
  setting('auth', 'jwks_cache_max_age', 'jwksCacheMaxAge', 'duration'),
  setting('auth', 'jwks_timeout', 'jwksTimeout', 'duration'),
  setting('policies', 'dir', 'dir', 'text', { env: 'CORESDK_POLICY_DIR' }),
  setting('policies', 'rego_version', 'regoVersion', 'text', { env: 'CORESDK_REGO_VERSION' }),
  setting('policies', 'entrypoint', 'entrypoint', 'text'),
  setting('policies', 'source', 'source', 'text', { env: 'CORESDK_POLICY_SOURCE' }),
  setting('policies', 'bundle_file', 'bundleFile', 'text', { env: 'CORESDK_POLICY_BUNDLE_FILE' }),
  setting('policies', 'bundle_url', 'bundleUrl', 'text', { env: 'CORESDK_POLICY_BUNDLE_URL' }),
  setting('policies', 'poll_interval', 'pollInterval', 'duration', {
    env: 'CORESDK_POLICY_POLL_INTERVAL',
  }),
  setting('policies', 'verification_key_file', 'verificationKeyFile', 'text', {
    env: 'CORESDK_POLICY_VERIFICATION_KEY_FILE',
  }),
  setting('policies', 'watch', 'watch', 'boolean', { env: 'CORESDK_POLICY_WATCH' }),
  setting('policies', 'max_loaded_tenants', 'maxLoadedTenants', 'integer', {
    env: 'CORESDK_POLICY_MAX_LOADED_TENANTS',
  }),
  setting('policies', 'decision_cache', 'decisionCache', 'integer', {
    env: 'CORESDK_POLICY_DECISION_CACHE',
  }),
  setting('rate_limit', 'limit', 'limit', 'integer', { env: 'CORESDK_RATE_LIMIT' }),
  setting('rate_limit', 'ttl', 'ttl', 'duration', { env: 'CORESDK_RATE_LIMIT_TTL' }),
  setting('rate_limit', 'storage', 'storage', 'text', { env: 'CORESDK_REDIS_URL' }),
  setting('rate_limit', 'algorithm', 'algorithm', 'text'),
  setting('rate_limit', 'per_tenant_limit', 'perTenantLimit', 'integer'),
  setting('rate_limit', 'per_tenant_ttl', 'perTenantTtl', 'duration'),
  setting('rate_limit', 'service_headers', 'serviceHeaders', 'boolean', {
    env: 'CORESDK_RATE_LIMIT_SERVICE_HEADERS',
  }),
  setting('audit', 'sinks', 'sinks', 'text-list'),
  setting('audit', 'file_dir', 'fileDir', 'text'),
  setting('audit', 'http_url', 'httpUrl', 'text'),
  setting('audit', 'batch_size', 'batchSize', 'integer'),
  setting('audit', 'flush_interval', 'flushInterval', 'duration'),
  setting('audit', 'max_queue', 'maxQueue', 'integer'),
  setting('audit', 'retry_backoff', 'retryBackoff', 'duration'),
  setting('audit', 'max_retry_backoff', 'maxRetryBackoff', 'duration'),
  setting('audit', 'http_timeout', 'httpTimeout', 'duration'),
  setting('audit', 'shutdown_timeout', 'shutdownTimeout', 'duration'),
  setting('tenancy', 'enabled', 'enabled', 'boolean', { env: 'CORESDK_TENANCY' }),
  setting('tenancy', 'store', 'store', 'text', { env: 'CORESDK_TENANCY_STORE', secret: true }),
  setting('tenancy', 'propagation', 'propagation', 'text', {
    env: 'CORESDK_TENANCY_PROPAGATION',
    secret: true,
  }),
  setting('tenancy', 'sync_interval', 'syncInterval', 'duration'),
  setting('tenancy', 'admin_api', 'adminApi', 'boolean'),
  setting('tenancy', 'admin_claim', 'adminClaim', 'text'),
  setting('tenancy', 'admin_scope', 'adminScope', 'text'),
  setting('tenancy', 'cross_tenant_claim', 'crossTenantClaim', 'text'),
];

/** The environment variable naming the toml file; it is not a setting of its own. */
export const CONFIG_FILE_ENV = 'CORESDK_CONFIG';

/** Every `CORESDK_*` variable the resolver reads. */
export const ENV_VARIABLES: readonly string[] = [
  CONFIG_FILE_ENV,
  ...SETTINGS.flatMap((spec) => (spec.env ? [spec.env] : [])),
];

export function settingsOf(section: SectionName): SettingSpec[] {
  return SETTINGS.filter((spec) => spec.section === section);
}

export function settingById(id: string): SettingSpec {
  const spec = SETTINGS.find((candidate) => candidate.id === id);
  if (!spec) throw new Error(`unknown CoreSDK setting ${id}`);
  return spec;
}

/** `[auth].clock_tolerance`: how every message names a setting. */
export function tomlKeyLabel(spec: SettingSpec): string {
  return `[${spec.section}].${spec.key}`;
}

/** `auth.clockTolerance`, the path inside the forRoot options. */
export function optionPath(spec: SettingSpec): string {
  return `${optionSection(spec.section)}.${spec.option}`;
}

export function optionSection(section: SectionName): string {
  return section === 'rate_limit' ? 'rateLimit' : section;
}
