/** Bundles: layout, loading the modules, and signature verification (tampering refused). */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { compile, loadCompiledPolicy } from '../../src';
import {
  buildBundle,
  BundleError,
  canonicalJson,
  packArchive,
  readBundle,
  unpackArchive,
  verifyBundle,
  type BundleModule,
  type SigningAlgorithm,
} from '../../src/bundle';

const ENTRYPOINT = 'coresdk/authz/allow';
const GLOBAL =
  'package coresdk.authz\n\ndefault allow := false\n\nallow if input.action == "read"\n';
const OVERRIDE = 'package coresdk.authz\n\nallow if input.action == data.extra_action\n';

function compiled(tenant: string | null, sources: string[]): BundleModule {
  const result = compile(
    sources.map((source, index) => ({ path: `m${index}.rego`, source })),
    { entrypoints: [ENTRYPOINT], regoVersion: 'v1' },
  );
  if (!result.ok || !result.wasm) throw new Error(JSON.stringify(result.diagnostics));
  return {
    tenant,
    wasm: result.wasm,
    entrypoints: result.entrypoints,
    hostBuiltins: result.hostBuiltins,
  };
}

const MODULES = [compiled(null, [GLOBAL]), compiled('acme-corp', [GLOBAL, OVERRIDE])];
const DATA = { extra_action: 'analytics' };

function keyPair(algorithm: SigningAlgorithm): {
  privatePem: string;
  publicPem: string;
  publicKey: KeyObject;
} {
  const pair =
    algorithm === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privatePem: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    publicPem: pair.publicKey.export({ type: 'spki', format: 'pem' }) as string,
    publicKey: pair.publicKey,
  };
}

const RSA = keyPair('RS256');
const EC = keyPair('ES256');

function signedBundle(
  algorithm: SigningAlgorithm = 'RS256',
  extra: { keyId?: string; scope?: string } = {},
) {
  const key = algorithm === 'RS256' ? RSA : EC;
  return buildBundle({
    entrypoint: ENTRYPOINT,
    regoVersion: 'v1',
    modules: MODULES,
    data: DATA,
    revision: 'r1',
    signing: { privateKey: key.privatePem, algorithm, ...extra },
  });
}

/** Rewrites the archive with `change` applied to its files (what an attacker can do). */
function tamper(bytes: Uint8Array, change: (files: Map<string, Uint8Array>) => void): Uint8Array {
  const files = unpackArchive(bytes);
  change(files);
  return packArchive(files);
}

const text = (value: string): Uint8Array => new TextEncoder().encode(value);

