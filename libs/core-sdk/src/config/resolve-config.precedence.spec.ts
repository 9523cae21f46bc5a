import { join } from 'node:path';
import { DEFAULT_TENANT_ID_PATTERN } from './config-defaults';
import type { CoreSdkConfig } from './core-sdk-config.interface';
import type { CoreSdkModuleOptions } from './core-sdk-options.interface';
import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

const FULL_TOML = `
[sdk]
sidecar_addr = "10.0.0.1:50051"
tenant_id    = "acme"
service_name = "orders"
fail_mode    = "open"
[auth]
issuer             = "https://issuer.example/"
audience           = ["orders", "billing"]
jwks_uri           = "https://issuer.example/.well-known/jwks.json"
algorithms         = ["ES256", "PS256"]
tenant_claim       = "org"
tenant_id_pattern  = "[a-z]+"
clock_tolerance    = "2s"
typ                = "at+jwt"
jwks_cooldown      = "1m"
jwks_cache_max_age = "1h"
jwks_timeout       = "1500ms"
[policies]
dir          = "rego"
rego_version = "v0"
entrypoint   = "orders/allow"
[rate_limit]
limit   = 7
ttl     = "1m30s"
storage = "redis://127.0.0.1:6379"
service_headers = true
`;

/** One setting written at each level; the highest level present must win. */
interface PrecedenceRow {
  key: string;
  toml: string;
  env?: Record<string, string>;
  options: CoreSdkModuleOptions;
  read: (config: CoreSdkConfig, dir: string) => unknown;
  expected: { toml: unknown; env?: unknown; options: unknown };
}

