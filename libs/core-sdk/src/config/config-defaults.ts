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
    // null: "bundle" when bundle_file or bundle_url is set, else "dir".
    'policies.source': null,
    'policies.bundle_file': null,
    'policies.bundle_url': null,
    'policies.poll_interval': 30_000,
    'policies.verification_key_file': null,
    'policies.watch': false,
    // Each loaded tenant instance costs ~235 KiB RSS and ~10 GiB of reserved address space.
    'policies.max_loaded_tenants': 1_000,
    // Decisions remembered per token and tenant module (pure modules only); 0 = off.
    'policies.decision_cache': 64,
    'rate_limit.limit': 100,
    'rate_limit.ttl': 60_000,
    'rate_limit.storage': 'memory',
    'rate_limit.algorithm': 'fixed',
    // No per-tenant limit unless configured; its window defaults to [rate_limit].ttl.
    'rate_limit.per_tenant_limit': null,
    'rate_limit.per_tenant_ttl': null,
    // The service-wide counter is shared by every tenant: off, so no tenant reads the others' traffic.
    'rate_limit.service_headers': false,
    'audit.sinks': ['otel'],
    'audit.file_dir': resolve(cwd, 'audit'),
    'audit.http_url': null,
    'audit.batch_size': 100,
    'audit.flush_interval': 1_000,
    'audit.max_queue': 10_000,
    'audit.retry_backoff': 500,
    'audit.max_retry_backoff': 30_000,
    'audit.http_timeout': 5_000,
    'audit.shutdown_timeout': 5_000,
    'tenancy.enabled': false,
    'tenancy.store': `sqlite:${resolve(cwd, '.coresdk/tenants.sqlite')}`,
    'tenancy.propagation': 'none',
    'tenancy.sync_interval': 5_000,
    'tenancy.admin_api': false,
    'tenancy.admin_claim': 'coresdk_admin',
    'tenancy.admin_scope': 'coresdk:tenants:admin',
    'tenancy.cross_tenant_claim': 'coresdk_cross_tenant',
  };
}
