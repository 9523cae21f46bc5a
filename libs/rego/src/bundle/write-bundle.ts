/**
 * Writes a CoreSDK policy bundle in OPA's layout (see manifest.ts): `/.manifest`,
 * `/data.json`, `/policy.wasm` (global policy), `/tenants/<tenant>/policy.wasm`, and, when
 * a signing key is given, `/.signatures.json` covering every other file.
 */
import { createHash } from 'node:crypto';
import { packArchive, type BundleFiles } from './archive';
import { BundleError } from './bundle-error';
import { canonicalJson } from './canonical-json';
import { HASH_ALGORITHM, hashBundleFile } from './file-hash';
import {
  DATA_FILE,
  GLOBAL_MODULE_PATH,
  MANIFEST_FILE,
  SIGNATURES_FILE,
  tenantModulePath,
  type BundleManifest,
  type CoreSdkModuleEntry,
} from './manifest';
import { signFiles, type SigningOptions } from './signing';

export interface BundleModule {
  /** null for the global policy alone. */
  tenant: string | null;
  wasm: Uint8Array;
  entrypoints: Record<string, number>;
  hostBuiltins: string[];
  /** CompileResult.pure; recorded in the (signed) manifest only when true. */
  pure?: boolean;
}

export interface BuildBundleOptions {
  /** The decision the `wasm` resolver names (`coresdk/authz/allow`). */
  entrypoint: string;
  regoVersion: 'v0' | 'v1';
  modules: BundleModule[];
  /** Base document written to /data.json; `{}` by default. */
  data?: Record<string, unknown>;
  /** Defaults to a hash of the bundle's content, so equal bundles get equal revisions. */
  revision?: string;
  signing?: SigningOptions;
  /** Recorded for loaders: the modules were built to be loaded with strict built-in errors. */
  strictBuiltinErrors?: boolean;
}

const TENANT_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

export async function buildBundle(
  options: BuildBundleOptions,
): Promise<{ bytes: Uint8Array; manifest: BundleManifest }> {
  const data = options.data ?? {};
  const modules = new Map<string, Uint8Array>();
  const entries: Record<string, CoreSdkModuleEntry> = {};
  let global: CoreSdkModuleEntry | null = null;
  for (const module of options.modules) {
    if (module.tenant !== null && !TENANT_NAME.test(module.tenant))
      throw new BundleError(`invalid tenant name ${JSON.stringify(module.tenant)}`);
    const path = module.tenant === null ? GLOBAL_MODULE_PATH : tenantModulePath(module.tenant);
    if (modules.has(path)) throw new BundleError(`two modules for ${path}`);
    modules.set(path, module.wasm);
    const entry = {
      module: path,
      entrypoints: module.entrypoints,
      hostBuiltins: module.hostBuiltins,
      ...(module.pure === true && { pure: true }),
    };
    if (module.tenant === null) global = entry;
    else entries[module.tenant] = entry;
  }
  if (modules.size === 0) throw new BundleError('a bundle needs at least one module');

  const manifest: BundleManifest = {
    revision: options.revision ?? contentRevision(data, modules),
    roots: rootsOf(options.entrypoint, data),
    wasm: global ? [{ entrypoint: options.entrypoint, module: GLOBAL_MODULE_PATH }] : [],
    rego_version: options.regoVersion === 'v1' ? 1 : 0,
    metadata: {
      coresdk: {
        entrypoint: options.entrypoint,
        regoVersion: options.regoVersion,
        strictBuiltinErrors: options.strictBuiltinErrors ?? false,
        global,
        tenants: entries,
      },
    },
  };
  const encoder = new TextEncoder();
  const files: BundleFiles = new Map([
    [MANIFEST_FILE, encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`)],
    [DATA_FILE, encoder.encode(`${JSON.stringify(data)}\n`)],
    ...[...modules].map(([path, wasm]) => [path.slice(1), wasm] as [string, Uint8Array]),
  ]);
  if (options.signing) {
    const signed = [...files].map(([name, content]) => ({
      name,
      hash: hashBundleFile(name, content),
      algorithm: HASH_ALGORITHM,
    }));
    const token = await signFiles(signed, options.signing);
    files.set(
      SIGNATURES_FILE,
      encoder.encode(`${JSON.stringify({ signatures: [token] }, null, 1)}\n`),
    );
  }
  return { bytes: packArchive(files), manifest };
}

/**
 * Roots claim the parts of `data` the bundle owns: the entrypoint's top-level package
 * segment and the top-level keys of data.json (distinct first segments never overlap,
 * which OPA requires).
 */
function rootsOf(entrypoint: string, data: Record<string, unknown>): string[] {
  return [...new Set([entrypoint.split('/')[0], ...Object.keys(data)])].sort();
}

function contentRevision(data: unknown, modules: ReadonlyMap<string, Uint8Array>): string {
  const hash = createHash('sha256').update(canonicalJson(data));
  for (const [path, wasm] of [...modules].sort(([a], [b]) => (a < b ? -1 : 1)))
    hash.update(`\0${path}\0`).update(wasm);
  return hash.digest('hex').slice(0, 16);
}
