/**
 * A compiled echo policy (`echo := input`) loaded in the unmodified opa-wasm, with the two
 * ways bytes reach the module's JSON parser: the `opa_malloc` + `opa_json_parse` exports
 * directly, and `evaluate(ArrayBuffer)` on either ABI path the SDK has (the `opa_eval` fast
 * path parses inside the module; the context path parses through `opa_json_parse`).
 */
import { compile, loadCompiledPolicySync, type LoadedPolicy } from '@coresdk/rego';

interface JsonExports {
  opa_malloc(size: number): number;
  opa_json_parse(address: number, length: number): number;
  opa_json_dump(value: number): number;
  opa_heap_ptr_get(): number;
  opa_heap_ptr_set(address: number): void;
}

export const ECHO_ENTRYPOINT = 'fuzz/echo';

/** What the module made of some bytes: nothing, or the value (dumped and read back). */
export type ModuleVerdict = { accepted: false } | { accepted: true; value: unknown };

export class WasmJsonHarness {
  private readonly exports: JsonExports;
  private readonly heapBase: number;

  private constructor(private readonly policy: LoadedPolicy) {
    this.exports = (policy.wasmInstance as unknown as { exports: JsonExports }).exports;
    this.heapBase = this.exports.opa_heap_ptr_get();
  }

  static create(abi: 'fast path' | 'context path' = 'fast path'): WasmJsonHarness {
    const result = compile([{ path: 'echo.rego', source: 'package fuzz\n\necho := input\n' }], {
      entrypoints: [ECHO_ENTRYPOINT],
      regoVersion: 'v1',
    });
    if (!result.ok || !result.wasm) {
      throw new Error(
        `echo policy did not compile: ${result.diagnostics.map((d) => d.message).join('; ')}`,
      );
    }
    const policy = loadCompiledPolicySync({ wasm: result.wasm, hostBuiltins: result.hostBuiltins });
    // opa-wasm picks its evaluation path from the module's ABI minor version (>= 2: opa_eval).
    // Lowering it on the loaded instance sends the same module down the context path.
    if (abi === 'context path') (policy as unknown as { minorVersion: number }).minorVersion = 1;
    return new WasmJsonHarness(policy);
  }

  /** `opa_json_parse` on a fresh heap; an accepted value is dumped with `opa_json_dump`. */
  parseDirectly(bytes: Uint8Array): ModuleVerdict {
    this.exports.opa_heap_ptr_set(this.heapBase);
    const address = this.exports.opa_malloc(bytes.length);
    new Uint8Array(this.policy.mem.buffer).set(bytes, address);
    const value = this.exports.opa_json_parse(address, bytes.length);
    if (value === 0) return { accepted: false };
    return {
      accepted: true,
      value: JSON.parse(this.readCString(this.exports.opa_json_dump(value))),
    };
  }

  /**
   * `evaluate(ArrayBuffer)`: rejected when the SDK throws (opa-wasm throws strings), accepted
   * with the echoed input otherwise. Any other outcome is returned as is for the caller to judge.
   */
  evaluate(bytes: Uint8Array): ModuleVerdict | { unexpected: unknown } {
    let resultSet: unknown;
    try {
      resultSet = this.policy.evaluate(bytes.slice().buffer, ECHO_ENTRYPOINT);
    } catch (error) {
      if (typeof error === 'string' || error instanceof Error) return { accepted: false };
      return { unexpected: error };
    }
    if (Array.isArray(resultSet) && resultSet.length === 1 && 'result' in resultSet[0]) {
      return { accepted: true, value: (resultSet[0] as { result: unknown }).result };
    }
    return { unexpected: resultSet };
  }

  /** The echo policy still answers correctly (an earlier input left no damage behind). */
  stillHealthy(): boolean {
    const resultSet = this.policy.evaluate({ alive: [1, 'two'] }, ECHO_ENTRYPOINT) as unknown;
    return JSON.stringify(resultSet) === JSON.stringify([{ result: { alive: [1, 'two'] } }]);
  }

  private readCString(address: number): string {
    const memory = new Uint8Array(this.policy.mem.buffer);
    let end = address;
    while (memory[end] !== 0) end += 1;
    return new TextDecoder().decode(memory.subarray(address, end));
  }
}
