import { Logger } from '@nestjs/common';
import { writePolicyDir } from '../../test/authz-support/policy-dir';
import { resolveCoreSdkConfig } from '../config';
import { PolicyStore } from './policy-store';

// The Wasm module of a tenant cannot be instantiated (e.g. a host builtin is missing).
const actualRego = jest.requireActual('@coresdk/rego');
const loadCompiledPolicy = jest.fn();
jest.mock('@coresdk/rego', () => ({
  ...jest.requireActual('@coresdk/rego'),
  loadCompiledPolicy: (...args: unknown[]) => loadCompiledPolicy(...args),
}));

describe('PolicyStore when a module cannot be loaded', () => {
  const policies = writePolicyDir({ 'global.rego': 'package coresdk.authz\n\nallow := true\n' });
  afterAll(() => policies.remove());

  it('reports module_unavailable, then retries the load on the next request', async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    const config = resolveCoreSdkConfig({
      configFile: false,
      env: {},
      auth: { hmacSecret: 'x'.repeat(32), algorithms: ['HS256'] },
      policies: { dir: policies.dir },
      tenants: [{ id: 'acme' }],
    });
    const store = PolicyStore.load(config);
    const input = {
      action: 'a',
      tenant_id: 'acme',
      user: {},
      resource: null,
      request: { method: 'GET', path: '/' },
    };

    loadCompiledPolicy.mockRejectedValueOnce(new WebAssembly.LinkError('missing import'));
    await expect(store.decide('acme', input)).resolves.toEqual({
      outcome: 'error',
      policy: 'global',
      reason: 'module_unavailable',
    });

    loadCompiledPolicy.mockImplementation(actualRego.loadCompiledPolicy);
    await expect(store.decide('acme', input)).resolves.toEqual({
      outcome: 'allow',
      policy: 'global',
    });
    expect(loadCompiledPolicy).toHaveBeenCalledTimes(2);
  });
});
