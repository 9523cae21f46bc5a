import type { Setting } from './config-layer';
import type { AuditSinkName, CoreSdkConfig, JwtAlgorithm } from './core-sdk-config.interface';
import { SETTINGS, settingById, tomlKeyLabel } from './config-schema';
import {
  DEFAULT_ALGORITHMS,
  DEFAULT_HMAC_ALGORITHMS,
  DEFAULT_TENANT_ID_PATTERN,
  defaultValues,
} from './config-defaults';
import { type MergedSettings, noKeySource } from './merge-layers';
import { describeOrigin, showValue } from './setting-origin';
import { checkPolicySource } from './policy-setting-rules';
import { readTenantOverrides } from './tenant-overrides';

/** Minimum HMAC secret length per algorithm: the hash size (RFC 7518, section 3.2). */
const HMAC_MIN_BYTES: Partial<Record<JwtAlgorithm, number>> = { HS256: 32, HS384: 48, HS512: 64 };

/**
 * Fills defaults into the merged settings, checks what only the combination can tell
 * (key source against algorithms, tenant ids against the pattern) and produces the
 * resolved configuration. Returns null when a problem was recorded.
 */
export function buildConfig(
  merged: MergedSettings,
  configFile: { path: string; display: string } | null,
  cwd: string,
  problems: string[],
): CoreSdkConfig | null {
  const defaults = defaultValues(cwd);
  const value = <T>(id: string): T =>
    (merged.settings.has(id) ? merged.settings.get(id)!.value : defaults[id]) as T;
  const setting = (id: string): Setting | undefined => merged.settings.get(id);

  const keySourceIds = SETTINGS.filter((spec) => spec.keySource).map((spec) => spec.id);
  const keySource = keySourceIds.map(setting).find((candidate) => candidate !== undefined);
  const keySourceRejected = keySourceIds.some((id) => merged.rejected.has(id));
  if (!keySource && !keySourceRejected) {
    problems.push(noKeySource(configFile?.display ?? null));
  }
  const hmacSecret = setting('auth.hmac_secret');
  const algorithms = value<JwtAlgorithm[] | undefined>('auth.algorithms') ?? [
    ...(hmacSecret ? DEFAULT_HMAC_ALGORITHMS : DEFAULT_ALGORITHMS),
  ];
  if (!merged.rejected.has('auth.algorithms') && !keySourceRejected) {
    checkAlgorithms(algorithms, setting('auth.algorithms'), hmacSecret, keySource, problems);
  }
  const pattern = value<RegExp>('auth.tenant_id_pattern');
  if (!merged.rejected.has('auth.tenant_id_pattern')) {
    checkTenantIds(pattern, setting('sdk.tenant_id'), merged, problems);
  }

  const overrides = readTenantOverrides(
    merged.tenants ?? null,
    value<number>('rate_limit.ttl'),
    problems,
  );
  checkRateLimitAndAudit(merged, value, problems);

  // A rejected value was already reported; checking the combination would only add noise.
  const policySourceRejected = [
    'policies.source',
    'policies.bundle_file',
    'policies.bundle_url',
  ].some((id) => merged.rejected.has(id));
  const policySource = policySourceRejected
    ? 'dir'
    : checkPolicySource(
        value('policies.source'),
        value('policies.bundle_file'),
        value('policies.bundle_url'),
        problems,
      );

  if (problems.length > 0) return null;
  const perTenantLimit = value<number | null>('rate_limit.per_tenant_limit');
  return {
    configFile: configFile?.path ?? null,
    sdk: {
      sidecarAddr: value('sdk.sidecar_addr'),
      tenantId: value('sdk.tenant_id'),
      serviceName: value('sdk.service_name'),
      failMode: value('sdk.fail_mode'),
    },
    auth: {
      issuer: value('auth.issuer'),
      audience: value('auth.audience'),
      jwksUri: value('auth.jwks_uri'),
      jwksFile: value('auth.jwks_file'),
      publicKeyFile: value('auth.public_key_file'),
      hmacSecret: value('auth.hmac_secret'),
      algorithms,
      tenantClaim: value('auth.tenant_claim'),
      tenantIdPattern: pattern,
      clockToleranceMs: value('auth.clock_tolerance'),
      typ: value('auth.typ'),
      jwksCooldownMs: value('auth.jwks_cooldown'),
      jwksCacheMaxAgeMs: value('auth.jwks_cache_max_age'),
      jwksTimeoutMs: value('auth.jwks_timeout'),
    },
    policies: {
      dir: value('policies.dir'),
      regoVersion: value('policies.rego_version'),
      entrypoint: value('policies.entrypoint'),
      source: policySource,
      bundleFile: value('policies.bundle_file'),
      bundleUrl: value('policies.bundle_url'),
      pollIntervalMs: value('policies.poll_interval'),
      verificationKeyFile: value('policies.verification_key_file'),
      watch: value('policies.watch'),
      maxLoadedTenants: value('policies.max_loaded_tenants'),
      decisionCache: value('policies.decision_cache'),
    },
    rateLimit: {
      limit: value('rate_limit.limit'),
      ttlMs: value('rate_limit.ttl'),
      storage: value('rate_limit.storage'),
      algorithm: value('rate_limit.algorithm'),
      perTenant:
        perTenantLimit === null
          ? null
          : {
              limit: perTenantLimit,
              ttlMs: value<number | null>('rate_limit.per_tenant_ttl') ?? value('rate_limit.ttl'),
            },
      tenants: overrides.rateLimits,
      serviceHeaders: value('rate_limit.service_headers'),
    },
    audit: {
      sinks: value('audit.sinks'),
      fileDir: value('audit.file_dir'),
      httpUrl: value('audit.http_url'),
      tenantHttpUrls: overrides.auditHttpUrls,
      batchSize: value('audit.batch_size'),
      flushIntervalMs: value('audit.flush_interval'),
      maxQueue: value('audit.max_queue'),
      retryBackoffMs: value('audit.retry_backoff'),
      maxRetryBackoffMs: value('audit.max_retry_backoff'),
      httpTimeoutMs: value('audit.http_timeout'),
      shutdownTimeoutMs: value('audit.shutdown_timeout'),
    },
    tenancy: {
      enabled: value('tenancy.enabled'),
      store: value('tenancy.store'),
      propagation: value('tenancy.propagation'),
      syncIntervalMs: value('tenancy.sync_interval'),
      adminApi: value('tenancy.admin_api'),
      adminClaim: value('tenancy.admin_claim'),
      adminScope: value('tenancy.admin_scope'),
      crossTenantClaim: value('tenancy.cross_tenant_claim'),
    },
    tenants: (merged.tenants?.tenants ?? []).map((tenant) => ({ ...tenant })),
  };
}