describe('buildBundle / readBundle', () => {
  it('records which modules the compiler found pure, so loaders may cache their decisions', async () => {
    const clock = compile(
      [{ path: 'clock.rego', source: 'package coresdk.authz\n\nallow if time.now_ns() > 0\n' }],
      { entrypoints: [ENTRYPOINT], regoVersion: 'v1' },
    );
    const { bytes } = await buildBundle({
      entrypoint: ENTRYPOINT,
      regoVersion: 'v1',
      modules: [
        { ...MODULES[0], pure: true },
        {
          tenant: 'clocked',
          wasm: clock.wasm!,
          entrypoints: clock.entrypoints,
          hostBuiltins: clock.hostBuiltins,
          pure: clock.pure,
        },
      ],
    });
    const bundle = await readBundle(bytes);
    expect(clock.pure).toBe(false);
    expect(bundle.global?.pure).toBe(true);
    expect(bundle.tenants.get('clocked')?.pure).toBeUndefined();
  });

  it('writes OPA’s layout with a manifest naming the modules', async () => {
    const { bytes, manifest } = await buildBundle({
      entrypoint: ENTRYPOINT,
      regoVersion: 'v1',
      modules: MODULES,
      data: DATA,
      revision: 'v42',
    });
    const bundle = await readBundle(bytes);
    expect([...bundle.files.keys()]).toEqual([
      '.manifest',
      'data.json',
      'policy.wasm',
      'tenants/acme-corp/policy.wasm',
    ]);
    expect(bundle.manifest).toEqual(manifest);
    expect(manifest).toMatchObject({
      revision: 'v42',
      roots: ['coresdk', 'extra_action'],
      wasm: [{ entrypoint: ENTRYPOINT, module: '/policy.wasm' }],
      rego_version: 1,
      metadata: { coresdk: { entrypoint: ENTRYPOINT, global: { module: '/policy.wasm' } } },
    });
    expect(bundle.data).toEqual(DATA);
    expect(bundle.signature).toBe('unsigned');
  });

  it('gives equal content an equal default revision, and changed content another', async () => {
    const build = (data: Record<string, unknown>) =>
      buildBundle({ entrypoint: ENTRYPOINT, regoVersion: 'v1', modules: MODULES, data });
    const [a, b, c] = await Promise.all([build(DATA), build(DATA), build({ other: 1 })]);
    expect(a.manifest.revision).toMatch(/^[0-9a-f]{16}$/);
    expect(a.manifest.revision).toBe(b.manifest.revision);
    expect(c.manifest.revision).not.toBe(a.manifest.revision);
  });

  it('loads each module and decides with the bundle data', async () => {
    const { bytes } = await signedBundle('ES256');
    const bundle = await verifyBundle(bytes, { publicKey: EC.publicPem });
    const decide = async (module: typeof bundle.global, action: string) => {
      const policy = await loadCompiledPolicy(module!);
      policy.setData(bundle.data);
      return policy.evaluate({ action }, ENTRYPOINT);
    };
    expect(await decide(bundle.global, 'analytics')).toEqual([{ result: false }]);
    expect(await decide(bundle.tenants.get('acme-corp')!, 'analytics')).toEqual([{ result: true }]);
    expect(await decide(bundle.tenants.get('acme-corp')!, 'read')).toEqual([{ result: true }]);
  });

  it('refuses bad module lists and invalid tenant names', async () => {
    await expect(
      buildBundle({ entrypoint: ENTRYPOINT, regoVersion: 'v1', modules: [] }),
    ).rejects.toThrow(/at least one module/);
    await expect(
      buildBundle({
        entrypoint: ENTRYPOINT,
        regoVersion: 'v1',
        modules: [{ ...MODULES[1], tenant: '../x' }],
      }),
    ).rejects.toThrow(/invalid tenant name/);
  });

  it('refuses a manifest that names a module the bundle lacks', async () => {
    const { bytes } = await buildBundle({
      entrypoint: ENTRYPOINT,
      regoVersion: 'v1',
      modules: MODULES,
    });
    const broken = tamper(bytes, (files) => files.delete('tenants/acme-corp/policy.wasm'));
    await expect(readBundle(broken)).rejects.toThrow(/not in the bundle/);
  });
});

