/**
 * The `/.manifest` of a CoreSDK bundle: OPA's fields (`revision`, `roots`, `wasm`
 * resolvers, `rego_version`) plus `metadata.coresdk`, which OPA leaves to the bundle's
 * author. OPA allows one Wasm module per entrypoint, so `wasm` names only the global
 * module (`/policy.wasm`); the per-tenant modules (`/tenants/<tenant>/policy.wasm`, each
 * the global policy plus the tenant's override, compiled together) are listed under
 * `metadata.coresdk.tenants` with what loading them needs (their host built-ins).
 * A tenant without an entry there uses the global module, as at runtime.
 */
import { BundleError } from './bundle-error';

export const MANIFEST_FILE = '.manifest';
export const DATA_FILE = 'data.json';
export const SIGNATURES_FILE = '.signatures.json';
export const GLOBAL_MODULE_PATH = '/policy.wasm';

export function tenantModulePath(tenant: string): string {
  return `/tenants/${tenant}/policy.wasm`;
}

export interface WasmResolver {
  /** Slash path of the decision below `data` (`coresdk/authz/allow`). */
  entrypoint: string;
  /** Path of the module inside the bundle, with a leading `/`. */
  module: string;
}

export interface CoreSdkModuleEntry {
  module: string;
  /** Entrypoint name → id, as the module's `entrypoints()` export reports them. */
  entrypoints: Record<string, number>;
  /** Built-ins the module calls on the host; pass them to `loadCompiledPolicy`. */
  hostBuiltins: string[];
  /**
   * The compiler found the policy pure (no clock, randomness, network or print built-in):
   * a loader may reuse a decision for an identical input. Absent means unknown: do not.
   */
  pure?: boolean;
}

export interface CoreSdkMetadata {
  entrypoint: string;
  regoVersion: 'v0' | 'v1';
  /** Load the modules with `strictBuiltinErrors` (host built-in errors fail the evaluation). */
  strictBuiltinErrors?: boolean;
  /** The global policy alone, for tenants without an override; null without global.rego. */
  global: CoreSdkModuleEntry | null;
  tenants: Record<string, CoreSdkModuleEntry>;
}

export interface BundleManifest {
  revision: string;
  roots: string[];
  wasm: WasmResolver[];
  /** OPA's encoding: 0 for Rego v0, 1 for Rego v1. */
  rego_version?: number;
  metadata?: { coresdk?: CoreSdkMetadata } & Record<string, unknown>;
}

/** Checks the parts of a parsed `.manifest` that readers rely on. */
export function validateManifest(value: unknown, files: ReadonlySet<string>): BundleManifest {
  const fail = (problem: string): never => {
    throw new BundleError(`${MANIFEST_FILE}: ${problem}`);
  };
  if (!isObject(value)) return fail('must be a JSON object');
  const manifest = value as Partial<BundleManifest>;
  if (manifest.revision !== undefined && typeof manifest.revision !== 'string')
    fail('revision must be a string');
  if (
    manifest.roots !== undefined &&
    (!Array.isArray(manifest.roots) || manifest.roots.some((root) => typeof root !== 'string'))
  )
    fail('roots must be an array of strings');
  const wasm = manifest.wasm ?? [];
  if (!Array.isArray(wasm)) return fail('wasm must be an array');
  for (const resolver of wasm) {
    if (
      !isObject(resolver) ||
      typeof resolver.entrypoint !== 'string' ||
      typeof resolver.module !== 'string'
    )
      fail('each wasm entry must be {"entrypoint": string, "module": string}');
    if (!files.has(resolver.module.replace(/^\/+/, '')))
      fail(`wasm module ${resolver.module} is not in the bundle`);
  }
  const coresdk = isObject(manifest.metadata) ? manifest.metadata.coresdk : undefined;
  if (coresdk !== undefined) validateCoreSdk(coresdk, files, fail);
  return {
    ...manifest,
    revision: manifest.revision ?? '',
    roots: manifest.roots ?? [''],
    wasm,
  } as BundleManifest;
}

function validateCoreSdk(
  value: unknown,
  files: ReadonlySet<string>,
  fail: (problem: string) => never,
): void {
  if (!isObject(value) || !isObject(value.tenants)) fail('metadata.coresdk must hold tenants');
  const metadata = value as unknown as CoreSdkMetadata;
  const entries: Array<[string, unknown]> = [
    ...(metadata.global ? [['global', metadata.global] as [string, unknown]] : []),
    ...Object.entries(metadata.tenants),
  ];
  for (const [name, entry] of entries) {
    if (
      !isObject(entry) ||
      typeof entry.module !== 'string' ||
      !Array.isArray(entry.hostBuiltins) ||
      !isObject(entry.entrypoints)
    )
      fail(`metadata.coresdk module ${name} must be {module, entrypoints, hostBuiltins}`);
    const module = (entry as unknown as CoreSdkModuleEntry).module;
    if (!files.has(module.replace(/^\/+/, '')))
      fail(`metadata.coresdk module ${module} (${name}) is not in the bundle`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