const PRECEDENCE_ROWS: PrecedenceRow[] = [
  {
    key: '[sdk].fail_mode',
    toml: '[sdk]\nfail_mode = "open"',
    env: { CORESDK_FAIL_MODE: 'closed' },
    options: { sdk: { failMode: 'open' } },
    read: (c) => c.sdk.failMode,
    expected: { toml: 'open', env: 'closed', options: 'open' },
  },
  {
    key: '[sdk].service_name',
    toml: '[sdk]\nservice_name = "toml"',
    env: { CORESDK_SERVICE_NAME: 'env' },
    options: { sdk: { serviceName: 'options' } },
    read: (c) => c.sdk.serviceName,
    expected: { toml: 'toml', env: 'env', options: 'options' },
  },
  {
    key: '[sdk].tenant_id',
    toml: '[sdk]\ntenant_id = "toml"',
    env: { CORESDK_TENANT_ID: 'env' },
    options: { sdk: { tenantId: 'options' } },
    read: (c) => c.sdk.tenantId,
    expected: { toml: 'toml', env: 'env', options: 'options' },
  },
  {
    key: '[sdk].sidecar_addr',
    toml: '[sdk]\nsidecar_addr = "toml:1"',
    env: { CORESDK_SIDECAR_ADDR: 'env:2' },
    options: { sdk: { sidecarAddr: 'options:3' } },
    read: (c) => c.sdk.sidecarAddr,
    expected: { toml: 'toml:1', env: 'env:2', options: 'options:3' },
  },
  {
    key: '[auth].issuer',
    toml: 'issuer = "toml"',
    env: { CORESDK_ISSUER: 'env' },
    options: { auth: { issuer: 'options' } },
    read: (c) => c.auth.issuer,
    expected: { toml: 'toml', env: 'env', options: 'options' },
  },
  {
    key: '[auth].audience',
    toml: 'audience = ["t1", "t2"]',
    env: { CORESDK_AUDIENCE: 'e1,e2' },
    options: { auth: { audience: 'o1' } },
    read: (c) => c.auth.audience,
    expected: { toml: ['t1', 't2'], env: ['e1', 'e2'], options: 'o1' },
  },
  {
    key: '[auth].algorithms',
    toml: 'algorithms = ["RS512"]',
    env: { CORESDK_ALGORITHMS: 'PS256' },
    options: { auth: { algorithms: ['EdDSA'] } },
    read: (c) => c.auth.algorithms,
    expected: { toml: ['RS512'], env: ['PS256'], options: ['EdDSA'] },
  },
  {
    key: '[auth].tenant_claim',
    toml: 'tenant_claim = "toml"',
    env: { CORESDK_TENANT_CLAIM: 'env' },
    options: { auth: { tenantClaim: 'options' } },
    read: (c) => c.auth.tenantClaim,
    expected: { toml: 'toml', env: 'env', options: 'options' },
  },
  {
    key: '[auth].tenant_id_pattern',
    toml: 'tenant_id_pattern = "[a-z]{3}"',
    options: { auth: { tenantIdPattern: '[0-9]{3}' } },
    read: (c) => c.auth.tenantIdPattern.source,
    expected: { toml: '^(?:[a-z]{3})$', options: '^(?:[0-9]{3})$' },
  },
  {
    key: '[auth].clock_tolerance',
    toml: 'clock_tolerance = "1m"',
    options: { auth: { clockTolerance: 0 } },
    read: (c) => c.auth.clockToleranceMs,
    expected: { toml: 60_000, options: 0 },
  },
  {
    key: '[auth].typ',
    toml: 'typ = "JWT"',
    options: { auth: { typ: 'at+jwt' } },
    read: (c) => c.auth.typ,
    expected: { toml: 'JWT', options: 'at+jwt' },
  },
  {
    key: '[auth].jwks_cooldown',
    toml: 'jwks_cooldown = "2m"',
    options: { auth: { jwksCooldown: '250ms' } },
    read: (c) => c.auth.jwksCooldownMs,
    expected: { toml: 120_000, options: 250 },
  },
  {
    key: '[auth].jwks_cache_max_age',
    toml: 'jwks_cache_max_age = "1h"',
    options: { auth: { jwksCacheMaxAge: 1_000 } },
    read: (c) => c.auth.jwksCacheMaxAgeMs,
    expected: { toml: 3_600_000, options: 1_000 },
  },
  {
    key: '[auth].jwks_timeout',
    toml: 'jwks_timeout = "10s"',
    options: { auth: { jwksTimeout: '1s' } },
    read: (c) => c.auth.jwksTimeoutMs,
    expected: { toml: 10_000, options: 1_000 },
  },
  {
    key: '[policies].dir',
    toml: '[policies]\ndir = "toml-policies"',
    env: { CORESDK_POLICY_DIR: 'env-policies' },
    options: { policies: { dir: '/srv/policies' } },
    read: (c, dir) => c.policies.dir.replace(dir, '<cwd>'),
    expected: { toml: '<cwd>/toml-policies', env: '<cwd>/env-policies', options: '/srv/policies' },
  },
  {
    key: '[policies].rego_version',
    toml: '[policies]\nrego_version = "v0"',
    env: { CORESDK_REGO_VERSION: 'v1' },
    options: { policies: { regoVersion: 'v0' } },
    read: (c) => c.policies.regoVersion,
    expected: { toml: 'v0', env: 'v1', options: 'v0' },
  },
  {
    key: '[policies].entrypoint',
    toml: '[policies]\nentrypoint = "toml/allow"',
    options: { policies: { entrypoint: 'options/allow' } },
    read: (c) => c.policies.entrypoint,
    expected: { toml: 'toml/allow', options: 'options/allow' },
  },
  {
    key: '[rate_limit].limit',
    toml: '[rate_limit]\nlimit = 1',
    env: { CORESDK_RATE_LIMIT: '2' },
    options: { rateLimit: { limit: 3 } },
    read: (c) => c.rateLimit.limit,
    expected: { toml: 1, env: 2, options: 3 },
  },
  {
    key: '[rate_limit].ttl',
    toml: '[rate_limit]\nttl = "1s"',
    env: { CORESDK_RATE_LIMIT_TTL: '2s' },
    options: { rateLimit: { ttl: 3_000 } },
    read: (c) => c.rateLimit.ttlMs,
    expected: { toml: 1_000, env: 2_000, options: 3_000 },
  },
  {
    key: '[rate_limit].storage',
    toml: '[rate_limit]\nstorage = "redis://toml:6379"',
    env: { CORESDK_REDIS_URL: 'redis://env:6379' },
    options: { rateLimit: { storage: 'memory' } },
    read: (c) => c.rateLimit.storage,
    expected: { toml: 'redis://toml:6379', env: 'redis://env:6379', options: 'memory' },
  },
];

