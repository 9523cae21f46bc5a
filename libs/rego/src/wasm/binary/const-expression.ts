import type { ByteReader } from './byte-reader';

/**
 * Skips one constant expression (global initialiser, segment offset, element item) and
 * returns its raw bytes including the closing `end`. Accepts the instructions that are
 * valid in constant expressions, including the extended-const arithmetic.
 */
export function readConstExpression(reader: ByteReader): Uint8Array {
  const start = reader.offset;
  for (;;) {
    const opcode = reader.byte();
    switch (opcode) {
      case 0x0b: // end
        return reader.since(start);
      case 0x41: // i32.const
        reader.s32();
        break;
      case 0x42: // i64.const
        reader.s64();
        break;
      case 0x43: // f32.const
        reader.take(4);
        break;
      case 0x44: // f64.const
        reader.take(8);
        break;
      case 0x23: // global.get
      case 0xd2: // ref.func
        reader.u32();
        break;
      case 0xd0: // ref.null heaptype
        reader.s64(5);
        break;
      case 0x6a: // i32.add
      case 0x6b: // i32.sub
      case 0x6c: // i32.mul
      case 0x7c: // i64.add
      case 0x7d: // i64.sub
      case 0x7e: // i64.mul
        break;
      case 0xfd: // v128.const
        if (reader.u32() !== 12)
          reader.fail('unsupported SIMD instruction in a constant expression');
        reader.take(16);
        break;
      default:
        reader.fail(`opcode 0x${opcode.toString(16)} is not allowed in a constant expression`);
    }
  }
}

/** The value of a constant expression that is a single `i32.const`, else undefined. */
export function constI32Value(expression: Uint8Array): number | undefined {
  if (expression[0] !== 0x41 || expression[expression.length - 1] !== 0x0b) return undefined;
  let result = 0n;
  let shift = 0n;
  for (let index = 1; index < expression.length - 1; index++) {
    const byte = expression[index];
    result |= BigInt(byte & 0x7f) << shift;
    shift += 7n;
    if ((byte & 0x80) === 0) {
      if (byte & 0x40) result -= 1n << shift;
      return index === expression.length - 2 ? Number(BigInt.asIntN(32, result)) : undefined;
    }
  }
  return undefined;
}
