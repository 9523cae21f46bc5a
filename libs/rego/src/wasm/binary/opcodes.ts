/**
 * The instructions the emitter can produce and the disassembler can print, with the
 * shape of their immediates. The MVP set plus bulk memory's `memory.fill`/`memory.copy`.
 */
export type ImmediateShape =
  | 'none'
  | 'blocktype'
  | 'label'
  | 'labels'
  | 'function'
  | 'call_indirect'
  | 'local'
  | 'global'
  | 'memarg'
  | 'memory'
  | 'i32'
  | 'i64'
  | 'f32'
  | 'f64'
  | 'memory_pair';

export interface OpcodeInfo {
  name: string;
  /** The opcode byte; for 0xfc-prefixed instructions the sub-opcode is in `prefixed`. */
  code: number;
  prefixed?: number;
  immediate: ImmediateShape;
}

const TABLE: Array<[string, number, ImmediateShape]> = [
  ['unreachable', 0x00, 'none'],
  ['nop', 0x01, 'none'],
  ['block', 0x02, 'blocktype'],
  ['loop', 0x03, 'blocktype'],
  ['if', 0x04, 'blocktype'],
  ['else', 0x05, 'none'],
  ['end', 0x0b, 'none'],
  ['br', 0x0c, 'label'],
  ['br_if', 0x0d, 'label'],
  ['br_table', 0x0e, 'labels'],
  ['return', 0x0f, 'none'],
  ['call', 0x10, 'function'],
  ['call_indirect', 0x11, 'call_indirect'],
  ['drop', 0x1a, 'none'],
  ['select', 0x1b, 'none'],
  ['local.get', 0x20, 'local'],
  ['local.set', 0x21, 'local'],
  ['local.tee', 0x22, 'local'],
  ['global.get', 0x23, 'global'],
  ['global.set', 0x24, 'global'],
  ['i32.load', 0x28, 'memarg'],
  ['i64.load', 0x29, 'memarg'],
  ['f64.load', 0x2b, 'memarg'],
  ['i32.load8_u', 0x2d, 'memarg'],
  ['i32.store', 0x36, 'memarg'],
  ['i64.store', 0x37, 'memarg'],
  ['f64.store', 0x39, 'memarg'],
  ['i32.store8', 0x3a, 'memarg'],
  ['memory.size', 0x3f, 'memory'],
  ['memory.grow', 0x40, 'memory'],
  ['i32.const', 0x41, 'i32'],
  ['i64.const', 0x42, 'i64'],
  ['f32.const', 0x43, 'f32'],
  ['f64.const', 0x44, 'f64'],
  ['i32.eqz', 0x45, 'none'],
  ['i32.eq', 0x46, 'none'],
  ['i32.ne', 0x47, 'none'],
  ['i32.lt_s', 0x48, 'none'],
  ['i32.lt_u', 0x49, 'none'],
  ['i32.gt_s', 0x4a, 'none'],
  ['i32.gt_u', 0x4b, 'none'],
  ['i32.le_s', 0x4c, 'none'],
  ['i32.le_u', 0x4d, 'none'],
  ['i32.ge_s', 0x4e, 'none'],
  ['i32.ge_u', 0x4f, 'none'],
  ['i32.add', 0x6a, 'none'],
  ['i32.sub', 0x6b, 'none'],
  ['i32.mul', 0x6c, 'none'],
  ['i32.and', 0x71, 'none'],
  ['i32.or', 0x72, 'none'],
  ['i32.xor', 0x73, 'none'],
  ['i32.shl', 0x74, 'none'],
  ['i32.shr_u', 0x76, 'none'],
];

const PREFIXED: Array<[string, number, ImmediateShape]> = [
  ['memory.copy', 10, 'memory_pair'],
  ['memory.fill', 11, 'memory'],
];

export const OPCODES_BY_NAME = new Map<string, OpcodeInfo>();
export const OPCODES_BY_CODE = new Map<number, OpcodeInfo>();
export const PREFIXED_OPCODES_BY_CODE = new Map<number, OpcodeInfo>();

for (const [name, code, immediate] of TABLE) {
  const info = { name, code, immediate };
  OPCODES_BY_NAME.set(name, info);
  OPCODES_BY_CODE.set(code, info);
}
for (const [name, prefixed, immediate] of PREFIXED) {
  const info = { name, code: 0xfc, prefixed, immediate };
  OPCODES_BY_NAME.set(name, info);
  PREFIXED_OPCODES_BY_CODE.set(prefixed, info);
}

/** Block type byte for a block that produces no value. */
export const EMPTY_BLOCK_TYPE = 0x40;