/** Settings that only make sense together: a window needs its limit, a sink its target. */
function checkRateLimitAndAudit(
  merged: MergedSettings,
  value: <T>(id: string) => T,
  problems: string[],
): void {
  const ttl = merged.settings.get('rate_limit.per_tenant_ttl');
  if (ttl && value('rate_limit.per_tenant_limit') === null) {
    problems.push(
      `${describeOrigin(ttl.origin)} is set but [rate_limit].per_tenant_limit is not: set ` +
        'per_tenant_limit too (e.g. per_tenant_limit = 100), or remove per_tenant_ttl',
    );
  }
  const sinks = value<AuditSinkName[]>('audit.sinks');
  const rejected = merged.rejected.has('audit.sinks') || merged.rejected.has('audit.http_url');
  if (!rejected && sinks.includes('http') && value('audit.http_url') === null) {
    problems.push(
      '[audit].sinks lists "http" but [audit].http_url is not set: set http_url = ' +
        '"https://audit.example.com/v1/{tenant}" ({tenant} is replaced by each tenant id; ' +
        'records without a tenant use "_unauthenticated"), or remove "http" from sinks',
    );
  }
}

/** The service's own tenant and every declared tenant must match the tenant id pattern. */
function checkTenantIds(
  pattern: RegExp,
  ownTenant: Setting | undefined,
  merged: MergedSettings,
  problems: string[],
): void {
  const fix =
    pattern === DEFAULT_TENANT_ID_PATTERN
      ? 'use 1 to 63 lowercase letters, digits and "-", starting with a letter or digit'
      : `rename it, or change ${tomlKeyLabel(settingById('auth.tenant_id_pattern'))}`;
  if (ownTenant && !pattern.test(ownTenant.value as string)) {
    problems.push(
      `${describeOrigin(ownTenant.origin)} = ${showValue(ownTenant.value)} does not match the ` +
        `tenant id pattern ${pattern.source}: ${fix}`,
    );
  }
  merged.tenants?.tenants.forEach((tenant, index) => {
    if (!pattern.test(tenant.id)) {
      problems.push(
        `${merged.tenants!.labels[index]}: the tenant id does not match the tenant id pattern ` +
          `${pattern.source}: ${fix}`,
      );
    }
  });
}

/**
 * HMAC algorithms verify with the shared secret, every other one with a public key, so
 * the list must match the key source; mixing them is how algorithm-confusion attacks work.
 */
function checkAlgorithms(
  algorithms: JwtAlgorithm[],
  listed: Setting | undefined,
  hmacSecret: Setting | undefined,
  keySource: Setting | undefined,
  problems: string[],
): void {
  const where = listed ? describeOrigin(listed.origin) : 'default [auth].algorithms';
  const hmacAlgorithms = algorithms.filter((algorithm) => algorithm.startsWith('HS'));
  const publicKeyAlgorithms = algorithms.filter((algorithm) => !algorithm.startsWith('HS'));
  if (hmacSecret && publicKeyAlgorithms.length > 0) {
    problems.push(
      `${where} = ${showValue(algorithms)} includes ${publicKeyAlgorithms.join(', ')}, ` +
        `verified with a public key, but the key source is ${describeOrigin(hmacSecret.origin)}: list only ` +
        'HS256, HS384 or HS512, or use jwks_uri, jwks_file or public_key_file instead',
    );
  }
  if (!hmacSecret && hmacAlgorithms.length > 0) {
    const current = keySource ? ` (the key source is ${describeOrigin(keySource.origin)})` : '';
    problems.push(
      `${where} = ${showValue(algorithms)} includes ${hmacAlgorithms.join(', ')}, ` +
        `allowed only when [auth].hmac_secret is the key source${current}: remove ` +
        `${hmacAlgorithms.join(', ')}, or configure hmac_secret as the only key source`,
    );
  }
  if (hmacSecret) {
    const bytes = Buffer.byteLength(hmacSecret.value as string, 'utf8');
    const needed = Math.max(
      0,
      ...hmacAlgorithms.map((algorithm) => HMAC_MIN_BYTES[algorithm] ?? 0),
    );
    if (bytes < needed) {
      problems.push(
        `${describeOrigin(hmacSecret.origin)} is ${bytes} bytes long, but ${hmacAlgorithms.join(', ')} ` +
          `needs at least ${needed} bytes (RFC 7518, section 3.2): use a longer random secret, ` +
          'e.g. the output of `openssl rand -base64 64`',
      );
    }
  }
}
