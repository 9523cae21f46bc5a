import { ByteReader } from './byte-reader';
import type { FunctionBody } from './module';
import { OPCODES_BY_CODE, PREFIXED_OPCODES_BY_CODE, type OpcodeInfo } from './opcodes';

export interface DisassembleOptions {
  /** Names to print for call targets (function index → name). */
  functionNames?: ReadonlyMap<number, string>;
}

/**
 * Prints a function body as indented `.wat`-like text, one instruction a line. Covers the
 * instructions in `opcodes.ts` (everything our code generator emits); anything else is
 * reported as an error rather than guessed.
 */
export function disassembleFunction(body: FunctionBody, options: DisassembleOptions = {}): string {
  const lines: string[] = [];
  for (const local of body.locals)
    lines.push(`(local ${local.count} x ${valTypeName(local.type)})`);
  const reader: ByteReader = new ByteReader(body.code);
  let depth = 0;
  while (!reader.atEnd) {
    const opcode = reader.byte();
    const info =
      opcode === 0xfc ? PREFIXED_OPCODES_BY_CODE.get(reader.u32()) : OPCODES_BY_CODE.get(opcode);
    if (!info) reader.fail(`cannot disassemble opcode 0x${opcode.toString(16)}`);
    if (info.name === 'end' || info.name === 'else') depth--;
    if (info.name === 'end' && reader.atEnd) break; // the function's own end
    const immediate = readImmediate(reader, info, options);
    lines.push(
      '  '.repeat(Math.max(depth, 0)) + (immediate ? `${info.name} ${immediate}` : info.name),
    );
    if (info.immediate === 'blocktype' || info.name === 'else') depth++;
  }
  return lines.join('\n');
}

function readImmediate(reader: ByteReader, info: OpcodeInfo, options: DisassembleOptions): string {
  switch (info.immediate) {
    case 'none':
      return '';
    case 'blocktype': {
      const type = reader.byte();
      return type === 0x40 ? '' : `(result ${valTypeName(type)})`;
    }
    case 'label':
    case 'local':
    case 'global':
      return String(reader.u32());
    case 'labels': {
      const targets = reader.vector((r) => r.u32());
      return [...targets, reader.u32()].join(' ');
    }
    case 'function': {
      const index = reader.u32();
      const name = options.functionNames?.get(index);
      return name ? `$${name}` : String(index);
    }
    case 'call_indirect':
      return `(type ${reader.u32()}) (table ${reader.u32()})`;
    case 'memarg': {
      const align = reader.u32();
      const offset = reader.u32();
      return `offset=${offset} align=${2 ** align}`;
    }
    case 'memory':
      reader.byte();
      return '';
    case 'memory_pair':
      reader.byte();
      reader.byte();
      return '';
    case 'i32':
      return String(reader.s32());
    case 'i64':
      return String(reader.s64());
    case 'f32':
      return String(new DataView(reader.take(4).slice().buffer).getFloat32(0, true));
    case 'f64':
      return String(new DataView(reader.take(8).slice().buffer).getFloat64(0, true));
  }
}

function valTypeName(type: number): string {
  const names: Record<number, string> = {
    0x7f: 'i32',
    0x7e: 'i64',
    0x7d: 'f32',
    0x7c: 'f64',
    0x70: 'funcref',
  };
  return names[type] ?? `0x${type.toString(16)}`;
}
