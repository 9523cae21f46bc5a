import { Logger } from '@nestjs/common';
import { buildBundle, compile } from '@coresdk/rego';
import { resolveCoreSdkConfig } from '../config';
import type { PolicyInput } from './policy-decision.interface';
import type { PolicyFile } from './policy-files';
import type { PolicySnapshot } from './policy-snapshot.interface';
import { PolicyStore } from './policy-store';
import { snapshotFromBundle } from './sources/bundle-snapshot';

const ENTRYPOINT = 'coresdk/authz/allow';

function compiled(name: string, files: PolicyFile[]) {
  const result = compile(files, { entrypoints: [ENTRYPOINT], regoVersion: 'v1' });
  if (!result.wasm) throw new Error(JSON.stringify(result.diagnostics));
  return {
    name,
    wasm: result.wasm,
    hostBuiltins: result.hostBuiltins,
    entrypoints: result.entrypoints,
    pure: result.pure,
  };
}

function snapshot(
  revision: string,
  global: string,
  extra: Partial<PolicySnapshot> = {},
): PolicySnapshot {
  const sources = [{ path: 'global.rego', source: global }];
  return {
    revision,
    origin: `test:${revision}`,
    global: compiled('global', sources),
    tenants: new Map(),
    data: {},
    sharedSources: sources,
    ...extra,
  };
}

const config = (tenants: Array<{ id: string; [key: string]: unknown }> = []) =>
  resolveCoreSdkConfig({
    configFile: false,
    env: {},
    auth: { hmacSecret: 'x'.repeat(32), algorithms: ['HS256'] },
    tenants,
  });

function input(tenant: string, action: string): PolicyInput {
  return {
    action,
    tenant_id: tenant,
    user: {},
    resource: null,
    request: { method: 'GET', path: '/' },
  };
}

const ALLOW_READ = 'package coresdk.authz\n\nallow if input.action == "read"\n';
const ALLOW_WRITE = 'package coresdk.authz\n\nallow if input.action == "write"\n';

