// Value layout. Every value starts with a u32 type tag (OPA's numbering); address 0 is
// "undefined". Layouts (byte offsets):
//   null    [0 tag]                                                    static singleton
//   boolean [0 tag][4 0|1]                                             static singletons
//   number  [0 tag][4 text length][8 f64][16 text pointer]             text kept when a
//           double cannot hold the literal exactly (big integers, long decimals)
//   string  [0 tag][4 byte length][8 byte pointer][12 hash cache]      UTF-8, bytes may live
//           elsewhere (input buffer, data segment) or right after the header
//   array   [0 tag][4 length][8 capacity][12 elements: u32[]]
//   object  [0 tag][4 length][8 capacity][12 entries: (key u32, value u32)[]]
//           [16 hash index: u32[] of entry index + 1, 0 = empty][20 index capacity]
//   set     same as object; each entry's value is the element itself

import { HeapFastPath, heapAlloc } from './heap';

export const TYPE_NULL: u32 = 1;
export const TYPE_BOOLEAN: u32 = 2;
export const TYPE_NUMBER: u32 = 3;
export const TYPE_STRING: u32 = 4;
export const TYPE_ARRAY: u32 = 5;
export const TYPE_OBJECT: u32 = 6;
export const TYPE_SET: u32 = 7;

export const NULL_VALUE: usize = memory.data<u32>([1, 0], 8);
export const FALSE_VALUE: usize = memory.data<u32>([2, 0], 8);
export const TRUE_VALUE: usize = memory.data<u32>([2, 1], 8);

/** Bytes of a number value (static number constants reserve this much; see rt_number_text_at). */
export const NUMBER_SIZE: usize = 24;
const CACHED_INTEGERS: i32 = 256;
const integerCache = memory.data(<i32>(NUMBER_SIZE * CACHED_INTEGERS), 8);

export function typeOf(value: usize): u32 {
  return value == 0 ? 0 : load<u32>(value);
}

export function booleanNew(truth: bool): usize {
  return truth ? TRUE_VALUE : FALSE_VALUE;
}

export function booleanGet(value: usize): bool {
  return load<u32>(value, 4) != 0;
}

// Numbers --------------------------------------------------------------------------------

export function numberNewF64(number: f64): usize {
  const value = HeapFastPath.alloc(NUMBER_SIZE);
  store<u32>(value, TYPE_NUMBER);
  store<u32>(value, 0, 4);
  store<f64>(value, number, 8);
  store<u32>(value, 0, 16);
  return value;
}

/** Small non-negative integers (array indices, counts) come from a static cache. */
export function numberNewInt(number: i32): usize {
  if (<u32>number < <u32>CACHED_INTEGERS) {
    const value = integerCache + <usize>number * NUMBER_SIZE;
    if (load<u32>(value) == 0) {
      store<u32>(value, TYPE_NUMBER);
      store<f64>(value, <f64>number, 8);
    }
    return value;
  }
  return numberNewF64(<f64>number);
}

/** A number whose literal text must be kept (the double is only an approximation). */
export function numberNewText(number: f64, text: usize, length: usize): usize {
  const value = heapAlloc(NUMBER_SIZE);
  store<u32>(value, TYPE_NUMBER);
  store<u32>(value, <u32>length, 4);
  store<f64>(value, number, 8);
  store<u32>(value, <u32>text, 16);
  return value;
}

export function numberGet(value: usize): f64 {
  return load<f64>(value, 8);
}

export function numberTextLength(value: usize): usize {
  return <usize>load<u32>(value, 4);
}

export function numberTextPointer(value: usize): usize {
  return <usize>load<u32>(value, 16);
}

/** The number as an exact integer index, or -1 when it is not a non-negative integer < 2^31. */
export function numberAsIndex(value: usize): i32 {
  const number = numberGet(value);
  if (number >= 0 && number < 2147483648.0 && Math.floor(number) == number) return <i32>number;
  return -1;
}

// Strings --------------------------------------------------------------------------------

/** Bytes of a string header (CODEGEN lays out constant strings with this layout). */
export const STRING_SIZE: usize = 16;

/** A string over existing bytes (not copied). */
export function stringNew(bytes: usize, length: usize): usize {
  const value = HeapFastPath.alloc(STRING_SIZE);
  store<u32>(value, TYPE_STRING);
  store<u32>(value, <u32>length, 4);
  store<u32>(value, <u32>bytes, 8);
  store<u32>(value, 0, 12);
  return value;
}

/** A string with room for `length` bytes right after its header; fill via stringBytes. */
export function stringNewInline(length: usize): usize {
  const value = heapAlloc(STRING_SIZE + length);
  store<u32>(value, TYPE_STRING);
  store<u32>(value, <u32>length, 4);
  store<u32>(value, <u32>(value + STRING_SIZE), 8);
  store<u32>(value, 0, 12);
  return value;
}

/** A string holding a copy of the given bytes. */
export function stringNewCopy(bytes: usize, length: usize): usize {
  const value = stringNewInline(length);
  memory.copy(value + STRING_SIZE, bytes, length);
  return value;
}

export function stringLength(value: usize): usize {
  return <usize>load<u32>(value, 4);
}

export function stringBytes(value: usize): usize {
  return <usize>load<u32>(value, 8);
}

/** FNV-1a over the bytes, cached in the value (never 0 once computed). */
export function stringHash(value: usize): u32 {
  let hash = load<u32>(value, 12);
  if (hash != 0) return hash;
  hash = bytesHash(stringBytes(value), stringLength(value));
  store<u32>(value, hash, 12);
  return hash;
}

export function bytesHash(bytes: usize, length: usize): u32 {
  let hash: u32 = 0x811c9dc5;
  for (let i: usize = 0; i < length; i++) {
    hash = (hash ^ (<u32>load<u8>(bytes + i))) * 0x01000193;
  }
  return hash | 1;
}

/**
 * Byte equality, a word at a time. Keys and short strings dominate (object lookups compare
 * them in every scan), and the generic `memory.compare` walks them byte by byte until both
 * pointers are 8-aligned. Loads never reach past either range (a string may end exactly at
 * the end of memory).
 */
export function bytesEqual(a: usize, b: usize, length: usize): bool {
  return InlineBytes.equal(a, b, length);
}

/**
 * Byte operations inlined into hot loops (object lookups). AssemblyScript's `@inline` is
 * written on static methods because the formatter cannot parse decorated functions.
 */
export class InlineBytes {
  @inline static equal(a: usize, b: usize, length: usize): bool {
    if (a == b) return true;
    while (length >= 8) {
      if (load<u64>(a) != load<u64>(b)) return false;
      a += 8;
      b += 8;
      length -= 8;
    }
    if (length >= 4) {
      if (load<u32>(a) != load<u32>(b)) return false;
      a += 4;
      b += 4;
      length -= 4;
    }
    if (length >= 2) {
      if (load<u16>(a) != load<u16>(b)) return false;
      a += 2;
      b += 2;
      length -= 2;
    }
    return length == 0 || load<u8>(a) == load<u8>(b);
  }
}

/** Number of code points in UTF-8 bytes (continuation bytes are not counted). */
export function codePointCount(bytes: usize, length: usize): i32 {
  let count = 0;
  for (let i: usize = 0; i < length; i++) {
    if ((load<u8>(bytes + i) & 0xc0) != 0x80) count++;
  }
  return count;
}
