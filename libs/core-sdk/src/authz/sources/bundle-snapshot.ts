import { BundleError, readBundle } from '@coresdk/rego';
import type { VerificationOptions } from '@coresdk/rego';
import { createHash } from 'node:crypto';
import type { PolicyFile } from '../policy-files';
import { PolicySourceError } from '../policy-source.error';
import type { CompiledModule, PolicySnapshot } from '../policy-snapshot.interface';
import { discoverHostBuiltins } from './module-builtins';

export interface BundleSnapshotOptions {
  entrypoint: string;
  verification: VerificationOptions | null;
}

/**
 * Turns bundle bytes into a snapshot. Reads both CoreSDK bundles (`metadata.coresdk` lists
 * the global and per-tenant modules with their host built-ins) and OPA's own `opa build -t
 * wasm` layout (only `/policy.wasm` named by a `wasm` resolver): the Wasm ABI is the same,
 * so such a module becomes the global module and its built-ins are read from the module.
 * With a verification key, an unsigned or tampered bundle is refused.
 */
export async function snapshotFromBundle(
  bytes: Uint8Array,
  origin: string,
  options: BundleSnapshotOptions,
): Promise<PolicySnapshot> {
  let bundle;
  try {
    bundle = await readBundle(
      bytes,
      options.verification ? { verification: options.verification } : {},
    );
  } catch (error) {
    const reason =
      error instanceof BundleError
        ? error.message
        : `unreadable bundle: ${(error as Error).message}`;
    throw PolicySourceError.unreadable(origin, reason);
  }
  const global: CompiledModule = bundle.global
    ? {
        name: 'global',
        wasm: bundle.global.wasm,
        hostBuiltins: bundle.global.hostBuiltins,
        pure: bundle.global.pure === true,
      }
    : opaBuiltModule(bundle.manifest.wasm, bundle.files, origin, options.entrypoint);
  const tenants = new Map<string, CompiledModule>();
  for (const [tenant, module] of bundle.tenants)
    tenants.set(tenant, {
      name: `tenant:${tenant}`,
      wasm: module.wasm,
      hostBuiltins: module.hostBuiltins,
      pure: module.pure === true,
    });
  return {
    revision:
      bundle.manifest.revision ||
      `sha256-${createHash('sha256').update(bytes).digest('hex').slice(0, 12)}`,
    origin,
    global,
    tenants,
    data: bundle.data,
    sharedSources: regoSources(bundle.files),
  };
}

function opaBuiltModule(
  resolvers: Array<{ entrypoint: string; module: string }>,
  files: ReadonlyMap<string, Uint8Array>,
  origin: string,
  entrypoint: string,
): CompiledModule {
  const resolver =
    resolvers.find((candidate) => candidate.entrypoint === entrypoint) ??
    (resolvers.length === 1 ? resolvers[0] : undefined);
  if (!resolver)
    throw PolicySourceError.unreadable(
      origin,
      `the bundle has no Wasm module for ${entrypoint} (no metadata.coresdk and no matching "wasm" entry in .manifest)`,
    );
  const wasm = files.get(resolver.module.replace(/^\/+/, '')) as Uint8Array;
  let hostBuiltins: string[];
  try {
    hostBuiltins = discoverHostBuiltins(wasm);
  } catch (error) {
    throw PolicySourceError.unreadable(origin, `${resolver.module}: ${(error as Error).message}`);
  }
  // Built elsewhere (e.g. `opa build`): which built-ins run inside it is unknown.
  return { name: 'global', wasm, hostBuiltins, pure: false };
}

/**
 * The bundle's shared .rego files (OPA bundles may ship their sources): runtime tenant
 * overrides compile against them. Tenant files and tests are not part of the global policy.
 */
function regoSources(files: ReadonlyMap<string, Uint8Array>): PolicyFile[] | null {
  const decoder = new TextDecoder();
  const sources = [...files]
    .filter(
      ([path]) =>
        path.endsWith('.rego') && !path.endsWith('_test.rego') && !path.startsWith('tenants/'),
    )
    .sort(([a], [b]) =>
      a.endsWith('global.rego') ? -1 : b.endsWith('global.rego') ? 1 : a.localeCompare(b),
    )
    .map(([path, content]) => ({ path: `/${path}`, source: decoder.decode(content) }));
  return sources.length > 0 ? sources : null;
}
