/**
 * Test harness for runtime.wasm: instantiates the prebuilt runtime directly with a fresh
 * memory and stub imports (aborts become thrown `RuntimeAbort`s), and wraps the exports
 * the specs use.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { wasm, WasmMemory } from './wasm-api';

export const RUNTIME_DIR = join(__dirname, '..', '..', 'runtime');
export const RUNTIME_WASM = join(RUNTIME_DIR, 'build', 'runtime.wasm');

/** Builds the runtime if needed (the build skips itself when up to date) and returns its bytes. */
export function runtimeBytes(): Uint8Array {
  execFileSync(process.execPath, [join(RUNTIME_DIR, 'build.js')], { stdio: 'pipe' });
  if (!existsSync(RUNTIME_WASM)) throw new Error('runtime not built: run npm run build:runtime');
  return readFileSync(RUNTIME_WASM);
}

export class RuntimeAbort extends Error {}

type Exports = Record<string, any>;

export interface HostBuiltinStub {
  (id: number, args: number[]): number;
}

export class RuntimeInstance {
  readonly memory: WasmMemory;
  readonly exports: Exports;
  readonly printed: string[] = [];
  hostBuiltin: HostBuiltinStub = () => 0;

  constructor(bytes: Uint8Array, pages = 2) {
    this.memory = new wasm.Memory({ initial: pages });
    const host = (id: number, _ctx: number, ...args: number[]) => this.hostBuiltin(id, args);
    const instance = new wasm.Instance(new wasm.Module(bytes), {
      env: {
        memory: this.memory,
        opa_abort: (address: number) => {
          throw new RuntimeAbort(this.readCString(address));
        },
        opa_println: (address: number) => {
          this.printed.push(this.readCString(address));
        },
        opa_builtin0: host,
        opa_builtin1: host,
        opa_builtin2: host,
        opa_builtin3: host,
        opa_builtin4: host,
      },
    });
    this.exports = instance.exports as Exports;
  }

  readCString(address: number): string {
    const bytes = new Uint8Array(this.memory.buffer);
    let end = address;
    while (bytes[end] !== 0) end++;
    return Buffer.from(bytes.subarray(address, end)).toString('utf8');
  }

  /** Copies bytes into a fresh heap block; returns [address, length]. */
  writeBytes(data: Uint8Array): [number, number] {
    const address = this.exports.opa_malloc(data.length);
    new Uint8Array(this.memory.buffer).set(data, address);
    return [address, data.length];
  }

  writeString(text: string): [number, number] {
    return this.writeBytes(Buffer.from(text, 'utf8'));
  }

  /** A string value over a copy of `text`'s bytes. */
  string(text: string): number {
    const [address, length] = this.writeString(text);
    return this.exports.rt_string(address, length);
  }

  /** Parses JSON text in the module; 0 when the module rejects it. */
  parseJson(text: string | Uint8Array): number {
    const [address, length] =
      typeof text === 'string' ? this.writeString(text) : this.writeBytes(text);
    return this.exports.opa_json_parse(address, length);
  }

  parseTerm(text: string): number {
    const [address, length] = this.writeString(text);
    return this.exports.opa_value_parse(address, length);
  }

  /** Parses JSON text and fails the test when the module rejects it. */
  value(text: string): number {
    const value = this.parseJson(text);
    if (value === 0) throw new Error(`runtime rejected JSON: ${text}`);
    return value;
  }

  term(text: string): number {
    const value = this.parseTerm(text);
    if (value === 0) throw new Error(`runtime rejected term: ${text}`);
    return value;
  }

  dumpJson(value: number): string {
    return this.readCString(this.exports.opa_json_dump(value));
  }

  dumpTerm(value: number): string {
    return this.readCString(this.exports.opa_value_dump(value));
  }

  /** The value as a JS value (via the JSON dump). */
  toJs(value: number): unknown {
    return JSON.parse(this.dumpJson(value));
  }
}
