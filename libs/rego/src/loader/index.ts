/**
 * Loads a compiled policy in the unmodified `@open-policy-agent/opa-wasm`, wiring the host
 * built-ins the module needs from our host registry.
 */
import { loadPolicy, loadPolicySync, type LoadedPolicy } from '@open-policy-agent/opa-wasm';
import type { HostBuiltin } from '../builtins/host';
import { readModule } from '../wasm/binary';
import { ExternalKind, findSection, SectionId } from '../wasm/binary';
import { buildCustomBuiltins } from './custom-builtins';
import { PolicyLoadError } from './policy-load-error';

export type { LoadedPolicy } from '@open-policy-agent/opa-wasm';
export { PolicyLoadError } from './policy-load-error';
export { PRINT_BUILTIN } from './custom-builtins';

export interface CompiledPolicy {
  wasm: Uint8Array;
  hostBuiltins: string[];
}

export interface LoadOptions {
  /** Host built-in errors abort evaluation (`eval_builtin_error: ...`) instead of being undefined. */
  strictBuiltinErrors?: boolean;
  /** Initial memory in 64 KiB pages (default 5, as opa-wasm; raised when the module needs more). */
  memoryPages?: number;
  /** Receives each line of Rego `print(...)` output; without it the output is dropped. */
  print?: (line: string) => void;
  /** Host implementations to use instead of the built-in registry (tests, embedders). */
  hostBuiltins?: ReadonlyMap<string, HostBuiltin>;
}

const DEFAULT_MEMORY_PAGES = 5;

/** Loads a compiled policy (asynchronous WebAssembly compilation). */
export async function loadCompiledPolicy(
  compiled: CompiledPolicy,
  options: LoadOptions = {},
): Promise<LoadedPolicy> {
  const { wasm, memory, builtins } = prepare(compiled, options);
  try {
    return await loadPolicy(wasm, memory, builtins);
  } catch (error) {
    throw PolicyLoadError.fromSdk(error);
  }
}

/** Loads a compiled policy synchronously (fine on Node's main thread for policy-sized modules). */
export function loadCompiledPolicySync(
  compiled: CompiledPolicy,
  options: LoadOptions = {},
): LoadedPolicy {
  const { wasm, memory, builtins } = prepare(compiled, options);
  try {
    return loadPolicySync(wasm, memory, builtins);
  } catch (error) {
    throw PolicyLoadError.fromSdk(error);
  }
}

function prepare(compiled: CompiledPolicy, options: LoadOptions) {
  if (!compiled || !(compiled.wasm instanceof Uint8Array) || compiled.wasm.length === 0)
    throw PolicyLoadError.noWasm();
  const needed = compiled.hostBuiltins ?? [];
  const registry = options.hostBuiltins ?? (needed.length > 0 ? defaultHostBuiltins() : new Map());
  const builtins = buildCustomBuiltins(needed, registry, {
    strictBuiltinErrors: options.strictBuiltinErrors ?? false,
    print: options.print,
  });
  const initial = Math.max(
    options.memoryPages ?? DEFAULT_MEMORY_PAGES,
    requiredMemoryPages(compiled.wasm),
  );
  return { wasm: compiled.wasm, memory: { initial }, builtins };
}

/**
 * The host registry, loaded on first need rather than at import: a policy that calls no
 * host built-in (or a caller bringing its own registry) then does not depend on every
 * host built-in family loading.
 */
function defaultHostBuiltins(): ReadonlyMap<string, HostBuiltin> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const host = require('../builtins/host') as typeof import('../builtins/host');
  return host.HOST_BUILTINS;
}

/** The minimum page count the module's memory import declares (static data must fit). */
function requiredMemoryPages(wasm: Uint8Array): number {
  let module;
  try {
    module = readModule(wasm);
  } catch (error) {
    throw new PolicyLoadError(`not a valid compiled policy: ${(error as Error).message}`);
  }
  const memory = findSection(module, SectionId.Import)?.imports.find(
    (item) => item.descriptor.kind === ExternalKind.Memory,
  );
  return memory && memory.descriptor.kind === ExternalKind.Memory
    ? memory.descriptor.limits.min
    : 0;
}
