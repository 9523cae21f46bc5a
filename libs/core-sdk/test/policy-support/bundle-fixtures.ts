import { buildBundle, compile } from '@coresdk/rego';
import { packArchive, unpackArchive } from '@coresdk/rego/bundle';
import { generateKeyPairSync } from 'node:crypto';

export const ENTRYPOINT = 'coresdk/authz/allow';

/** An EC P-256 key pair in PEM, as `coresdk build --bundle --signing-key` would use. */
export interface BundleKeys {
  privateKey: string;
  publicKey: string;
}

export function createBundleKeys(): BundleKeys {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return {
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function compileOrThrow(path: string, sources: Array<{ path: string; source: string }>) {
  const result = compile(sources, { entrypoints: [ENTRYPOINT], regoVersion: 'v1' });
  if (!result.ok || !result.wasm)
    throw new Error(`${path}: test policy does not compile: ${JSON.stringify(result.diagnostics)}`);
  return result;
}

export interface BundleContent {
  global: string;
  /** tenant id → override source (compiled together with global). */
  tenants?: Record<string, string>;
  data?: Record<string, unknown>;
  revision: string;
  signingKey?: string;
}

/** A CoreSDK bundle (global + tenant modules) built by OUR compiler and bundle writer. */
export async function buildTestBundle(content: BundleContent): Promise<Uint8Array> {
  const global = { path: '/global.rego', source: content.global };
  const modules = [{ tenant: null as string | null, ...pick(compileOrThrow('global', [global])) }];
  for (const [tenant, source] of Object.entries(content.tenants ?? {}))
    modules.push({
      tenant,
      ...pick(compileOrThrow(tenant, [global, { path: `/tenants/${tenant}.rego`, source }])),
    });
  const { bytes } = await buildBundle({
    entrypoint: ENTRYPOINT,
    regoVersion: 'v1',
    modules,
    data: content.data,
    revision: content.revision,
    signing: content.signingKey
      ? { privateKey: content.signingKey, algorithm: 'ES256' }
      : undefined,
  });
  return bytes;
}

function pick(result: ReturnType<typeof compile>) {
  return {
    wasm: result.wasm as Uint8Array,
    entrypoints: result.entrypoints,
    hostBuiltins: result.hostBuiltins,
  };
}

/**
 * The exact layout `opa build -t wasm -e coresdk/authz/allow` writes: `/policy.wasm`,
 * `/data.json` and a `.manifest` with only OPA's fields (no `metadata.coresdk`), here with
 * a module from our compiler (same ABI).
 */
export function buildOpaLayoutBundle(source: string, revision: string): Uint8Array {
  const compiled = compileOrThrow('policy', [{ path: '/policy.rego', source }]);
  const encoder = new TextEncoder();
  const manifest = {
    revision,
    roots: [''],
    wasm: [{ entrypoint: ENTRYPOINT, module: '/policy.wasm' }],
  };
  return packArchive(
    new Map([
      ['.manifest', encoder.encode(JSON.stringify(manifest))],
      ['data.json', encoder.encode('{}')],
      ['policy.wasm', compiled.wasm as Uint8Array],
    ]),
  );
}

/**
 * An attacker's bundle: the signed bundle's files with `policy.wasm` replaced by a module
 * that allows everything, and the original `.signatures.json` kept.
 */
export function tamperBundle(signed: Uint8Array): Uint8Array {
  const files = unpackArchive(signed);
  const permissive = compileOrThrow('tampered', [
    { path: '/global.rego', source: 'package coresdk.authz\n\nallow := true\n' },
  ]);
  files.set('policy.wasm', permissive.wasm as Uint8Array);
  return packArchive(files);
}