describe('PolicyStore snapshot swaps', () => {
  beforeEach(() => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('lets a request that already took its tenant module finish on it', async () => {
    const store = new PolicyStore(config(), snapshot('r1', ALLOW_READ));
    // The first request of a tenant awaits its instance: the swap lands meanwhile.
    const inFlight = store.decide('acme', input('acme', 'read'));
    expect(store.install(snapshot('r2', ALLOW_WRITE)).ok).toBe(true);
    await expect(inFlight).resolves.toMatchObject({ outcome: 'allow' });
    await expect(store.decide('acme', input('acme', 'read'))).resolves.toMatchObject({
      outcome: 'deny',
    });
    await expect(store.decide('acme', input('acme', 'write'))).resolves.toMatchObject({
      outcome: 'allow',
    });
    expect(store.revision).toBe('r2');
  });

  it('refuses a snapshot whose module lacks the entrypoint, keeping every tenant on the old one', async () => {
    const store = new PolicyStore(config(), snapshot('r1', ALLOW_READ));
    const other = compile([{ path: 'x.rego', source: 'package other\n\nallow := true\n' }], {
      entrypoints: ['other/allow'],
      regoVersion: 'v1',
    });
    const bad = {
      ...snapshot('r2', ALLOW_WRITE),
      global: { name: 'global', wasm: other.wasm!, hostBuiltins: [], pure: false },
    };
    const result = store.install(bad);
    expect(result.ok).toBe(false);
    expect(result.diagnostics).toEqual([
      expect.stringContaining('no entrypoint coresdk/authz/allow'),
    ]);
    expect(store.revision).toBe('r1');
    await expect(store.decide('acme', input('acme', 'read'))).resolves.toMatchObject({
      outcome: 'allow',
    });
  });

  it('refuses bytes that are not a Wasm module', () => {
    const store = new PolicyStore(config(), snapshot('r1', ALLOW_READ));
    const garbage = {
      ...snapshot('r2', ALLOW_READ),
      global: { name: 'global', wasm: new Uint8Array([1, 2, 3]), hostBuiltins: [], pure: false },
    };
    expect(store.install(garbage)).toEqual({
      ok: false,
      diagnostics: [expect.stringContaining('global: the module cannot be loaded')],
    });
  });

  it('keeps a tenant whose runtime override no longer compiles on its previous module', async () => {
    const store = new PolicyStore(config(), snapshot('r1', ALLOW_READ));
    const override = 'package coresdk.authz\n\nhelper := 1\nallow if helper == 1\n';
    expect(store.applyTenantPolicy('acme', { path: 'acme.rego', source: override }).ok).toBe(true);
    // The new global policy defines helper as a function: acme's module no longer compiles.
    const result = store.install(snapshot('r2', `${ALLOW_WRITE}\nhelper(x) := x\n`));
    expect(result.ok).toBe(true);
    expect(result.diagnostics.join('\n')).toMatch(
      /tenant:acme \(runtime override\) keeps its previous module: .*helper/,
    );
    expect(store.revision).toBe('r2');
    // Everyone else moved to r2; acme still decides with the module it had.
    await expect(store.decide('globex', input('globex', 'write'))).resolves.toMatchObject({
      outcome: 'allow',
    });
    await expect(store.decide('globex', input('globex', 'read'))).resolves.toMatchObject({
      outcome: 'deny',
    });
    await expect(store.decide('acme', input('acme', 'read'))).resolves.toMatchObject({
      outcome: 'allow',
      policy: 'tenant:acme',
    });
    await expect(store.decide('acme', input('acme', 'write'))).resolves.toMatchObject({
      outcome: 'allow',
    });
  });

  describe('with a bundle snapshot', () => {
    const PEEK = `package coresdk.authz

allow if {
	input.action == "plan"
	data.tenants[input.tenant_id].plan == "pro"
}

allow if {
	input.action == "peek"
	data.tenants.globex
}

allow if {
	input.action == "region"
	data.regions[_] == "eu"
}
`;

    async function bundleSnapshot(withSources: boolean) {
      const global = compiled('global', [{ path: '/global.rego', source: PEEK }]);
      const { bytes } = await buildBundle({
        entrypoint: ENTRYPOINT,
        regoVersion: 'v1',
        modules: [
          {
            tenant: null,
            wasm: global.wasm,
            entrypoints: global.entrypoints,
            hostBuiltins: global.hostBuiltins,
          },
        ],
        data: { regions: ['eu'], tenants: { acme: { plan: 'pro' }, globex: { plan: 'free' } } },
        revision: 'b1',
      });
      const snapshot = await snapshotFromBundle(bytes, 'bundle:test', {
        entrypoint: ENTRYPOINT,
        verification: null,
      });
      return withSources
        ? { ...snapshot, sharedSources: [{ path: '/global.rego', source: PEEK }] }
        : snapshot;
    }

    it("gives each tenant only its own data.tenants entry, and the bundle's other data", async () => {
      const store = new PolicyStore(config(), await bundleSnapshot(false));
      await expect(store.decide('acme', input('acme', 'plan'))).resolves.toMatchObject({
        outcome: 'allow',
      });
      await expect(store.decide('acme', input('acme', 'peek'))).resolves.toMatchObject({
        outcome: 'deny',
      });
      await expect(store.decide('globex', input('globex', 'plan'))).resolves.toMatchObject({
        outcome: 'deny',
      });
      await expect(store.decide('acme', input('acme', 'region'))).resolves.toMatchObject({
        outcome: 'allow',
      });
    });

    it('lets [[tenants]] attributes and setTenantData win over the bundle data', async () => {
      const store = new PolicyStore(
        config([{ id: 'acme', plan: 'free' }]),
        await bundleSnapshot(false),
      );
      await expect(store.decide('acme', input('acme', 'plan'))).resolves.toMatchObject({
        outcome: 'deny',
      });
      store.setTenantData('acme', { plan: 'pro' });
      await expect(store.decide('acme', input('acme', 'plan'))).resolves.toMatchObject({
        outcome: 'allow',
      });
    });

    it('explains that a runtime override needs the global Rego sources in the bundle', async () => {
      const store = new PolicyStore(config(), await bundleSnapshot(false));
      const result = store.applyTenantPolicy('acme', { path: 'acme.rego', source: ALLOW_WRITE });
      expect(result).toEqual({
        ok: false,
        diagnostics: [expect.stringContaining('carries no Rego sources')],
      });
    });

    it('compiles a runtime override against Rego sources the bundle ships', async () => {
      const store = new PolicyStore(config(), await bundleSnapshot(true));
      expect(store.applyTenantPolicy('acme', { path: 'acme.rego', source: ALLOW_WRITE }).ok).toBe(
        true,
      );
      await expect(store.decide('acme', input('acme', 'write'))).resolves.toMatchObject({
        outcome: 'allow',
        policy: 'tenant:acme',
      });
      await expect(store.decide('acme', input('acme', 'region'))).resolves.toMatchObject({
        outcome: 'allow',
      });
    });
  });
});
