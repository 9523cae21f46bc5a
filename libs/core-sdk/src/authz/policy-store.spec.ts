import { Logger } from '@nestjs/common';
import { join } from 'node:path';
import {
  ACME_OVERRIDE,
  GLOBAL_POLICY,
  writePolicyDir,
  type PolicyDir,
} from '../../test/authz-support/policy-dir';
import { resolveCoreSdkConfig } from '../config';
import type { CoreSdkConfig } from '../config/core-sdk-config.interface';
import { PolicyCompileError } from '../errors/policy-compile.error';
import type { PolicyInput } from './policy-decision.interface';
import { PolicyStore } from './policy-store';

function configFor(dir: string, tenants = ['acme', 'globex']): CoreSdkConfig {
  return resolveCoreSdkConfig({
    configFile: false,
    env: {},
    auth: { hmacSecret: 'x'.repeat(32), algorithms: ['HS256'] },
    policies: { dir },
    tenants: tenants.map((id) => ({ id, plan: id === 'acme' ? 'pro' : 'free' })),
  });
}

function input(tenant: string, action: string): PolicyInput {
  return {
    action,
    tenant_id: tenant,
    user: { sub: 'user-1', tenant_id: tenant },
    resource: null,
    request: { method: 'GET', path: '/' },
  };
}

describe('PolicyStore', () => {
  const dirs: PolicyDir[] = [];
  const policyDir = (files: Record<string, string>): string => {
    const dir = writePolicyDir(files);
    dirs.push(dir);
    return dir.dir;
  };
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => dirs.forEach((dir) => dir.remove()));

  describe('#load', () => {
    it('compiles one module per overriding tenant; the others share the global one', () => {
      const dir = policyDir({ 'global.rego': GLOBAL_POLICY, 'tenants/acme.rego': ACME_OVERRIDE });
      const store = PolicyStore.load(configFor(dir));
      expect(store.policyNameFor('acme')).toBe('tenant:acme');
      expect(store.policyNameFor('globex')).toBe('global');
      expect(warn).not.toHaveBeenCalled();
    });

    it('warns about a policy file of an undeclared tenant and never compiles it', () => {
      const dir = policyDir({
        'global.rego': GLOBAL_POLICY,
        // Would not even compile: proves the file is skipped, not just unused.
        'tenants/initech.rego': 'package coresdk.authz\nallow if {',
      });
      const store = PolicyStore.load(configFor(dir));
      expect(store.policyNameFor('initech')).toBe('global');
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('no declared tenant "initech"'));
    });

    it('never turns a malformed file name into a tenant module', () => {
      const dir = policyDir({ 'global.rego': GLOBAL_POLICY, 'tenants/Not_A..Tenant.rego': '' });
      PolicyStore.load(configFor(dir, []));
      expect(warn).toHaveBeenCalledWith(expect.stringContaining('Not_A..Tenant'));
    });

    it('stops with positioned diagnostics when the global policy does not compile', () => {
      const dir = policyDir({
        'global.rego': 'package coresdk.authz\n\nallow if {\n\tinput.action ==\n}\n',
      });
      const error = captureError(() => PolicyStore.load(configFor(dir)));
      expect(error).toBeInstanceOf(PolicyCompileError);
      expect(error.message).toContain('global policy');
      expect(error.message).toMatch(
        new RegExp(`${escape(join(dir, 'global.rego'))}:\\d+:\\d+: rego_parse_error`),
      );
    });

    it("stops with the override's diagnostics when a tenant override does not compile", () => {
      const dir = policyDir({
        'global.rego': GLOBAL_POLICY,
        'tenants/acme.rego': 'package coresdk.authz\n\nallow if undefined_var == 1\n',
      });
      const error = captureError(() => PolicyStore.load(configFor(dir)));
      expect(error.message).toContain('tenant:acme');
      expect(error.message).toContain(`${join(dir, 'tenants', 'acme.rego')}:3:`);
    });

    it('explains how to fix a missing global.rego', () => {
      const dir = policyDir({ 'tenants/acme.rego': ACME_OVERRIDE });
      expect(() => PolicyStore.load(configFor(dir))).toThrow(/global\.rego not found/);
    });
  });

  describe('#decide', () => {
    let store: PolicyStore;
    beforeAll(() => {
      jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
      const dir = policyDir({ 'global.rego': GLOBAL_POLICY, 'tenants/acme.rego': ACME_OVERRIDE });
      store = PolicyStore.load(configFor(dir));
    });

    it("decides with the tenant's own module", async () => {
      await expect(store.decide('acme', input('acme', 'analytics:read'))).resolves.toEqual({
        outcome: 'allow',
        policy: 'tenant:acme',
      });
      await expect(store.decide('globex', input('globex', 'analytics:read'))).resolves.toEqual({
        outcome: 'deny',
        policy: 'global',
      });
    });

    it('selects the module by the tenant argument, never by the input', async () => {
      await expect(store.decide('globex', input('acme', 'analytics:read'))).resolves.toEqual({
        outcome: 'deny',
        policy: 'global',
      });
    });

    it('denies a non-boolean result', async () => {
      await expect(store.decide('acme', input('acme', 'not:boolean'))).resolves.toMatchObject({
        outcome: 'deny',
      });
    });

    it('reports a trap as an error, then decides again on a fresh instance', async () => {
      await expect(store.decide('acme', input('acme', 'engine:trap'))).resolves.toEqual({
        outcome: 'error',
        policy: 'tenant:acme',
        reason: 'evaluation_error',
      });
      await expect(store.decide('acme', input('acme', 'analytics:read'))).resolves.toMatchObject({
        outcome: 'allow',
      });
    });
  });

  describe('evaluation budgets', () => {
    const load = (budget: { timeMs: number; memoryBytes: number }): PolicyStore =>
      PolicyStore.load(configFor(policyDir({ 'global.rego': GLOBAL_POLICY })), budget);

    it('reports an evaluation over the time budget as an error', async () => {
      const store = load({ timeMs: -1, memoryBytes: 1 << 30 });
      await expect(store.decide('acme', input('acme', 'products:read'))).resolves.toEqual({
        outcome: 'error',
        policy: 'global',
        reason: 'time_budget_exceeded',
      });
    });

    it('reports an evaluation over the memory budget as an error', async () => {
      const store = load({ timeMs: 10_000, memoryBytes: 1 });
      await expect(store.decide('acme', input('acme', 'products:read'))).resolves.toEqual({
        outcome: 'error',
        policy: 'global',
        reason: 'memory_budget_exceeded',
      });
    });
  });
});

function captureError(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