describe('resolveCoreSdkConfig precedence', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  it('fills every default when only a key source is given', () => {
    const config = workspace.resolve({ options: { auth: { jwksUri: 'https://i.example/jwks' } } });
    expect(config).toEqual({
      configFile: null,
      sdk: {
        sidecarAddr: '[::1]:50051',
        tenantId: null,
        serviceName: 'coresdk-service',
        failMode: 'closed',
      },
      auth: {
        issuer: null,
        audience: null,
        jwksUri: 'https://i.example/jwks',
        jwksFile: null,
        publicKeyFile: null,
        hmacSecret: null,
        algorithms: ['RS256', 'ES256', 'EdDSA'],
        tenantClaim: 'tenant_id',
        tenantIdPattern: DEFAULT_TENANT_ID_PATTERN,
        clockToleranceMs: 5_000,
        typ: null,
        jwksCooldownMs: 30_000,
        jwksCacheMaxAgeMs: 600_000,
        jwksTimeoutMs: 5_000,
      },
      policies: {
        dir: join(workspace.dir, 'policies'),
        regoVersion: 'v1',
        entrypoint: 'coresdk/authz/allow',
        source: 'dir',
        bundleFile: null,
        bundleUrl: null,
        pollIntervalMs: 30_000,
        verificationKeyFile: null,
        watch: false,
        maxLoadedTenants: 1_000,
        decisionCache: 64,
      },
      rateLimit: {
        limit: 100,
        ttlMs: 60_000,
        storage: 'memory',
        algorithm: 'fixed',
        perTenant: null,
        tenants: {},
        serviceHeaders: false,
      },
      audit: {
        sinks: ['otel'],
        fileDir: join(workspace.dir, 'audit'),
        httpUrl: null,
        tenantHttpUrls: {},
        batchSize: 100,
        flushIntervalMs: 1_000,
        maxQueue: 10_000,
        retryBackoffMs: 500,
        maxRetryBackoffMs: 30_000,
        httpTimeoutMs: 5_000,
        shutdownTimeoutMs: 5_000,
      },
      tenancy: {
        enabled: false,
        store: `sqlite:${join(workspace.dir, '.coresdk/tenants.sqlite')}`,
        propagation: 'none',
        syncIntervalMs: 5_000,
        adminApi: false,
        adminClaim: 'coresdk_admin',
        adminScope: 'coresdk:tenants:admin',
        crossTenantClaim: 'coresdk_cross_tenant',
      },
      tenants: [],
    });
  });

  it('reads every key of the toml file over the defaults', () => {
    const config = workspace.resolve({ toml: FULL_TOML });
    expect(config.configFile).toBe(join(workspace.dir, 'coresdk.toml'));
    expect(config.sdk).toEqual({
      sidecarAddr: '10.0.0.1:50051',
      tenantId: 'acme',
      serviceName: 'orders',
      failMode: 'open',
    });
    expect(config.auth).toMatchObject({
      issuer: 'https://issuer.example/',
      audience: ['orders', 'billing'],
      jwksUri: 'https://issuer.example/.well-known/jwks.json',
      algorithms: ['ES256', 'PS256'],
      tenantClaim: 'org',
      clockToleranceMs: 2_000,
      typ: 'at+jwt',
      jwksCooldownMs: 60_000,
      jwksCacheMaxAgeMs: 3_600_000,
      jwksTimeoutMs: 1_500,
    });
    expect(config.auth.tenantIdPattern.test('acme')).toBe(true);
    expect(config.auth.tenantIdPattern.test('acme-corp')).toBe(false); // anchored: whole id only
    expect(config.policies).toMatchObject({
      dir: join(workspace.dir, 'rego'),
      regoVersion: 'v0',
      entrypoint: 'orders/allow',
    });
    expect(config.rateLimit).toEqual({
      limit: 7,
      ttlMs: 90_000,
      storage: 'redis://127.0.0.1:6379',
      algorithm: 'fixed',
      perTenant: null,
      tenants: {},
      serviceHeaders: true,
    });
  });

  describe.each(PRECEDENCE_ROWS)('$key', ({ toml, env, options, read, expected }) => {
    const file = `${JWKS_URI_TOML}${toml}\n`;
    it('toml beats the default', () => {
      expect(read(workspace.resolve({ toml: file }), workspace.dir)).toEqual(expected.toml);
    });
    if (env) {
      it('env beats toml', () => {
        expect(read(workspace.resolve({ toml: file, env }), workspace.dir)).toEqual(expected.env);
      });
    }
    it('options beat env and toml', () => {
      const config = workspace.resolve({ toml: file, env: env ?? {}, options });
      expect(read(config, workspace.dir)).toEqual(expected.options);
    });
  });
});
