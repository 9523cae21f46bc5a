import { ByteWriter } from './byte-writer';
import {
  type DataSegment,
  ExternalKind,
  type FuncType,
  type GlobalType,
  type Import,
  type Limits,
  type Section,
  SectionId,
  type TableType,
  type WasmModule,
} from './module';

export interface WriteOptions {
  /**
   * Re-encode every section from its decoded form even when its original bytes are
   * known. Used by tests to check that decoding and encoding are inverse.
   */
  reencode?: boolean;
}

/** Encodes a module. Sections that still carry `raw` bytes are written verbatim. */
export function writeModule(module: WasmModule, options: WriteOptions = {}): Uint8Array {
  const writer = new ByteWriter();
  writer.bytes([0x00, 0x61, 0x73, 0x6d]);
  writer.bytes([
    module.version & 0xff,
    (module.version >> 8) & 0xff,
    (module.version >> 16) & 0xff,
    (module.version >>> 24) & 0xff,
  ]);
  for (const section of module.sections) {
    const payload = section.raw && !options.reencode ? section.raw : encodeSection(section);
    writer.byte(section.id).sized(payload);
  }
  return writer.toBytes();
}

/** Drops a section's original bytes so that the writer re-encodes it from its content. */
export function markModified(section: Section): void {
  delete section.raw;
}

function encodeSection(section: Section): Uint8Array {
  const writer = new ByteWriter();
  switch (section.id) {
    case SectionId.Custom:
      writer.name(section.custom.name).bytes(section.custom.content);
      break;
    case SectionId.Type:
      writer.vector(section.types, writeFuncType);
      break;
    case SectionId.Import:
      writer.vector(section.imports, writeImport);
      break;
    case SectionId.Function:
      writer.vector(section.typeIndices, (w, index) => w.u32(index));
      break;
    case SectionId.Table:
      writer.vector(section.tables, writeTableType);
      break;
    case SectionId.Memory:
      writer.vector(section.memories, writeLimits);
      break;
    case SectionId.Global:
      writer.vector(section.globals, (w, global) => {
        writeGlobalType(w, global.type);
        w.bytes(global.init);
      });
      break;
    case SectionId.Export:
      writer.vector(section.exports, (w, item) =>
        w.name(item.name).byte(item.kind).u32(item.index),
      );
      break;
    case SectionId.Start:
      writer.u32(section.functionIndex);
      break;
    case SectionId.Element:
      writer.vector(section.segments, (w, segment) => w.u32(segment.flags).bytes(segment.body));
      break;
    case SectionId.Code:
      writer.vector(section.bodies, (w, body) => {
        const inner = new ByteWriter();
        inner.vector(body.locals, (l, local) => l.u32(local.count).byte(local.type));
        inner.bytes(body.code);
        w.sized(inner.toBytes());
      });
      break;
    case SectionId.Data:
      writer.vector(section.segments, writeDataSegment);
      break;
    case SectionId.DataCount:
      writer.u32(section.count);
      break;
    case SectionId.Tag:
      if (!section.raw)
        throw new Error('a tag section cannot be re-encoded without its original bytes');
      writer.bytes(section.raw);
      break;
  }
  return writer.toBytes();
}

function writeFuncType(writer: ByteWriter, type: FuncType): void {
  writer.byte(0x60);
  writer.vector(type.params, (w, param) => w.byte(param));
  writer.vector(type.results, (w, result) => w.byte(result));
}

function writeLimits(writer: ByteWriter, limits: Limits): void {
  writer.byte(limits.flags).u32(limits.min);
  if (limits.flags & 1) {
    if (limits.max === undefined)
      throw new Error('limits flags announce a maximum that is missing');
    writer.u32(limits.max);
  }
}

function writeTableType(writer: ByteWriter, table: TableType): void {
  writer.byte(table.elementType);
  writeLimits(writer, table.limits);
}

function writeGlobalType(writer: ByteWriter, type: GlobalType): void {
  writer.byte(type.valueType).byte(type.mutable ? 1 : 0);
}

function writeImport(writer: ByteWriter, item: Import): void {
  writer.name(item.module).name(item.name).byte(item.descriptor.kind);
  const descriptor = item.descriptor;
  switch (descriptor.kind) {
    case ExternalKind.Function:
      writer.u32(descriptor.typeIndex);
      break;
    case ExternalKind.Table:
      writeTableType(writer, descriptor.table);
      break;
    case ExternalKind.Memory:
      writeLimits(writer, descriptor.limits);
      break;
    case ExternalKind.Global:
      writeGlobalType(writer, descriptor.global);
      break;
    case ExternalKind.Tag:
      writer.byte(descriptor.attribute).u32(descriptor.typeIndex);
      break;
  }
}

function writeDataSegment(writer: ByteWriter, segment: DataSegment): void {
  if (segment.mode === 'passive') {
    writer.u32(1).sized(segment.bytes);
    return;
  }
  writer.u32(segment.flags);
  if (segment.flags === 2) writer.u32(segment.memoryIndex);
  writer.bytes(segment.offset).sized(segment.bytes);
}
