import { join } from 'node:path';
import { createTempWorkspace, type TempWorkspace } from '../config/testing/temp-workspace';
import { createTenancyBackends, TenancySetupError } from './create-tenancy-backends';

const KEY = { jwksUri: 'https://issuer.example/jwks' };

describe('[tenancy] settings', () => {
  let workspace: TempWorkspace;
  beforeEach(() => (workspace = createTempWorkspace()));
  afterEach(() => workspace.remove());

  it('reads every key from coresdk.toml, resolving a relative SQLite path against the file', () => {
    const config = workspace.resolve({
      toml: `[auth]
jwks_uri = "https://issuer.example/jwks"

[tenancy]
enabled = true
store = "sqlite:./data/tenants.sqlite"
propagation = "redis://127.0.0.1:6390"
sync_interval = "30s"
admin_api = true
admin_claim = "is_operator"
admin_scope = "tenants:write"
cross_tenant_claim = "acts_for"
`,
    });
    expect(config.tenancy).toEqual({
      enabled: true,
      store: `sqlite:${join(workspace.dir, 'data/tenants.sqlite')}`,
      propagation: 'redis://127.0.0.1:6390',
      syncIntervalMs: 30_000,
      adminApi: true,
      adminClaim: 'is_operator',
      adminScope: 'tenants:write',
      crossTenantClaim: 'acts_for',
    });
  });

  it('reads the environment variables, booleans included', () => {
    const config = workspace.resolve({
      options: { auth: KEY },
      env: {
        CORESDK_TENANCY: 'true',
        CORESDK_TENANCY_STORE: 'postgres://app@db/tenants',
        CORESDK_TENANCY_PROPAGATION: 'postgres',
      },
    });
    expect(config.tenancy).toMatchObject({
      enabled: true,
      store: 'postgres://app@db/tenants',
      propagation: 'postgres',
    });
  });

  it.each([
    [{ CORESDK_TENANCY: 'yes' }, 'CORESDK_TENANCY'],
    [{ CORESDK_TENANCY_STORE: 'mysql://db/x' }, 'CORESDK_TENANCY_STORE'],
    [{ CORESDK_TENANCY_STORE: 'sqlite:' }, 'CORESDK_TENANCY_STORE'],
    [{ CORESDK_TENANCY_PROPAGATION: 'kafka://bus' }, 'CORESDK_TENANCY_PROPAGATION'],
  ])('rejects %j with a message naming %s', (env, name) => {
    const error = workspace.fail({ options: { auth: KEY }, env });
    expect(error.problems).toEqual([expect.stringContaining(name)]);
  });

  it('never echoes a store URL, which may hold a password', () => {
    const error = workspace.fail({
      options: { auth: KEY, tenancy: { store: 'mysql://admin:hunter2@db/x' } },
    });
    expect(error.problems.join('\n')).not.toContain('hunter2');
  });

  it('rejects a non-boolean admin_api in the toml file with a fix', () => {
    const error = workspace.fail({
      toml: '[auth]\njwks_uri = "https://issuer.example/jwks"\n\n[tenancy]\nadmin_api = "yes"\n',
    });
    expect(error.problems).toEqual([expect.stringContaining('admin_api = true')]);
  });

  it('refuses postgres propagation over a SQLite store at startup', () => {
    const config = workspace.resolve({
      options: { auth: KEY, tenancy: { enabled: true, propagation: 'postgres' } },
    });
    expect(() => createTenancyBackends(config)).toThrow(TenancySetupError);
    expect(() => createTenancyBackends(config)).toThrow(/set store to a postgres:\/\/ URL/);
  });
});
