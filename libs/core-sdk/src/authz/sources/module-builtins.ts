import { loadCompiledPolicySync } from '@coresdk/rego';
import { SDK_SHADOWED_BUILTINS } from '@coresdk/rego';

/**
 * The host built-ins a Wasm module imports through the OPA ABI, read from the module's own
 * `builtins()` export. Needed for modules whose bundle lists none (a bundle written by
 * `opa build -t wasm`). Built-ins the opa-wasm package implements itself are left to it:
 * it consults its own table before the host's.
 */
export function discoverHostBuiltins(wasm: Uint8Array): string[] {
  // Instantiation calls no built-in, so the module loads before we know which it needs.
  const policy = loadCompiledPolicySync({ wasm, hostBuiltins: [] });
  const exports = (policy.wasmInstance as WebAssembly.Instance).exports as Record<
    string,
    (...args: number[]) => number
  >;
  if (typeof exports.builtins !== 'function' || typeof exports.opa_json_dump !== 'function')
    throw new Error('the module does not export builtins/opa_json_dump (not an OPA Wasm module)');
  const text = readCString(policy.mem.buffer, exports.opa_json_dump(exports.builtins()));
  const names = Object.keys(JSON.parse(text) as Record<string, number>);
  return names.filter((name) => !SDK_SHADOWED_BUILTINS.has(name));
}

function readCString(buffer: ArrayBuffer, address: number): string {
  const bytes = new Uint8Array(buffer);
  let end = address;
  while (end < bytes.length && bytes[end] !== 0) end++;
  return new TextDecoder().decode(bytes.subarray(address, end));
}