describe('signed bundles', () => {
  it.each<SigningAlgorithm>(['RS256', 'ES256'])(
    '%s: signs every file and verifies',
    async (algorithm) => {
      const key = algorithm === 'RS256' ? RSA : EC;
      const { bytes } = await signedBundle(algorithm, { keyId: 'release' });
      const bundle = await verifyBundle(bytes, { publicKey: key.publicPem, keyId: 'release' });
      expect(bundle.signature).toBe('verified');
      const token = JSON.parse(new TextDecoder().decode(bundle.files.get('.signatures.json')))
        .signatures[0];
      const [header, payload] = token
        .split('.')
        .slice(0, 2)
        .map((part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
      expect(header).toEqual({ alg: algorithm, kid: 'release' });
      expect(payload.keyid).toBe('release');
      expect(payload.files.map((file: { name: string }) => file.name)).toEqual([
        '.manifest',
        'data.json',
        'policy.wasm',
        'tenants/acme-corp/policy.wasm',
      ]);
      for (const file of payload.files)
        expect(file).toMatchObject({
          algorithm: 'SHA-256',
          hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        });
      // Read without a key: content available, but reported as not verified.
      expect((await readBundle(bytes)).signature).toBe('not-verified');
    },
  );

  it('hashes JSON files over their canonical form (whitespace and key order do not matter)', async () => {
    const { bytes } = await signedBundle();
    const reformatted = tamper(bytes, (files) => {
      const manifest = JSON.parse(new TextDecoder().decode(files.get('.manifest')));
      const reordered = Object.fromEntries(Object.entries(manifest).reverse());
      files.set('.manifest', text(JSON.stringify(reordered, null, 4)));
      files.set('data.json', text('{\n  "extra_action" :  "analytics"\n}'));
    });
    await expect(verifyBundle(reformatted, { publicKey: RSA.publicPem })).resolves.toMatchObject({
      signature: 'verified',
    });
  });

  it.each<[string, (files: Map<string, Uint8Array>) => void, RegExp]>([
    [
      'changed data',
      (files) => files.set('data.json', text('{"extra_action":"products:delete"}')),
      /data.json: digest mismatch/,
    ],
    [
      'changed module',
      (files) => {
        const wasm = files.get('tenants/acme-corp/policy.wasm')!.slice();
        wasm[wasm.length - 1] ^= 1;
        files.set('tenants/acme-corp/policy.wasm', wasm);
      },
      /tenants\/acme-corp\/policy.wasm: digest mismatch/,
    ],
    [
      'added file',
      (files) => files.set('tenants/evil/policy.wasm', text('x')),
      /not covered by the bundle signature/,
    ],
    ['removed file', (files) => files.delete('data.json'), /missing from the bundle: data.json/],
    ['removed signature', (files) => files.delete('.signatures.json'), /not signed/],
    [
      'two signatures',
      (files) => {
        const token = JSON.parse(new TextDecoder().decode(files.get('.signatures.json')))
          .signatures[0];
        files.set('.signatures.json', text(JSON.stringify({ signatures: [token, token] })));
      },
      /exactly one signature/,
    ],
    [
      'forged payload',
      (files) => {
        const [header, , signature] = JSON.parse(
          new TextDecoder().decode(files.get('.signatures.json')),
        ).signatures[0].split('.');
        const payload = Buffer.from(JSON.stringify({ files: [] })).toString('base64url');
        files.set(
          '.signatures.json',
          text(JSON.stringify({ signatures: [`${header}.${payload}.${signature}`] })),
        );
      },
      /signature does not verify/,
    ],
  ])('refuses a bundle with a %s', async (_name, change, error) => {
    const { bytes } = await signedBundle();
    await expect(verifyBundle(tamper(bytes, change), { publicKey: RSA.publicPem })).rejects.toThrow(
      error,
    );
  });

  it('refuses an unsigned bundle when a key is configured', async () => {
    const { bytes } = await buildBundle({
      entrypoint: ENTRYPOINT,
      regoVersion: 'v1',
      modules: MODULES,
    });
    await expect(readBundle(bytes, { verification: { publicKey: RSA.publicPem } })).rejects.toThrow(
      /not signed/,
    );
  });

  it('refuses another key, another algorithm, another key id or scope', async () => {
    const { bytes } = await signedBundle('RS256', { keyId: 'release', scope: 'write' });
    const other = keyPair('RS256');
    await expect(
      verifyBundle(bytes, { publicKey: other.publicPem, scope: 'write' }),
    ).rejects.toThrow(/does not verify/);
    await expect(verifyBundle(bytes, { publicKey: EC.publicPem, scope: 'write' })).rejects.toThrow(
      BundleError,
    );
    await expect(
      verifyBundle(bytes, { publicKey: RSA.publicPem, algorithm: 'ES256', scope: 'write' }),
    ).rejects.toThrow(BundleError);
    await expect(
      verifyBundle(bytes, { publicKey: RSA.publicPem, keyId: 'staging', scope: 'write' }),
    ).rejects.toThrow(/key id "release", expected "staging"/);
    await expect(verifyBundle(bytes, { publicKey: RSA.publicPem })).rejects.toThrow(
      /scope mismatch/,
    );
    await expect(
      verifyBundle(bytes, {
        publicKey: RSA.publicKey.export({ format: 'jwk' }),
        keyId: 'release',
        scope: 'write',
      }),
    ).resolves.toMatchObject({ signature: 'verified' });
  });

  it('reports unusable keys clearly', async () => {
    await expect(
      buildBundle({
        entrypoint: ENTRYPOINT,
        regoVersion: 'v1',
        modules: MODULES,
        signing: { privateKey: 'not a key', algorithm: 'RS256' },
      }),
    ).rejects.toThrow(/not a PEM private key/);
    await expect(
      buildBundle({
        entrypoint: ENTRYPOINT,
        regoVersion: 'v1',
        modules: MODULES,
        signing: { privateKey: EC.privatePem, algorithm: 'RS256' },
      }),
    ).rejects.toThrow(/RS256 needs an RSA private key, the signing key is of type ec/);
    const { bytes } = await signedBundle();
    await expect(verifyBundle(bytes, { publicKey: 'nope' })).rejects.toThrow(/not a public key/);
  });
});

describe('canonicalJson', () => {
  it('sorts keys, drops whitespace and escapes as Go does', () => {
    expect(canonicalJson({ b: [1, { d: null, c: true }], a: '<&>\u2028é' })).toBe(
      '{"a":"\\u003c\\u0026\\u003e\\u2028é","b":[1,{"c":true,"d":null}]}',
    );
  });
});
