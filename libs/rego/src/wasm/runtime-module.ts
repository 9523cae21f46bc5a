import {
  ByteReader,
  constI32Value,
  type DataSegment,
  ExternalKind,
  findSection,
  type FuncType,
  type FunctionBody,
  type Import,
  readModule,
  SectionId,
  type WasmModule,
} from './binary';

/** Raised when the runtime binary lacks something the code generator relies on. */
export class RuntimeContractError extends Error {
  constructor(message: string) {
    super(`runtime.wasm does not match the codegen contract: ${message}`);
    this.name = 'RuntimeContractError';
  }
}

/**
 * A decoded runtime module with the lookups the code generator and linker need: function
 * indices by export or import name, function types, and where static data ends. It is
 * never mutated, so one instance serves every compile.
 */
export class RuntimeModule {
  readonly imports: Import[];
  readonly types: FuncType[];
  /** Type index of each function, imported ones first (the function index space). */
  readonly functionTypeIndices: number[];
  readonly importedFunctionCount: number;
  private readonly exportedFunctions = new Map<string, number>();
  private readonly exportedGlobals = new Map<string, number>();

  constructor(readonly module: WasmModule) {
    this.imports = findSection(module, SectionId.Import)?.imports ?? [];
    this.types = findSection(module, SectionId.Type)?.types ?? [];
    const importedTypes = this.imports.flatMap((item) =>
      item.descriptor.kind === ExternalKind.Function ? [item.descriptor.typeIndex] : [],
    );
    this.importedFunctionCount = importedTypes.length;
    this.functionTypeIndices = [
      ...importedTypes,
      ...(findSection(module, SectionId.Function)?.typeIndices ?? []),
    ];
    for (const item of findSection(module, SectionId.Export)?.exports ?? []) {
      if (item.kind === ExternalKind.Function) this.exportedFunctions.set(item.name, item.index);
      if (item.kind === ExternalKind.Global) this.exportedGlobals.set(item.name, item.index);
    }
  }

  static fromBytes(bytes: Uint8Array): RuntimeModule {
    return new RuntimeModule(readModule(bytes));
  }

  /** Number of functions (imported and defined); generated functions get the indices from here on. */
  get functionCount(): number {
    return this.functionTypeIndices.length;
  }

  hasFunction(exportName: string): boolean {
    return this.exportedFunctions.has(exportName);
  }

  /** Index of an exported function; a missing export is a contract error. */
  functionIndex(exportName: string): number {
    const index = this.exportedFunctions.get(exportName);
    if (index === undefined)
      throw new RuntimeContractError(`missing exported function ${exportName}`);
    return index;
  }

  /** Index of the imported function `env.<name>`. */
  importedFunctionIndex(name: string): number {
    let index = 0;
    for (const item of this.imports) {
      if (item.descriptor.kind !== ExternalKind.Function) continue;
      if (item.module === 'env' && item.name === name) return index;
      index++;
    }
    throw new RuntimeContractError(`missing import env.${name}`);
  }

  functionType(index: number): FuncType {
    const typeIndex = this.functionTypeIndices[index];
    const type = typeIndex === undefined ? undefined : this.types[typeIndex];
    if (!type) throw new RuntimeContractError(`function ${index} has no type`);
    return type;
  }

  /** Number of parameters of an exported function. */
  parameterCount(exportName: string): number {
    return this.functionType(this.functionIndex(exportName)).params.length;
  }

  exportedGlobalIndex(name: string): number | undefined {
    return this.exportedGlobals.get(name);
  }

  functionBody(index: number): FunctionBody {
    const body = findSection(this.module, SectionId.Code)?.bodies[
      index - this.importedFunctionCount
    ];
    if (!body) throw new RuntimeContractError(`function ${index} is imported or has no body`);
    return body;
  }

  /** Initial page count the runtime's memory import asks for. */
  get memoryMinPages(): number {
    const memory = this.imports.find((item) => item.descriptor.kind === ExternalKind.Memory);
    if (!memory || memory.descriptor.kind !== ExternalKind.Memory)
      throw new RuntimeContractError('no imported memory');
    return memory.descriptor.limits.min;
  }

  /**
   * First byte past the runtime's static data: the larger of what `rt_static_end` returns
   * (read from its body, which must be a constant) and the end of every active data segment.
   */
  staticEnd(): number {
    let end = 0;
    for (const segment of findSection(this.module, SectionId.Data)?.segments ?? []) {
      end = Math.max(end, segmentEnd(segment));
    }
    if (this.hasFunction('rt_static_end')) {
      end = Math.max(end, this.constantResult(this.functionIndex('rt_static_end')));
    }
    return end;
  }

  /** The value a function returns when its body is `i32.const N` or `global.get G` (G constant). */
  private constantResult(functionIndex: number): number {
    const body = this.functionBody(functionIndex);
    const direct = constI32Value(body.code);
    if (direct !== undefined) return direct;
    if (body.code[0] === 0x23) {
      const reader = new ByteReader(body.code, 1);
      const globalIndex = reader.u32();
      if (reader.byte() === 0x0b && reader.atEnd) {
        const importedGlobals = this.imports.filter(
          (item) => item.descriptor.kind === ExternalKind.Global,
        ).length;
        const global = findSection(this.module, SectionId.Global)?.globals[
          globalIndex - importedGlobals
        ];
        const value = global && !global.type.mutable ? constI32Value(global.init) : undefined;
        if (value !== undefined) return value;
      }
    }
    throw new RuntimeContractError('rt_static_end must return a constant');
  }
}

function segmentEnd(segment: DataSegment): number {
  if (segment.mode !== 'active') return 0;
  const offset = constI32Value(segment.offset);
  if (offset === undefined)
    throw new RuntimeContractError('a data segment has a non-constant offset');
  return (offset >>> 0) + segment.bytes.length;
}
