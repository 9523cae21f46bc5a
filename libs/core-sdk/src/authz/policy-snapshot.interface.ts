import type { PolicyFile } from './policy-files';

/** One compiled Wasm policy module and what loading it needs. */
export interface CompiledModule {
  /** `global` or `tenant:<id>`; names the module in audit records. */
  name: string;
  wasm: Uint8Array;
  /** Built-ins the module calls on the host (passed to `loadCompiledPolicy`). */
  hostBuiltins: string[];
  /**
   * Decides from input and data alone (our compiler's `pure`): only then does the store
   * remember decisions. False for modules whose built-ins are unknown (built elsewhere).
   */
  pure: boolean;
}

/**
 * Everything one revision of the policies decides with: what a source (directory, bundle
 * file, bundle server) produces and what the store swaps in as a whole.
 */
export interface PolicySnapshot {
  /** The bundle's manifest revision, or a content hash of a directory's files. */
  revision: string;
  /** Where the snapshot came from, for logs (`dir:/srv/policies`, `bundle:https://…`). */
  origin: string;
  global: CompiledModule;
  /** Per-tenant modules (global policy + the tenant's override, compiled together). */
  tenants: ReadonlyMap<string, CompiledModule>;
  /** Base document (a bundle's data.json); `tenants` in it is narrowed per tenant. */
  data: Record<string, unknown>;
  /**
   * The Rego sources of the global policy, when the source has them (a directory, or a
   * bundle that ships its .rego files). Runtime tenant overrides compile against these.
   */
  sharedSources: PolicyFile[] | null;
}
