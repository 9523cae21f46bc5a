// Whole-value operations: deep copy, deep merge (base + virtual documents), path
// updates (`with`, the ABI's add/remove path) and freeing.

import { arrayAppend, arrayGet, arrayLength, arrayNew } from './array';
import { heapFree } from './heap';
import {
  keyedAppend,
  keyedFind,
  keyedFreeStorage,
  keyedKeyAt,
  keyedLength,
  keyedRemoveAt,
  keyedValueAt,
  keyedSetValueAt,
  objectNew,
  setNew,
} from './object';
import { TYPE_ARRAY, TYPE_NUMBER, TYPE_OBJECT, TYPE_SET, TYPE_STRING, typeOf } from './value';

export function valueCopy(value: usize): usize {
  switch (typeOf(value)) {
    case TYPE_ARRAY: {
      const length = arrayLength(value);
      const copy = arrayNew(length);
      for (let i: usize = 0; i < length; i++) arrayAppend(copy, valueCopy(arrayGet(value, i)));
      return copy;
    }
    case TYPE_OBJECT:
    case TYPE_SET: {
      const length = keyedLength(value);
      const copy = typeOf(value) == TYPE_OBJECT ? objectNew(length) : setNew(length);
      for (let i: usize = 0; i < length; i++) {
        const key = valueCopy(keyedKeyAt(value, i));
        keyedAppend(
          copy,
          key,
          typeOf(value) == TYPE_OBJECT ? valueCopy(keyedValueAt(value, i)) : key,
        );
      }
      return copy;
    }
  }
  // Scalars are immutable: sharing them is a copy.
  return value;
}

/** Shallow copy of an object (entries shared), so one key can be replaced. */
function objectShallowCopy(object: usize): usize {
  const length = keyedLength(object);
  const copy = objectNew(length);
  for (let i: usize = 0; i < length; i++) {
    keyedAppend(copy, keyedKeyAt(object, i), keyedValueAt(object, i));
  }
  return copy;
}

/**
 * Deep merge of objects `a` and `b` into a new object (base and virtual documents): keys
 * of both sides; where both hold objects they merge recursively. Two values that are not
 * both objects cannot be merged: the result is 0 (undefined), like OPA's Object.Merge
 * failing. An undefined side yields the other.
 */
export function valueMerge(a: usize, b: usize): usize {
  if (a == 0) return b;
  if (b == 0) return a;
  if (typeOf(a) != TYPE_OBJECT || typeOf(b) != TYPE_OBJECT) return 0;
  const merged = objectShallowCopy(a);
  const length = keyedLength(b);
  for (let i: usize = 0; i < length; i++) {
    const key = keyedKeyAt(b, i);
    const found = keyedFind(merged, key);
    if (found < 0) {
      keyedAppend(merged, key, keyedValueAt(b, i));
      continue;
    }
    const value = valueMerge(keyedValueAt(merged, <usize>found), keyedValueAt(b, i));
    if (value == 0) return 0;
    keyedSetValueAt(merged, <usize>found, value);
  }
  return merged;
}

/**
 * A copy of `base` with `path` (an array of keys) set to `value`, copying only the objects
 * along the path. Missing or non-object intermediate values are replaced by objects.
 */
export function valueWithPath(base: usize, path: usize, value: usize): usize {
  return withPathFrom(base, path, 0, value);
}

function withPathFrom(base: usize, path: usize, position: usize, value: usize): usize {
  if (position == arrayLength(path)) return value;
  const key = arrayGet(path, position);
  const result: usize = typeOf(base) == TYPE_OBJECT ? objectShallowCopy(base) : objectNew(1);
  const found = keyedFind(result, key);
  const child: usize = found < 0 ? 0 : keyedValueAt(result, <usize>found);
  const updated = withPathFrom(child, path, position + 1, value);
  if (found < 0) keyedAppend(result, key, updated);
  else keyedSetValueAt(result, <usize>found, updated);
  return result;
}

export const PATH_OK: i32 = 0;
export const PATH_INTERNAL_ERROR: i32 = 1;
export const PATH_INVALID_TYPE: i32 = 2;
export const PATH_INVALID_PATH: i32 = 3;

/** ABI add_path: sets `path` in object `base` in place, creating intermediate objects. */
export function valueAddPath(base: usize, path: usize, value: usize): i32 {
  if (typeOf(base) != TYPE_OBJECT || typeOf(path) != TYPE_ARRAY) return PATH_INVALID_TYPE;
  const length = arrayLength(path);
  if (length == 0) return PATH_INVALID_PATH;
  let current = base;
  for (let i: usize = 0; i + 1 < length; i++) {
    const key = arrayGet(path, i);
    const found = keyedFind(current, key);
    let child: usize = found < 0 ? 0 : keyedValueAt(current, <usize>found);
    if (typeOf(child) != TYPE_OBJECT) {
      if (child != 0) return PATH_INVALID_PATH;
      child = objectNew(1);
      keyedAppend(current, key, child);
    }
    current = child;
  }
  const lastKey = arrayGet(path, length - 1);
  const found = keyedFind(current, lastKey);
  if (found < 0) keyedAppend(current, lastKey, value);
  else {
    valueFree(keyedValueAt(current, <usize>found));
    keyedSetValueAt(current, <usize>found, value);
  }
  return PATH_OK;
}

/** ABI remove_path: removes and frees the value at `path`; a missing path is not an error. */
export function valueRemovePath(base: usize, path: usize): i32 {
  if (typeOf(base) != TYPE_OBJECT || typeOf(path) != TYPE_ARRAY) return PATH_INVALID_TYPE;
  const length = arrayLength(path);
  if (length == 0) return PATH_INVALID_PATH;
  let current = base;
  for (let i: usize = 0; i + 1 < length; i++) {
    const found = keyedFind(current, arrayGet(path, i));
    if (found < 0) return PATH_OK;
    current = keyedValueAt(current, <usize>found);
    if (typeOf(current) != TYPE_OBJECT) return PATH_INVALID_PATH;
  }
  const found = keyedFind(current, arrayGet(path, length - 1));
  if (found >= 0) {
    const key = keyedKeyAt(current, <usize>found);
    const removed = keyedValueAt(current, <usize>found);
    keyedRemoveAt(current, <usize>found);
    valueFree(removed);
    valueFree(key);
  }
  return PATH_OK;
}

/**
 * Frees a value and everything it owns. Values may share scalars and string bytes (parsed
 * strings point into their JSON text), so only whole heap blocks owned by the value are
 * returned; static values are ignored by the allocator.
 */
export function valueFree(value: usize): void {
  switch (typeOf(value)) {
    case 0:
      return;
    case TYPE_ARRAY: {
      const length = arrayLength(value);
      for (let i: usize = 0; i < length; i++) valueFree(arrayGet(value, i));
      heapFree(load<u32>(value, 12));
      break;
    }
    case TYPE_OBJECT: {
      const length = keyedLength(value);
      for (let i: usize = 0; i < length; i++) {
        valueFree(keyedKeyAt(value, i));
        valueFree(keyedValueAt(value, i));
      }
      keyedFreeStorage(value);
      break;
    }
    case TYPE_SET: {
      const length = keyedLength(value);
      for (let i: usize = 0; i < length; i++) valueFree(keyedKeyAt(value, i));
      keyedFreeStorage(value);
      break;
    }
    case TYPE_STRING:
    case TYPE_NUMBER:
      break;
  }
  heapFree(value);
}
