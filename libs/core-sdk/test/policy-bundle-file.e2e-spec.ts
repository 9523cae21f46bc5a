import { Logger } from '@nestjs/common';
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createIssuer, type IssuerFixture } from './authz-support/keys';
import {
  buildOpaLayoutBundle,
  buildTestBundle,
  createBundleKeys,
  type BundleKeys,
} from './policy-support/bundle-fixtures';
import {
  policyOptions,
  startPolicyApp,
  waitFor,
  type PolicyApp,
} from './policy-support/policy-fixture-app';

const GLOBAL = 'package coresdk.authz\n\nallow if input.action == "products:read"\n';
const ACME = 'package coresdk.authz\n\nallow if input.action == "analytics:read"\n';

describe('policies from a bundle file', () => {
  let issuer: IssuerFixture;
  let keys: BundleKeys;
  let dir: string;
  let tokens: Record<string, string>;
  const apps: PolicyApp[] = [];
  const start = async (policies: Parameters<typeof policyOptions>[1]) => {
    const app = await startPolicyApp(policyOptions(issuer.jwksFile, policies));
    apps.push(app);
    return app;
  };

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    issuer = await createIssuer();
    keys = createBundleKeys();
    dir = mkdtempSync(join(tmpdir(), 'coresdk-bundle-file-'));
    writeFileSync(join(dir, 'bundle.pub.pem'), keys.publicKey);
    tokens = { acme: await issuer.token('acme'), globex: await issuer.token('globex') };
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    rmSync(dir, { recursive: true, force: true });
    issuer?.remove();
    jest.restoreAllMocks();
  });

  it("decides with the bundle's global and per-tenant modules", async () => {
    const file = join(dir, 'coresdk.tar.gz');
    writeFileSync(
      file,
      await buildTestBundle({ global: GLOBAL, tenants: { acme: ACME }, revision: 'b1' }),
    );
    const app = await start({ bundleFile: file });
    expect(app.host.current?.revision).toBe('b1');
    expect(app.host.current?.policyNameFor('acme')).toBe('tenant:acme');
    expect(await app.status('/analytics', tokens.acme)).toBe(200);
    expect(await app.status('/analytics', tokens.globex)).toBe(403);
    expect(await app.status('/products', tokens.globex)).toBe(200);
  });

  it('loads the layout `opa build -t wasm` writes (only /policy.wasm and a wasm manifest entry)', async () => {
    const file = join(dir, 'opa-layout.tar.gz');
    writeFileSync(
      file,
      buildOpaLayoutBundle(
        // regex.match is a built-in the module imports from the host: found by reading the module.
        'package coresdk.authz\n\nallow if regex.match("^products:read$", input.action)\n',
        'opa-1',
      ),
    );
    const app = await start({ bundleFile: file });
    expect(app.host.current?.revision).toBe('opa-1');
    expect(await app.status('/products', tokens.acme)).toBe(200);
    expect(await app.status('/analytics', tokens.acme)).toBe(403);
  });

  it('verifies the signature and reloads a watched file replaced by rename', async () => {
    const file = join(dir, 'signed.tar.gz');
    writeFileSync(
      file,
      await buildTestBundle({ global: GLOBAL, revision: 's1', signingKey: keys.privateKey }),
    );
    const app = await start({
      bundleFile: file,
      watch: true,
      verificationKeyFile: join(dir, 'bundle.pub.pem'),
    });
    expect(await app.status('/analytics', tokens.globex)).toBe(403);

    const next = join(dir, 'signed.tar.gz.tmp');
    writeFileSync(
      next,
      await buildTestBundle({
        global: `${GLOBAL}\nallow if input.action == "analytics:read"\n`,
        revision: 's2',
        signingKey: keys.privateKey,
      }),
    );
    renameSync(next, file);
    await waitFor(async () => (await app.status('/analytics', tokens.globex)) === 200, 3_000);
    expect(app.host.current?.revision).toBe('s2');
  });

  it('refuses to start with an unsigned bundle when a verification key is configured', async () => {
    const file = join(dir, 'unsigned.tar.gz');
    writeFileSync(file, await buildTestBundle({ global: GLOBAL, revision: 'u1' }));
    await expect(
      start({ bundleFile: file, verificationKeyFile: join(dir, 'bundle.pub.pem') }),
    ).rejects.toThrow(/bundle is not signed/);
  });

  it('refuses to start when the bundle file is missing, naming the setting to fix', async () => {
    await expect(start({ bundleFile: join(dir, 'missing.tar.gz') })).rejects.toThrow(
      /missing\.tar\.gz.*\n.*\[policies\]/s,
    );
  });
});
