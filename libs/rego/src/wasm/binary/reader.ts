import { ByteReader } from './byte-reader';
import { readConstExpression } from './const-expression';
import {
  type DataSegment,
  type ElementSegment,
  ExternalKind,
  type FunctionBody,
  type FuncType,
  type Global,
  type GlobalType,
  type Import,
  type ImportDescriptor,
  type Limits,
  type Section,
  SectionId,
  type TableType,
  type ValType,
  type WasmModule,
} from './module';

const MAGIC = [0x00, 0x61, 0x73, 0x6d];

/** Decodes a Wasm module into sections; throws `WasmDecodeError` on malformed input. */
export function readModule(bytes: Uint8Array): WasmModule {
  const reader = new ByteReader(bytes);
  for (const expected of MAGIC) {
    if (reader.byte() !== expected) reader.fail('not a wasm module (bad magic number)');
  }
  const version =
    reader.byte() | (reader.byte() << 8) | (reader.byte() << 16) | (reader.byte() << 24);
  if (version !== 1) reader.fail(`unsupported wasm version ${version}`);
  const sections: Section[] = [];
  while (!reader.atEnd) {
    const id = reader.byte();
    const size = reader.u32();
    const payloadStart = reader.offset;
    const payload = reader.sub(size);
    const section = readSection(id, payload);
    if (!payload.atEnd) payload.fail(`section ${id} has ${payload.remaining} trailing bytes`);
    section.raw = bytes.slice(payloadStart, payloadStart + size);
    sections.push(section);
  }
  return { version, sections };
}

function readSection(id: number, reader: ByteReader): Section {
  switch (id) {
    case SectionId.Custom: {
      const name = reader.name();
      return { id, custom: { name, content: reader.take(reader.remaining).slice() } };
    }
    case SectionId.Type:
      return { id, types: reader.vector(readFuncType) };
    case SectionId.Import:
      return { id, imports: reader.vector(readImport) };
    case SectionId.Function:
      return { id, typeIndices: reader.vector((r) => r.u32()) };
    case SectionId.Table:
      return { id, tables: reader.vector(readTableType) };
    case SectionId.Memory:
      return { id, memories: reader.vector(readLimits) };
    case SectionId.Global:
      return { id, globals: reader.vector(readGlobal) };
    case SectionId.Export:
      return {
        id,
        exports: reader.vector((r) => ({
          name: r.name(),
          kind: r.byte() as ExternalKind,
          index: r.u32(),
        })),
      };
    case SectionId.Start:
      return { id, functionIndex: reader.u32() };
    case SectionId.Element:
      return { id, segments: reader.vector(readElementSegment) };
    case SectionId.Code:
      return { id, bodies: reader.vector(readFunctionBody) };
    case SectionId.Data:
      return { id, segments: reader.vector(readDataSegment) };
    case SectionId.DataCount:
      return { id, count: reader.u32() };
    case SectionId.Tag:
      reader.take(reader.remaining);
      return { id, unparsed: true };
    default:
      return reader.fail(`unknown section id ${id}`);
  }
}

function readValType(reader: ByteReader): ValType {
  const byte = reader.byte();
  if (byte < 0x6f || byte > 0x7f || (byte > 0x70 && byte < 0x7b))
    reader.fail(`unsupported value type 0x${byte.toString(16)}`);
  return byte as ValType;
}

function readFuncType(reader: ByteReader): FuncType {
  const form = reader.byte();
  if (form !== 0x60)
    reader.fail(`unsupported type form 0x${form.toString(16)} (only function types)`);
  return { params: reader.vector(readValType), results: reader.vector(readValType) };
}

function readLimits(reader: ByteReader): Limits {
  const flags = reader.byte();
  if (flags > 3) reader.fail(`unsupported limits flags ${flags} (memory64 is not supported)`);
  const min = reader.u32();
  return flags & 1 ? { flags, min, max: reader.u32() } : { flags, min };
}

function readTableType(reader: ByteReader): TableType {
  return { elementType: readValType(reader), limits: readLimits(reader) };
}

function readGlobalType(reader: ByteReader): GlobalType {
  const valueType = readValType(reader);
  const mutability = reader.byte();
  if (mutability > 1) reader.fail(`bad global mutability ${mutability}`);
  return { valueType, mutable: mutability === 1 };
}

function readGlobal(reader: ByteReader): Global {
  return { type: readGlobalType(reader), init: readConstExpression(reader) };
}

function readImport(reader: ByteReader): Import {
  const module = reader.name();
  const name = reader.name();
  const kind = reader.byte();
  let descriptor: ImportDescriptor;
  switch (kind) {
    case ExternalKind.Function:
      descriptor = { kind, typeIndex: reader.u32() };
      break;
    case ExternalKind.Table:
      descriptor = { kind, table: readTableType(reader) };
      break;
    case ExternalKind.Memory:
      descriptor = { kind, limits: readLimits(reader) };
      break;
    case ExternalKind.Global:
      descriptor = { kind, global: readGlobalType(reader) };
      break;
    case ExternalKind.Tag:
      descriptor = { kind, attribute: reader.byte(), typeIndex: reader.u32() };
      break;
    default:
      return reader.fail(`unknown import kind ${kind}`);
  }
  return { module, name, descriptor };
}

function readElementSegment(reader: ByteReader): ElementSegment {
  const flags = reader.u32();
  if (flags > 7) reader.fail(`unknown element segment flags ${flags}`);
  const start = reader.offset;
  const hasTableIndex = flags === 2 || flags === 6;
  const active = (flags & 1) === 0;
  const usesExpressions = (flags & 4) !== 0;
  if (hasTableIndex) reader.u32();
  if (active) readConstExpression(reader);
  if (flags !== 0 && flags !== 4) reader.byte(); // element kind or reference type
  if (usesExpressions) reader.vector(readConstExpression);
  else reader.vector((r) => r.u32());
  return { flags, body: reader.since(start) };
}

function readFunctionBody(reader: ByteReader): FunctionBody {
  const size = reader.u32();
  const body = reader.sub(size);
  const locals = body.vector((r) => ({ count: r.u32(), type: readValType(r) }));
  return { locals, code: body.take(body.remaining).slice() };
}

function readDataSegment(reader: ByteReader): DataSegment {
  const flags = reader.u32();
  switch (flags) {
    case 0:
      return {
        mode: 'active',
        flags,
        memoryIndex: 0,
        offset: readConstExpression(reader),
        bytes: readBytes(reader),
      };
    case 1:
      return { mode: 'passive', bytes: readBytes(reader) };
    case 2: {
      const memoryIndex = reader.u32();
      return {
        mode: 'active',
        flags,
        memoryIndex,
        offset: readConstExpression(reader),
        bytes: readBytes(reader),
      };
    }
    default:
      return reader.fail(`unknown data segment flags ${flags}`);
  }
}

function readBytes(reader: ByteReader): Uint8Array {
  return reader.take(reader.u32()).slice();
}
