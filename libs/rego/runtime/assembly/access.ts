// Generic reads over values: lookup by key, length, iteration by entry index.

import { arrayGet, arrayLength } from './array';
import {
  keyedFind,
  InlineKeyed,
  keyedKeyAt,
  keyedLength,
  keyedOrderedKey,
  keyedOrderedValue,
  keyedValueAt,
} from './object';
import {
  TYPE_ARRAY,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  codePointCount,
  numberAsIndex,
  numberNewInt,
  stringBytes,
  stringLength,
  typeOf,
} from './value';

/** `collection[key]`: array element, object value, or the set element itself; 0 if none. */
export function valueGet(collection: usize, key: usize): usize {
  if (key == 0) return 0;
  switch (typeOf(collection)) {
    case TYPE_ARRAY: {
      if (typeOf(key) != TYPE_NUMBER) return 0;
      const index = numberAsIndex(key);
      if (index < 0 || <usize>index >= arrayLength(collection)) return 0;
      return arrayGet(collection, <usize>index);
    }
    case TYPE_OBJECT: {
      const found = keyedFind(collection, key);
      return found < 0 ? 0 : keyedValueAt(collection, <usize>found);
    }
    case TYPE_SET: {
      const found = keyedFind(collection, key);
      return found < 0 ? 0 : keyedKeyAt(collection, <usize>found);
    }
  }
  return 0;
}

/** Object value under the string key with these bytes (no allocation); 0 if none. */
export function valueGetString(collection: usize, bytes: usize, length: usize): usize {
  const tag = typeOf(collection);
  if (tag != TYPE_OBJECT && tag != TYPE_SET) return 0;
  return InlineKeyed.getString(collection, bytes, length);
}

/** Elements of a collection, code points of a string, -1 for anything else. */
export function valueLength(value: usize): i32 {
  switch (typeOf(value)) {
    case TYPE_ARRAY:
      return <i32>arrayLength(value);
    case TYPE_OBJECT:
    case TYPE_SET:
      return <i32>keyedLength(value);
    case TYPE_STRING:
      return codePointCount(stringBytes(value), stringLength(value));
  }
  return -1;
}

/** Entries to scan, -1 when `value` is not a collection. */
export function collectionSize(value: usize): i32 {
  switch (typeOf(value)) {
    case TYPE_ARRAY:
      return <i32>arrayLength(value);
    case TYPE_OBJECT:
    case TYPE_SET:
      return <i32>keyedLength(value);
  }
  return -1;
}

export function iterKey(collection: usize, index: usize): usize {
  if (typeOf(collection) == TYPE_ARRAY) return numberNewInt(<i32>index);
  return keyedOrderedKey(collection, index);
}

export function iterValue(collection: usize, index: usize): usize {
  if (typeOf(collection) == TYPE_ARRAY) return arrayGet(collection, index);
  return keyedOrderedValue(collection, index);
}
