import { resolve } from 'node:path';
import type { JwtAlgorithm } from './core-sdk-config.interface';

/** The tenant id syntax unless `[auth].tenant_id_pattern` says otherwise. */
export const DEFAULT_TENANT_ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** Accepted when an asymmetric key source is configured and no algorithms are listed. */
export const DEFAULT_ALGORITHMS: readonly JwtAlgorithm[] = ['RS256', 'ES256', 'EdDSA'];

/** Accepted when `hmac_secret` is the key source and no algorithms are listed. */
export const DEFAULT_HMAC_ALGORITHMS: readonly JwtAlgorithm[] = ['HS256'];

/**
 * The value of every setting nobody set, keyed by `SettingSpec.id`. Paths resolve against
 * the working directory. Algorithms are absent: their default depends on the key source.
 */
export function defaultValues(cwd: string): Record<string, unknown> {
  return {
    'sdk.sidecar_addr': '[::1]:50051',
    'sdk.tenant_id': null,
    'sdk.service_name': 'coresdk-service',
    'sdk.fail_mode': 'closed',
    'auth.issuer': null,
    'auth.audience': null,
    'auth.jwks_uri': null,
    'auth.jwks_file': null,
    'auth.public_key_file': null,
    'auth.hmac_secret': null,
    'auth.tenant_claim': 'tenant_id',
    'auth.tenant_id_pattern': DEFAULT_TENANT_ID_PATTERN,
    'auth.clock_tolerance': 5_000,
    'auth.typ': null,
    'auth.jwks_cooldown': 30_000,
    'auth.jwks_cache_max_age': 600_000,
    'auth.jwks_timeout': 5_000,
    'policies.dir': resolve(cwd, 'policies'),
    'policies.rego_version': 'v1',
    'policies.entrypoint': 'coresdk/authz/allow',
    'rate_limit.limit': 100,
    'rate_limit.ttl': 60_000,
    'rate_limit.storage': 'memory',
  };
}
