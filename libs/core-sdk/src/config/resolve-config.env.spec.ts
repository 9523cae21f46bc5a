import { join } from 'node:path';
import { ENV_VARIABLES } from './config-schema';
import type { CoreSdkConfig } from './core-sdk-config.interface';
import { createTempWorkspace, JWKS_URI_TOML, type TempWorkspace } from './testing/temp-workspace';

/**
 * One row per `CORESDK_*` variable: its value, and what the resolved config then holds.
 * `dir` is the working directory, for the variables that name paths.
 */
const ENV_ROWS: Array<
  [string, string, (config: CoreSdkConfig, dir: string) => [unknown, unknown]]
> = [
  ['CORESDK_FAIL_MODE', 'open', (c) => [c.sdk.failMode, 'open']],
  ['CORESDK_SERVICE_NAME', 'billing', (c) => [c.sdk.serviceName, 'billing']],
  ['CORESDK_TENANT_ID', 'globex', (c) => [c.sdk.tenantId, 'globex']],
  ['CORESDK_SIDECAR_ADDR', 'localhost:9191', (c) => [c.sdk.sidecarAddr, 'localhost:9191']],
  ['CORESDK_ISSUER', 'https://login.example/', (c) => [c.auth.issuer, 'https://login.example/']],
  ['CORESDK_AUDIENCE', 'orders', (c) => [c.auth.audience, 'orders']],
  [
    'CORESDK_JWKS_URI',
    'https://login.example/jwks',
    (c) => [c.auth.jwksUri, 'https://login.example/jwks'],
  ],
  [
    'CORESDK_JWKS_FILE',
    'keys/jwks.json',
    (c, dir) => [c.auth.jwksFile, join(dir, 'keys/jwks.json')],
  ],
  ['CORESDK_PUBLIC_KEY_FILE', '/etc/key.pem', (c) => [c.auth.publicKeyFile, '/etc/key.pem']],
  [
    'CORESDK_HMAC_SECRET',
    'h'.repeat(32),
    (c) => [
      [c.auth.hmacSecret, c.auth.algorithms],
      ['h'.repeat(32), ['HS256']],
    ],
  ],
  ['CORESDK_ALGORITHMS', ' ES256 , PS384,ES256 ', (c) => [c.auth.algorithms, ['ES256', 'PS384']]],
  [
    'CORESDK_TENANT_CLAIM',
    'https://example.com/tenant',
    (c) => [c.auth.tenantClaim, 'https://example.com/tenant'],
  ],
  ['CORESDK_POLICY_DIR', 'rego', (c, dir) => [c.policies.dir, join(dir, 'rego')]],
  ['CORESDK_REGO_VERSION', 'v0', (c) => [c.policies.regoVersion, 'v0']],
  ['CORESDK_POLICY_SOURCE', 'dir', (c) => [c.policies.source, 'dir']],
  [
    'CORESDK_POLICY_BUNDLE_FILE',
    'dist/bundle.tar.gz',
    (c, dir) => [
      [c.policies.source, c.policies.bundleFile],
      ['bundle', join(dir, 'dist/bundle.tar.gz')],
    ],
  ],
  [
    'CORESDK_POLICY_BUNDLE_URL',
    'http://127.0.0.1:8181/b.tar.gz',
    (c) => [c.policies.bundleUrl, 'http://127.0.0.1:8181/b.tar.gz'],
  ],
  ['CORESDK_POLICY_POLL_INTERVAL', '750ms', (c) => [c.policies.pollIntervalMs, 750]],
  [
    'CORESDK_POLICY_VERIFICATION_KEY_FILE',
    'keys/bundle.pem',
    (c, dir) => [c.policies.verificationKeyFile, join(dir, 'keys/bundle.pem')],
  ],
  ['CORESDK_POLICY_WATCH', 'true', (c) => [c.policies.watch, true]],
  ['CORESDK_POLICY_MAX_LOADED_TENANTS', '2500', (c) => [c.policies.maxLoadedTenants, 2_500]],
  ['CORESDK_POLICY_DECISION_CACHE', '0', (c) => [c.policies.decisionCache, 0]],
  ['CORESDK_RATE_LIMIT', '25', (c) => [c.rateLimit.limit, 25]],
  ['CORESDK_RATE_LIMIT_TTL', '1m30s', (c) => [c.rateLimit.ttlMs, 90_000]],
  ['CORESDK_RATE_LIMIT_SERVICE_HEADERS', 'true', (c) => [c.rateLimit.serviceHeaders, true]],
  [
    'CORESDK_REDIS_URL',
    'rediss://cache.internal:6380/2',
    (c) => [c.rateLimit.storage, 'rediss://cache.internal:6380/2'],
  ],
  ['CORESDK_TENANCY', 'true', (c) => [c.tenancy.enabled, true]],
  [
    'CORESDK_TENANCY_STORE',
    'sqlite:data/tenants.sqlite',
    (c, dir) => [c.tenancy.store, `sqlite:${join(dir, 'data/tenants.sqlite')}`],
  ],
  [
    'CORESDK_TENANCY_PROPAGATION',
    'redis://bus.internal:6379',
    (c) => [c.tenancy.propagation, 'redis://bus.internal:6379'],
  ],
  [
    'CORESDK_CONFIG',
    'conf/other.toml',
    (c, dir) => [
      [c.configFile, c.sdk.serviceName],
      [join(dir, 'conf/other.toml'), 'other'],
    ],
  ],
];

describe('CORESDK_* environment variables', () => {
  let workspace: TempWorkspace;
  beforeEach(() => {
    workspace = createTempWorkspace();
    workspace.write('conf/other.toml', `${JWKS_URI_TOML}[sdk]\nservice_name = "other"\n`);
  });
  afterEach(() => workspace.remove());

  it('has a row for every variable the resolver reads', () => {
    expect(ENV_ROWS.map(([name]) => name).sort()).toEqual([...ENV_VARIABLES].sort());
  });

  it.each(ENV_ROWS)('%s=%p is read', (name, value, read) => {
    // Key-source variables stand alone; the others get a key source from the toml file.
    const toml = [
      'CORESDK_JWKS_URI',
      'CORESDK_JWKS_FILE',
      'CORESDK_PUBLIC_KEY_FILE',
      'CORESDK_HMAC_SECRET',
    ].includes(name)
      ? ''
      : JWKS_URI_TOML;
    const config = workspace.resolve({ toml, env: { [name]: value } });
    const [actual, expected] = read(config, workspace.dir);
    expect(actual).toEqual(expected);
  });

  it('reads a comma list in CORESDK_AUDIENCE as several audiences', () => {
    const config = workspace.resolve({
      toml: JWKS_URI_TOML,
      env: { CORESDK_AUDIENCE: 'orders, billing' },
    });
    expect(config.auth.audience).toEqual(['orders', 'billing']);
  });

  it('treats empty and blank variables as unset', () => {
    const env = { CORESDK_FAIL_MODE: '', CORESDK_RATE_LIMIT: '   ', CORESDK_CONFIG: '' };
    const config = workspace.resolve({ toml: `${JWKS_URI_TOML}[sdk]\nfail_mode = "open"\n`, env });
    expect(config.sdk.failMode).toBe('open');
    expect(config.rateLimit.limit).toBe(100);
  });

  it('ignores variables it does not know', () => {
    const config = workspace.resolve({
      toml: JWKS_URI_TOML,
      env: { CORESDK_SOMETHING_ELSE: 'x', PATH: '/bin' },
    });
    expect(config.sdk.serviceName).toBe('coresdk-service');
  });
});
