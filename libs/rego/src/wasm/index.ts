/**
 * The Wasm backend: IR → a module implementing the OPA Wasm ABI, made by splicing the
 * policy's generated functions and static data into the prebuilt runtime.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Policy } from '../ir/ir';
import { generatePolicy } from './codegen';
import { linkModule } from './link';
import { loadRuntime, RuntimeNotBuiltError } from './runtime-binary';
import { RuntimeContractError, type RuntimeModule } from './runtime-module';

export interface EmitWasmOptions {
  /** Built-in errors abort evaluation (`eval_builtin_error: ...`) instead of being undefined. */
  strictBuiltinErrors?: boolean;
  /**
   * Overrides the exported `opa_wasm_abi_minor_version`. Tests set 1 to make the SDK use
   * its context-based evaluation path instead of `opa_eval`.
   */
  abiMinorVersion?: number;
  /** The runtime to splice into (tests); defaults to the built `runtime.wasm`. */
  runtime?: RuntimeModule;
}

export interface EmitWasmResult {
  wasm: Uint8Array;
  entrypoints: Record<string, number>;
  /** Built-ins the module calls on the host, in id order; the loader must supply them. */
  hostBuiltins: string[];
  diagnostics: Diagnostic[];
}

/** Compiles an IR policy to a Wasm module. Never throws: problems come back as diagnostics. */
export function emitWasm(policy: Policy, options: EmitWasmOptions = {}): EmitWasmResult {
  const diagnostics: Diagnostic[] = [];
  const failed = (message: string): EmitWasmResult => {
    diagnostics.push({
      code: 'rego_compile_error',
      message,
      location: { file: policy.static?.files?.[0] ?? '<policy>', line: 1, col: 1, offset: 0 },
      severity: 'error',
    });
    return { wasm: new Uint8Array(0), entrypoints: {}, hostBuiltins: [], diagnostics };
  };
  try {
    const runtime = options.runtime ?? loadRuntime();
    const generated = generatePolicy(
      policy,
      runtime,
      { strictBuiltinErrors: options.strictBuiltinErrors ?? false },
      diagnostics,
    );
    if (!generated)
      return { wasm: new Uint8Array(0), entrypoints: {}, hostBuiltins: [], diagnostics };
    if (options.abiMinorVersion !== undefined) {
      generated.link.globalValues = new Map([
        ['opa_wasm_abi_minor_version', options.abiMinorVersion],
      ]);
    }
    const wasm = linkModule(runtime, generated.link);
    return {
      wasm,
      entrypoints: generated.entrypoints,
      hostBuiltins: generated.hostBuiltins,
      diagnostics,
    };
  } catch (error) {
    if (error instanceof RuntimeNotBuiltError || error instanceof RuntimeContractError)
      return failed(error.message);
    throw error;
  }
}

export { disassembleFunction, readModule, writeModule } from './binary';
export { RuntimeNotBuiltError, findRuntimeWasm, loadRuntime } from './runtime-binary';
export { RuntimeContractError, RuntimeModule } from './runtime-module';
export { linkModule, type LinkInput } from './link';
export { dumpPolicyCode } from './dump';
