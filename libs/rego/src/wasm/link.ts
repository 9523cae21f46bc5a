import {
  type DataSegment,
  ExternalKind,
  findSection,
  type FuncType,
  type FunctionBody,
  type Section,
  SectionId,
  type WasmModule,
  writeModule,
} from './binary';
import { RuntimeContractError, type RuntimeModule } from './runtime-module';

/** What the code generator adds to the runtime. */
export interface LinkInput {
  /** New bodies for exported placeholder functions (same signature), by export name. */
  replacements: ReadonlyMap<string, FunctionBody>;
  /** Functions appended after the runtime's, in index order from `runtime.functionCount`. */
  functions: ReadonlyArray<{ type: FuncType; body: FunctionBody }>;
  /** Static bytes placed at `address` (must not overlap the runtime's static data). */
  data?: { address: number; bytes: Uint8Array };
  /** New constant i32 values for exported immutable globals, by export name. */
  globalValues?: ReadonlyMap<string, number>;
  /** Raise the memory import's minimum to at least this many pages. */
  memoryMinPages?: number;
}

/**
 * Splices generated code into the runtime: appends functions (and any new types), replaces
 * placeholder bodies, appends the data segment and patches globals. Sections that are not
 * touched are written byte for byte as they were.
 */
export function linkModule(runtime: RuntimeModule, input: LinkInput): Uint8Array {
  const sections = runtime.module.sections.map((section) => ({ ...section }) as Section);
  const module: WasmModule = { version: runtime.module.version, sections };

  const typeSection = requireSection(module, SectionId.Type);
  const functionSection = requireSection(module, SectionId.Function);
  const codeSection = requireSection(module, SectionId.Code);
  typeSection.types = [...typeSection.types];
  functionSection.typeIndices = [...functionSection.typeIndices];
  codeSection.bodies = [...codeSection.bodies];
  const modified: Section[] = [];

  for (const [name, body] of input.replacements) {
    const index = runtime.functionIndex(name);
    if (index < runtime.importedFunctionCount)
      throw new RuntimeContractError(`${name} is imported, not a placeholder`);
    codeSection.bodies[index - runtime.importedFunctionCount] = body;
    modified.push(codeSection);
  }

  if (input.functions.length > 0) {
    for (const fn of input.functions) {
      functionSection.typeIndices.push(typeIndexOf(typeSection.types, fn.type));
      codeSection.bodies.push(fn.body);
    }
    modified.push(typeSection, functionSection, codeSection);
  }

  if (input.data && input.data.bytes.length > 0) {
    appendDataSegment(module, input.data.address, input.data.bytes, modified);
  }

  if (input.globalValues && input.globalValues.size > 0) {
    patchGlobals(runtime, module, input.globalValues, modified);
  }

  if (input.memoryMinPages !== undefined)
    raiseMemoryMinimum(module, input.memoryMinPages, modified);

  for (const section of modified) delete section.raw;
  return writeModule(module);
}

function requireSection<Id extends SectionId>(
  module: WasmModule,
  id: Id,
): Extract<Section, { id: Id }> {
  const section = findSection(module, id);
  if (!section) throw new RuntimeContractError(`missing section ${SectionId[id]}`);
  return section;
}

/** Index of an identical function type, appending the type when there is none. */
function typeIndexOf(types: FuncType[], type: FuncType): number {
  const same = (a: number[], b: number[]) =>
    a.length === b.length && a.every((value, index) => value === b[index]);
  const found = types.findIndex(
    (candidate) => same(candidate.params, type.params) && same(candidate.results, type.results),
  );
  if (found >= 0) return found;
  types.push({ params: [...type.params], results: [...type.results] });
  return types.length - 1;
}

function appendDataSegment(
  module: WasmModule,
  address: number,
  bytes: Uint8Array,
  modified: Section[],
): void {
  const offset = Uint8Array.from([0x41, ...signedLeb(address), 0x0b]);
  const segment: DataSegment = { mode: 'active', flags: 0, memoryIndex: 0, offset, bytes };
  let dataSection = findSection(module, SectionId.Data);
  if (!dataSection) {
    dataSection = { id: SectionId.Data, segments: [] };
    // The data section comes after the code section (and before custom sections that follow it).
    const codePosition = module.sections.findIndex((section) => section.id === SectionId.Code);
    module.sections.splice(codePosition + 1, 0, dataSection);
  }
  dataSection.segments = [...dataSection.segments, segment];
  modified.push(dataSection);
  const dataCount = findSection(module, SectionId.DataCount);
  if (dataCount) {
    dataCount.count = dataSection.segments.length;
    modified.push(dataCount);
  }
}

function patchGlobals(
  runtime: RuntimeModule,
  module: WasmModule,
  values: ReadonlyMap<string, number>,
  modified: Section[],
): void {
  const globalSection = requireSection(module, SectionId.Global);
  globalSection.globals = [...globalSection.globals];
  const importedGlobals = runtime.imports.filter(
    (item) => item.descriptor.kind === ExternalKind.Global,
  ).length;
  for (const [name, value] of values) {
    const index = runtime.exportedGlobalIndex(name);
    const global = index === undefined ? undefined : globalSection.globals[index - importedGlobals];
    if (index === undefined || !global)
      throw new RuntimeContractError(`missing exported global ${name}`);
    globalSection.globals[index - importedGlobals] = {
      type: global.type,
      init: Uint8Array.from([0x41, ...signedLeb(value), 0x0b]),
    };
  }
  modified.push(globalSection);
}

function raiseMemoryMinimum(module: WasmModule, pages: number, modified: Section[]): void {
  const importSection = requireSection(module, SectionId.Import);
  importSection.imports = importSection.imports.map((item) => {
    if (item.descriptor.kind !== ExternalKind.Memory || item.descriptor.limits.min >= pages)
      return item;
    return {
      ...item,
      descriptor: { ...item.descriptor, limits: { ...item.descriptor.limits, min: pages } },
    };
  });
  modified.push(importSection);
}

function signedLeb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value | 0;
  for (;;) {
    const byte = rest & 0x7f;
    rest >>= 7;
    const done = (rest === 0 && (byte & 0x40) === 0) || (rest === -1 && (byte & 0x40) !== 0);
    bytes.push(done ? byte : byte | 0x80);
    if (done) return bytes;
  }
}
