import { Logger } from '@nestjs/common';
import {
  ACME_OVERRIDE,
  GLOBAL_POLICY,
  writePolicyDir,
  type PolicyDir,
} from '../../test/authz-support/policy-dir';
import { resolveCoreSdkConfig } from '../config';
import type { PolicyInput } from './policy-decision.interface';
import { PolicyStore } from './policy-store';
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

describe('PolicyStore runtime tenant provisioning', () => {
  let dir: PolicyDir;
  let store: PolicyStore;
  const config = () =>
    resolveCoreSdkConfig({
      configFile: false,
      env: {},
      auth: { hmacSecret: 'x'.repeat(32), algorithms: ['HS256'] },
      policies: { dir: dir.dir },
      tenants: [],
    });

  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    dir = writePolicyDir({ 'global.rego': GLOBAL_POLICY, 'tenants/acme.rego': ACME_OVERRIDE });
    store = PolicyStore.load(config());
  });
  afterEach(() => {
    dir.remove();
    jest.restoreAllMocks();
  });

  describe('#applyTenantPolicy', () => {
    it("compiles global + the tenant's source and swaps only that tenant", async () => {
      await expect(store.decide('newco', input('newco', 'analytics:read'))).resolves.toMatchObject({
        outcome: 'deny',
        policy: 'global',
      });
      expect(store.applyTenantPolicy('newco', { path: 'newco.rego', source: ANALYTICS })).toEqual({
        ok: true,
        diagnostics: [],
      });
      await expect(store.decide('newco', input('newco', 'analytics:read'))).resolves.toEqual({
        outcome: 'allow',
        policy: 'tenant:newco',
      });
      // The global rules still hold for it: it was compiled together with global.rego.
      await expect(store.decide('newco', input('newco', 'products:read'))).resolves.toMatchObject({
        outcome: 'allow',
      });
      await expect(store.decide('other', input('other', 'analytics:read'))).resolves.toMatchObject({
        outcome: 'deny',
        policy: 'global',
      });
    });

    it('refuses a source that does not compile with positioned diagnostics and keeps the old module', async () => {
      store.applyTenantPolicy('newco', { path: 'newco.rego', source: ANALYTICS });
      const result = store.applyTenantPolicy('newco', {
        path: 'broken.rego',
        source: 'package coresdk.authz\n\nallow if {\n',
      });
      expect(result.ok).toBe(false);
      expect(result.diagnostics.join('\n')).toMatch(/broken\.rego:\d+:\d+: rego_parse_error/);
      await expect(store.decide('newco', input('newco', 'analytics:read'))).resolves.toEqual({
        outcome: 'allow',
        policy: 'tenant:newco',
      });
    });

    it('null puts the tenant on the global module, even over its file override', async () => {
      expect(store.policyNameFor('acme')).toBe('tenant:acme');
      expect(store.applyTenantPolicy('acme', null).ok).toBe(true);
      await expect(store.decide('acme', input('acme', 'analytics:read'))).resolves.toEqual({
        outcome: 'deny',
        policy: 'global',
      });
    });

    it('clearTenantPolicy puts the tenant back on its file override', async () => {
      store.applyTenantPolicy('acme', null);
      expect(store.policyNameFor('acme')).toBe('global');
      store.clearTenantPolicy('acme');
      await expect(store.decide('acme', input('acme', 'analytics:read'))).resolves.toEqual({
        outcome: 'allow',
        policy: 'tenant:acme',
      });
    });

    it('refuses a malformed tenant id', () => {
      const result = store.applyTenantPolicy('../etc', { path: 'x.rego', source: ANALYTICS });
      expect(result).toEqual({
        ok: false,
        diagnostics: [expect.stringContaining('invalid tenant id')],
      });
    });

    it('is re-applied on reload, against the new global policy', async () => {
      store.applyTenantPolicy('newco', { path: 'newco.rego', source: ANALYTICS });
      const reloaded = writePolicyDir({
        'global.rego': 'package coresdk.authz\n\nallow if input.action == "new:global"\n',
      });
      try {
        const result = store.install(
          readDirectorySnapshot({
            ...config(),
            policies: { ...config().policies, dir: reloaded.dir },
          }),
        );
        expect(result).toEqual({ ok: true, diagnostics: [] });
        await expect(
          store.decide('newco', input('newco', 'analytics:read')),
        ).resolves.toMatchObject({ outcome: 'allow' });
        await expect(store.decide('newco', input('newco', 'new:global'))).resolves.toMatchObject({
          outcome: 'allow',
        });
        await expect(store.decide('newco', input('newco', 'products:read'))).resolves.toMatchObject(
          { outcome: 'deny' },
        );
      } finally {
        reloaded.remove();
      }
    });
  });

  describe('#setTenantData', () => {
    it("replaces data.tenants[id] for that tenant's instance only", async () => {
      await expect(store.decide('newco', input('newco', 'reports:read'))).resolves.toMatchObject({
        outcome: 'deny',
      });
      const attributes = { plan: 'pro' };
      store.setTenantData('newco', attributes);
      attributes.plan = 'free'; // the store kept its own copy
      await expect(store.decide('newco', input('newco', 'reports:read'))).resolves.toMatchObject({
        outcome: 'allow',
      });
      await expect(store.decide('other', input('other', 'reports:read'))).resolves.toMatchObject({
        outcome: 'deny',
      });
      store.setTenantData('newco', null);
      await expect(store.decide('newco', input('newco', 'reports:read'))).resolves.toMatchObject({
        outcome: 'deny',
      });
    });

    it('survives a reload', async () => {
      store.setTenantData('newco', { plan: 'pro' });
      expect(store.install(readDirectorySnapshot(config())).ok).toBe(true);
      await expect(store.decide('newco', input('newco', 'reports:read'))).resolves.toMatchObject({
        outcome: 'allow',
      });
    });

    it('rejects attributes that are not JSON data', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      expect(() => store.setTenantData('newco', cyclic)).toThrow(/must be JSON data/);
    });

    it('rejects attributes that are not an object', () => {
      expect(() => store.setTenantData('newco', [] as unknown as Record<string, unknown>)).toThrow(
        TypeError,
      );
    });
  });
});
