import { Logger } from '@nestjs/common';
import { GLOBAL_POLICY, writePolicyDir, type PolicyDir } from '../../test/authz-support/policy-dir';
import { resolveCoreSdkConfig } from '../config';
import type { CoreSdkModuleOptions } from '../config/core-sdk-options.interface';
import type { PolicyInput } from './policy-decision.interface';
import { DEFAULT_MAX_LOADED_TENANTS, PolicyStore } from './policy-store';
import { readDirectorySnapshot } from './sources/directory-snapshot';

const ANALYTICS = `package coresdk.authz

allow if input.action == "analytics:read"
`;

function input(tenant: string, action: string): PolicyInput {
  return {
    action,
    tenant_id: tenant,
    user: { sub: 'user-1', tenant_id: tenant },
    resource: null,
    request: { method: 'GET', path: '/' },
  };
}

describe('PolicyStore loaded-tenant cache (LRU bound)', () => {
  let dir: PolicyDir;
  let store: PolicyStore;
  const config = (
    policies: CoreSdkModuleOptions['policies'] = {},
    env: Record<string, string> = {},
  ) =>
    resolveCoreSdkConfig({
      configFile: false,
      env,
      auth: { hmacSecret: 'x'.repeat(32), algorithms: ['HS256'] },
      policies: { dir: dir.dir, ...policies },
      tenants: [],
    });
  const decide = (tenant: string, action: string) => store.decide(tenant, input(tenant, action));

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    dir = writePolicyDir({ 'global.rego': GLOBAL_POLICY });
    store = PolicyStore.load(config({ maxLoadedTenants: 2 }));
  });
  afterEach(() => {
    dir.remove();
    jest.restoreAllMocks();
  });

  it('keeps at most the cap loaded: a third tenant evicts the least recently used', async () => {
    await decide('alpha', 'products:read');
    await decide('beta', 'products:read');
    expect(store.loadedTenants()).toEqual(['alpha', 'beta']);
    await decide('gamma', 'products:read');
    expect(store.loadedTenants()).toEqual(['beta', 'gamma']);
    expect(store.loadedTenantStats).toEqual({
      loaded: 2,
      capacity: 2,
      hits: 0,
      misses: 3,
      evictions: 1,
    });
  });

  it('evicts by last use, not by first load', async () => {
    await decide('alpha', 'products:read');
    await decide('beta', 'products:read');
    await decide('alpha', 'products:read'); // alpha is now the most recent
    await decide('gamma', 'products:read');
    expect(store.loadedTenants()).toEqual(['alpha', 'gamma']);
    expect(store.loadedTenantStats).toMatchObject({ hits: 1, misses: 3, evictions: 1 });
  });

  it('an evicted tenant decides again with its own data, and still cannot see the others', async () => {
    store.setTenantData('alpha', { plan: 'pro' });
    store.setTenantData('beta', { plan: 'free' });
    store.setTenantData('globex', { plan: 'gold' });
    await expect(decide('alpha', 'reports:read')).resolves.toMatchObject({ outcome: 'allow' });
    await decide('beta', 'reports:read');
    await decide('gamma', 'reports:read');
    expect(store.loadedTenants()).not.toContain('alpha');

    await expect(decide('alpha', 'reports:read')).resolves.toMatchObject({ outcome: 'allow' });
    await expect(decide('alpha', 'tenants:peek')).resolves.toMatchObject({ outcome: 'deny' });
    await expect(decide('beta', 'reports:read')).resolves.toMatchObject({ outcome: 'deny' });
    expect(store.loadedTenantStats.evictions).toBeGreaterThanOrEqual(2);
  });

  it('a runtime policy override and a cleared one survive eviction', async () => {
    expect(store.applyTenantPolicy('alpha', { path: 'alpha.rego', source: ANALYTICS }).ok).toBe(
      true,
    );
    await expect(decide('alpha', 'analytics:read')).resolves.toEqual({
      outcome: 'allow',
      policy: 'tenant:alpha',
    });
    await decide('beta', 'products:read');
    await decide('gamma', 'products:read');
    expect(store.loadedTenants()).toEqual(['beta', 'gamma']);
    await expect(decide('alpha', 'analytics:read')).resolves.toEqual({
      outcome: 'allow',
      policy: 'tenant:alpha',
    });

    store.clearTenantPolicy('alpha');
    await decide('beta', 'products:read');
    await decide('gamma', 'products:read');
    await expect(decide('alpha', 'analytics:read')).resolves.toEqual({
      outcome: 'deny',
      policy: 'global',
    });
  });

  it('a request in flight on an evicted slot finishes on it, correctly', async () => {
    store.setTenantData('alpha', { plan: 'pro' });
    // The slot is taken synchronously; its instance loads after these calls evict it.
    const inFlight = decide('alpha', 'reports:read');
    const others = [decide('beta', 'products:read'), decide('gamma', 'products:read')];
    expect(store.loadedTenants()).toEqual(['beta', 'gamma']);
    await expect(inFlight).resolves.toEqual({ outcome: 'allow', policy: 'global' });
    await expect(Promise.all(others)).resolves.toEqual([
      { outcome: 'allow', policy: 'global' },
      { outcome: 'allow', policy: 'global' },
    ]);
  });

  it('a reload unloads every tenant but keeps runtime data, overrides and the cap', async () => {
    store.setTenantData('alpha', { plan: 'pro' });
    store.applyTenantPolicy('beta', { path: 'beta.rego', source: ANALYTICS });
    await decide('alpha', 'reports:read');
    await decide('beta', 'analytics:read');
    expect(store.install(readDirectorySnapshot(config({ maxLoadedTenants: 2 }))).ok).toBe(true);
    expect(store.loadedTenants()).toEqual([]);

    await expect(decide('alpha', 'reports:read')).resolves.toMatchObject({ outcome: 'allow' });
    await expect(decide('beta', 'analytics:read')).resolves.toEqual({
      outcome: 'allow',
      policy: 'tenant:beta',
    });
    await decide('gamma', 'products:read');
    expect(store.loadedTenantStats).toMatchObject({ loaded: 2, capacity: 2 });
  });

  describe('[policies].max_loaded_tenants', () => {
    it(`defaults to ${DEFAULT_MAX_LOADED_TENANTS}`, () => {
      expect(config().policies.maxLoadedTenants).toBe(1_000);
      expect(PolicyStore.load(config()).loadedTenantStats.capacity).toBe(1_000);
    });

    it('reads CORESDK_POLICY_MAX_LOADED_TENANTS, and forRoot options win over it', () => {
      expect(
        config({}, { CORESDK_POLICY_MAX_LOADED_TENANTS: '5000' }).policies.maxLoadedTenants,
      ).toBe(5_000);
      expect(
        config({ maxLoadedTenants: 7 }, { CORESDK_POLICY_MAX_LOADED_TENANTS: '5000' }).policies
          .maxLoadedTenants,
      ).toBe(7);
    });

    it.each([0, -3])('refuses %p with a fix hint', (value) => {
      expect(() => config({ maxLoadedTenants: value })).toThrow(
        /max_loaded_tenants.*use a whole number of 1 or more/s,
      );
    });

    it('refuses a fraction and an env value that is not a number', () => {
      expect(() => config({ maxLoadedTenants: 2.5 })).toThrow(/max_loaded_tenants.*integer/s);
      expect(() => config({}, { CORESDK_POLICY_MAX_LOADED_TENANTS: 'many' })).toThrow(
        /CORESDK_POLICY_MAX_LOADED_TENANTS/,
      );
    });
  });
});
