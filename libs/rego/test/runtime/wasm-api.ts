/**
 * The parts of the WebAssembly JS API the runtime tests use. The workspace compiles with
 * lib ES2022 and no DOM, which does not declare the `WebAssembly` global.
 */
export interface WasmMemory {
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export interface WasmModuleEntry {
  module?: string;
  name: string;
  kind: string;
}

export interface WasmApi {
  Memory: new (descriptor: { initial: number; maximum?: number }) => WasmMemory;
  Module: {
    new (bytes: Uint8Array): object;
    imports(module: object): WasmModuleEntry[];
    exports(module: object): WasmModuleEntry[];
  };
  Instance: new (module: object, imports: object) => { exports: Record<string, any> };
}

export const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;
