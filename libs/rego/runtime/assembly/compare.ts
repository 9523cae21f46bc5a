// Structural equality, OPA's total order, and hashing consistent with equality.
// Order: null < boolean < number < string < array < object < set (the type tags are
// numbered in that order); objects compare by their sorted keys, then values; sets by
// their sorted elements.

import { arrayGet, arrayLength } from './array';
import { compareNumbersExactly } from './number-compare';
import {
  keyedFind,
  keyedKeyAt,
  keyedLength,
  keyedOrderedKey,
  keyedOrderedValue,
  keyedValueAt,
} from './object';
import {
  TYPE_ARRAY,
  TYPE_BOOLEAN,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  booleanGet,
  bytesEqual,
  numberGet,
  numberTextLength,
  stringBytes,
  stringHash,
  stringLength,
} from './value';

export function valueEqual(a: usize, b: usize): bool {
  if (a == b) return a != 0;
  if (a == 0 || b == 0) return false;
  const tag = load<u32>(a);
  if (tag != load<u32>(b)) return false;
  switch (tag) {
    case TYPE_NULL:
      return true;
    case TYPE_BOOLEAN:
      return booleanGet(a) == booleanGet(b);
    case TYPE_NUMBER:
      return compareNumbers(a, b) == 0;
    case TYPE_STRING: {
      const length = stringLength(a);
      return length == stringLength(b) && bytesEqual(stringBytes(a), stringBytes(b), length);
    }
    case TYPE_ARRAY: {
      const length = arrayLength(a);
      if (length != arrayLength(b)) return false;
      for (let i: usize = 0; i < length; i++) {
        if (!valueEqual(arrayGet(a, i), arrayGet(b, i))) return false;
      }
      return true;
    }
    case TYPE_OBJECT: {
      const length = keyedLength(a);
      if (length != keyedLength(b)) return false;
      for (let i: usize = 0; i < length; i++) {
        const found = keyedFind(b, keyedKeyAt(a, i));
        if (found < 0 || !valueEqual(keyedValueAt(a, i), keyedValueAt(b, <usize>found))) {
          return false;
        }
      }
      return true;
    }
    case TYPE_SET: {
      const length = keyedLength(a);
      if (length != keyedLength(b)) return false;
      for (let i: usize = 0; i < length; i++) {
        if (keyedFind(b, keyedKeyAt(a, i)) < 0) return false;
      }
      return true;
    }
  }
  return false;
}

function sign(difference: i32): i32 {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * Numbers order as doubles; equal doubles where a literal was kept (too long or too large
 * for a double) are ordered exactly. Equal numbers therefore always have equal doubles,
 * which keeps hashing by the double consistent with equality.
 */
function compareNumbers(a: usize, b: usize): i32 {
  const x = numberGet(a);
  const y = numberGet(b);
  if (x < y) return -1;
  if (x > y) return 1;
  if (numberTextLength(a) == 0 && numberTextLength(b) == 0) return 0;
  return compareNumbersExactly(a, b);
}

export function compareBytes(a: usize, aLength: usize, b: usize, bLength: usize): i32 {
  const common = aLength < bLength ? aLength : bLength;
  const order = memory.compare(a, b, common);
  if (order != 0) return sign(order);
  return aLength < bLength ? -1 : aLength > bLength ? 1 : 0;
}

export function valueCompare(a: usize, b: usize): i32 {
  if (a == b) return 0;
  if (a == 0) return -1;
  if (b == 0) return 1;
  const tag = load<u32>(a);
  const otherTag = load<u32>(b);
  if (tag != otherTag) return tag < otherTag ? -1 : 1;
  switch (tag) {
    case TYPE_NULL:
      return 0;
    case TYPE_BOOLEAN:
      return sign(<i32>booleanGet(a) - <i32>booleanGet(b));
    case TYPE_NUMBER:
      return compareNumbers(a, b);
    case TYPE_STRING:
      return compareBytes(stringBytes(a), stringLength(a), stringBytes(b), stringLength(b));
    case TYPE_ARRAY: {
      const aLength = arrayLength(a);
      const bLength = arrayLength(b);
      const common = aLength < bLength ? aLength : bLength;
      for (let i: usize = 0; i < common; i++) {
        const order = valueCompare(arrayGet(a, i), arrayGet(b, i));
        if (order != 0) return order;
      }
      return aLength < bLength ? -1 : aLength > bLength ? 1 : 0;
    }
    case TYPE_OBJECT:
    case TYPE_SET:
      return compareKeyed(a, b, tag == TYPE_OBJECT);
  }
  return 0;
}

function compareKeyed(a: usize, b: usize, withValues: bool): i32 {
  const aLength = keyedLength(a);
  const bLength = keyedLength(b);
  const common = aLength < bLength ? aLength : bLength;
  for (let i: usize = 0; i < common; i++) {
    let order = valueCompare(keyedOrderedKey(a, i), keyedOrderedKey(b, i));
    if (order == 0 && withValues)
      order = valueCompare(keyedOrderedValue(a, i), keyedOrderedValue(b, i));
    if (order != 0) return order;
  }
  return aLength < bLength ? -1 : aLength > bLength ? 1 : 0;
}

export function valueHash(value: usize): u32 {
  if (value == 0) return 0;
  switch (load<u32>(value)) {
    case TYPE_NULL:
      return 0x6e756c6c;
    case TYPE_BOOLEAN:
      return booleanGet(value) ? 0x74727565 : 0x66616c73;
    case TYPE_NUMBER: {
      const number = numberGet(value);
      // 0 and -0 are equal, so they must hash alike.
      const bits = number == 0 ? <u64>0 : reinterpret<u64>(number);
      const mixed = (bits ^ (bits >> 29)) * 0xbf58476d1ce4e5b9;
      return <u32>(mixed ^ (mixed >> 32));
    }
    case TYPE_STRING:
      return stringHash(value);
    case TYPE_ARRAY: {
      let hash: u32 = 0x61727279;
      const length = arrayLength(value);
      for (let i: usize = 0; i < length; i++) hash = hash * 31 + valueHash(arrayGet(value, i));
      return hash;
    }
    case TYPE_OBJECT: {
      // Order-independent: equal objects may hold their entries in different orders.
      let hash: u32 = 0x6f626a65;
      const length = keyedLength(value);
      for (let i: usize = 0; i < length; i++) {
        const keyHash = valueHash(keyedKeyAt(value, i));
        hash += (keyHash * 0x9e3779b1) ^ valueHash(keyedValueAt(value, i));
      }
      return hash;
    }
    case TYPE_SET: {
      let hash: u32 = 0x73657421;
      const length = keyedLength(value);
      for (let i: usize = 0; i < length; i++) hash += valueHash(keyedKeyAt(value, i)) * 0x85ebca6b;
      return hash;
    }
  }
  return 0;
}
