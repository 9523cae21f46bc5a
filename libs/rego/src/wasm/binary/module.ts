/**
 * The decoded form of a Wasm module, section by section. Initialiser and offset
 * expressions and function bodies are kept as their raw bytes: the linker never needs to
 * look inside them, and keeping them raw guarantees byte-identical re-encoding.
 */

export enum ValType {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
}

export enum SectionId {
  Custom = 0,
  Type = 1,
  Import = 2,
  Function = 3,
  Table = 4,
  Memory = 5,
  Global = 6,
  Export = 7,
  Start = 8,
  Element = 9,
  Code = 10,
  Data = 11,
  DataCount = 12,
  Tag = 13,
}

export enum ExternalKind {
  Function = 0,
  Table = 1,
  Memory = 2,
  Global = 3,
  Tag = 4,
}

export interface FuncType {
  params: ValType[];
  results: ValType[];
}

export interface Limits {
  min: number;
  max?: number;
  /** Raw limits flag byte (0/1 plain, 2/3 shared, 4+ memory64); kept for re-encoding. */
  flags: number;
}

export interface TableType {
  elementType: ValType;
  limits: Limits;
}

export interface GlobalType {
  valueType: ValType;
  mutable: boolean;
}

export type ImportDescriptor =
  | { kind: ExternalKind.Function; typeIndex: number }
  | { kind: ExternalKind.Table; table: TableType }
  | { kind: ExternalKind.Memory; limits: Limits }
  | { kind: ExternalKind.Global; global: GlobalType }
  | { kind: ExternalKind.Tag; attribute: number; typeIndex: number };

export interface Import {
  module: string;
  name: string;
  descriptor: ImportDescriptor;
}

export interface Global {
  type: GlobalType;
  /** Constant initialiser expression, including its `end` opcode. */
  init: Uint8Array;
}

export interface Export {
  name: string;
  kind: ExternalKind;
  index: number;
}

/**
 * An element segment. Its encoding has eight variants (flags 0..7); the parts that differ
 * are kept raw after the flags so that every variant re-encodes exactly.
 */
export interface ElementSegment {
  flags: number;
  /** Everything after the flags field, verbatim. */
  body: Uint8Array;
}

export interface LocalDeclaration {
  count: number;
  type: ValType;
}

export interface FunctionBody {
  locals: LocalDeclaration[];
  /** The instruction sequence, including the final `end`. */
  code: Uint8Array;
}

export type DataSegment =
  | { mode: 'active'; memoryIndex: number; offset: Uint8Array; bytes: Uint8Array; flags: 0 | 2 }
  | { mode: 'passive'; bytes: Uint8Array };

export interface CustomSection {
  name: string;
  content: Uint8Array;
}

/** A decoded section: its id, its original payload, and the decoded content. */
export type Section =
  | { id: SectionId.Custom; raw?: Uint8Array; custom: CustomSection }
  | { id: SectionId.Type; raw?: Uint8Array; types: FuncType[] }
  | { id: SectionId.Import; raw?: Uint8Array; imports: Import[] }
  | { id: SectionId.Function; raw?: Uint8Array; typeIndices: number[] }
  | { id: SectionId.Table; raw?: Uint8Array; tables: TableType[] }
  | { id: SectionId.Memory; raw?: Uint8Array; memories: Limits[] }
  | { id: SectionId.Global; raw?: Uint8Array; globals: Global[] }
  | { id: SectionId.Export; raw?: Uint8Array; exports: Export[] }
  | { id: SectionId.Start; raw?: Uint8Array; functionIndex: number }
  | { id: SectionId.Element; raw?: Uint8Array; segments: ElementSegment[] }
  | { id: SectionId.Code; raw?: Uint8Array; bodies: FunctionBody[] }
  | { id: SectionId.Data; raw?: Uint8Array; segments: DataSegment[] }
  | { id: SectionId.DataCount; raw?: Uint8Array; count: number }
  | { id: SectionId.Tag; raw?: Uint8Array; unparsed: true };

export interface WasmModule {
  version: number;
  sections: Section[];
}

/** The first section with the given id, typed by that id. */
export function findSection<Id extends SectionId>(
  module: WasmModule,
  id: Id,
): Extract<Section, { id: Id }> | undefined {
  return module.sections.find((section) => section.id === id) as
    Extract<Section, { id: Id }> | undefined;
}
