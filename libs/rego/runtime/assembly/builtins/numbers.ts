// Number conversion and bitwise builtins.

import { numberFromText, scanNumber } from '../number-parse';
import {
  FALSE_VALUE,
  TYPE_BOOLEAN,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_STRING,
  booleanGet,
  numberGet,
  numberNewF64,
  numberNewInt,
  stringBytes,
  stringLength,
  typeOf,
} from '../value';
import { writeByte, writerStart } from '../writer';
import { heapAlloc } from '../heap';
import { builtinError, isIntegral, isNumber, typeError, writerFinishString } from './support';

const DIGITS = memory.data<u8>([
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
]);
const digitScratch = memory.data(72);

/** format_int(number, base): the number truncated toward zero, in base 2, 8, 10 or 16. */
export function rt_builtin_format_int(number: i32, base: i32): i32 {
  if (!isNumber(<usize>number)) return <i32>typeError('format_int', 1, 'number', <usize>number);
  if (!isNumber(<usize>base)) return <i32>typeError('format_int', 2, 'number', <usize>base);
  const radix = numberGet(<usize>base);
  if (radix != 2 && radix != 8 && radix != 10 && radix != 16) {
    return <i32>builtinError('format_int', 'operand 2 must be one of {2, 8, 10, 16}');
  }
  let value = Math.trunc(numberGet(<usize>number));
  writerStart(24);
  if (value < 0) {
    writeByte(0x2d);
    value = -value;
  }
  if (value >= 18446744073709551616.0) return <i32>builtinError('format_int', 'number too large');
  let magnitude = <u64>value;
  const divisor = <u64>radix;
  let count: usize = 0;
  do {
    store<u8>(digitScratch + count++, load<u8>(DIGITS + <usize>(magnitude % divisor)));
    magnitude /= divisor;
  } while (magnitude != 0);
  while (count > 0) writeByte(<u32>load<u8>(digitScratch + --count));
  return <i32>writerFinishString();
}

/**
 * to_number: null → 0, booleans → 0/1, numbers as they are, strings parsed as decimal
 * numbers (an optional sign, digits with an optional fraction and exponent).
 */
export function rt_builtin_to_number(value: i32): i32 {
  switch (typeOf(<usize>value)) {
    case TYPE_NULL:
      return <i32>numberNewInt(0);
    case TYPE_BOOLEAN:
      return <i32>numberNewInt(booleanGet(<usize>value) ? 1 : 0);
    case TYPE_NUMBER:
      return value;
    case TYPE_STRING:
      return <i32>parseDecimal(stringBytes(<usize>value), stringLength(<usize>value));
  }
  return <i32>typeError('to_number', 1, 'one of null, boolean, number, string', <usize>value);
}

/** Rewrites lenient decimal text into JSON number text, then parses that. */
function parseDecimal(bytes: usize, length: usize): usize {
  // Normalised text: sign, integer digits (at least "0"), optional ".digits", exponent.
  const out = heapAlloc(length + 2);
  let written: usize = 0;
  let at: usize = 0;
  if (at < length && (load<u8>(bytes) == 0x2b || load<u8>(bytes) == 0x2d)) {
    if (load<u8>(bytes) == 0x2d) store<u8>(out + written++, 0x2d);
    at++;
  }
  while (
    at < length &&
    load<u8>(bytes + at) == 0x30 &&
    at + 1 < length &&
    isDigit(load<u8>(bytes + at + 1))
  )
    at++;
  const integerStart = at;
  while (at < length && isDigit(load<u8>(bytes + at)))
    store<u8>(out + written++, load<u8>(bytes + at++));
  let digits = at - integerStart;
  if (digits == 0) store<u8>(out + written++, 0x30);
  if (at < length && load<u8>(bytes + at) == 0x2e) {
    at++;
    const fractionStart = at;
    const dot = written;
    store<u8>(out + written++, 0x2e);
    while (at < length && isDigit(load<u8>(bytes + at)))
      store<u8>(out + written++, load<u8>(bytes + at++));
    if (at == fractionStart) written = dot; // "5." means 5
    digits += at - fractionStart;
  }
  if (digits == 0) return builtinError('to_number', 'invalid syntax');
  while (at < length) store<u8>(out + written++, load<u8>(bytes + at++));
  if (scanNumber(out, out + written) != written) return builtinError('to_number', 'invalid syntax');
  return numberFromText(out, written);
}

function isDigit(byte: u8): bool {
  return byte >= 0x30 && byte <= 0x39;
}

// Bitwise operations on integers (exact up to 2^53 in magnitude, two's complement).

function integerOperand(name: string, value: usize, operand: i32): bool {
  if (!isNumber(value) || !isIntegral(numberGet(value))) {
    typeError(name, operand, 'integer', value);
    return false;
  }
  return true;
}

function asInteger(value: usize): i64 {
  return <i64>numberGet(value);
}

function bitwise(name: string, a: usize, b: usize, operation: i32): usize {
  if (!integerOperand(name, a, 1) || !integerOperand(name, b, 2)) return 0;
  const x = asInteger(a);
  const y = asInteger(b);
  switch (operation) {
    case 0:
      return numberNewF64(<f64>(x | y));
    case 1:
      return numberNewF64(<f64>(x & y));
    case 2:
      return numberNewF64(<f64>(x ^ y));
    case 3:
      if (y < 0) return builtinError(name, 'shift count must be non-negative');
      return numberNewF64(
        y >= 63 ? (x == 0 ? 0.0 : <f64>x * Math.pow(2, <f64>y)) : <f64>x * <f64>((<i64>1) << y),
      );
    case 4:
      if (y < 0) return builtinError(name, 'shift count must be non-negative');
      const shifted: i64 = y >= 63 ? (x < 0 ? -1 : 0) : x >> y;
      return numberNewF64(<f64>shifted);
  }
  return FALSE_VALUE;
}

export function rt_builtin_bits_or(a: i32, b: i32): i32 {
  return <i32>bitwise('bits.or', <usize>a, <usize>b, 0);
}

export function rt_builtin_bits_and(a: i32, b: i32): i32 {
  return <i32>bitwise('bits.and', <usize>a, <usize>b, 1);
}

export function rt_builtin_bits_xor(a: i32, b: i32): i32 {
  return <i32>bitwise('bits.xor', <usize>a, <usize>b, 2);
}

export function rt_builtin_bits_lsh(a: i32, b: i32): i32 {
  return <i32>bitwise('bits.lsh', <usize>a, <usize>b, 3);
}

export function rt_builtin_bits_rsh(a: i32, b: i32): i32 {
  return <i32>bitwise('bits.rsh', <usize>a, <usize>b, 4);
}

export function rt_builtin_bits_negate(a: i32): i32 {
  if (!integerOperand('bits.negate', <usize>a, 1)) return 0;
  return <i32>numberNewF64(<f64>~asInteger(<usize>a));
}
