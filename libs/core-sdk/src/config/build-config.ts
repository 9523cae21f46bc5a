import type { Setting } from './config-layer';
import type { CoreSdkConfig, JwtAlgorithm } from './core-sdk-config.interface';
import { SETTINGS, settingById, tomlKeyLabel } from './config-schema';
import {
  DEFAULT_ALGORITHMS,
  DEFAULT_HMAC_ALGORITHMS,
  DEFAULT_TENANT_ID_PATTERN,
  defaultValues,
} from './config-defaults';
import { type MergedSettings, noKeySource } from './merge-layers';
import { describeOrigin, showValue } from './setting-origin';

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

  if (problems.length > 0) return null;
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
    },
    rateLimit: {
      limit: value('rate_limit.limit'),
      ttlMs: value('rate_limit.ttl'),
      storage: value('rate_limit.storage'),
    },
    tenants: (merged.tenants?.tenants ?? []).map((tenant) => ({ ...tenant })),
  };
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
