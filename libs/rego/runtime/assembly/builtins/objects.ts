// object.* builtins.

import { arrayGet, arrayLength } from '../array';
import { valueGet } from '../access';
import {
  keyedAppend,
  keyedFind,
  keyedKeyAt,
  keyedLength,
  keyedSetValueAt,
  keyedValueAt,
  objectNew,
  setNew,
} from '../object';
import { TYPE_ARRAY, TYPE_OBJECT, TYPE_SET, typeOf } from '../value';
import { isArray, isObject, typeError } from './support';

/** object.get(object, key, default); an array key is a path (an empty path is the object). */
export function rt_builtin_object_get(object: i32, key: i32, fallback: i32): i32 {
  if (!isObject(<usize>object)) return <i32>typeError('object.get', 1, 'object', <usize>object);
  if (isArray(<usize>key)) {
    let current = <usize>object;
    const length = arrayLength(<usize>key);
    for (let i: usize = 0; i < length; i++) {
      current = valueGet(current, arrayGet(<usize>key, i));
      if (current == 0) return fallback;
    }
    return <i32>current;
  }
  const found = keyedFind(<usize>object, <usize>key);
  return found < 0 ? fallback : <i32>keyedValueAt(<usize>object, <usize>found);
}

export function rt_builtin_object_keys(object: i32): i32 {
  if (!isObject(<usize>object)) return <i32>typeError('object.keys', 1, 'object', <usize>object);
  const length = keyedLength(<usize>object);
  const result = setNew(length);
  for (let i: usize = 0; i < length; i++) {
    const key = keyedKeyAt(<usize>object, i);
    keyedAppend(result, key, key);
  }
  return <i32>result;
}

/** Recursive union where `b` wins, except that two objects are merged (object.union). */
export function objectUnion(a: usize, b: usize): usize {
  const result = objectNew(keyedLength(a));
  const aLength = keyedLength(a);
  for (let i: usize = 0; i < aLength; i++)
    keyedAppend(result, keyedKeyAt(a, i), keyedValueAt(a, i));
  const bLength = keyedLength(b);
  for (let i: usize = 0; i < bLength; i++) {
    const key = keyedKeyAt(b, i);
    const value = keyedValueAt(b, i);
    const found = keyedFind(result, key);
    if (found < 0) {
      keyedAppend(result, key, value);
      continue;
    }
    const existing = keyedValueAt(result, <usize>found);
    const merged = isObject(existing) && isObject(value) ? objectUnion(existing, value) : value;
    keyedSetValueAt(result, <usize>found, merged);
  }
  return result;
}

export function rt_builtin_object_union(a: i32, b: i32): i32 {
  if (!isObject(<usize>a)) return <i32>typeError('object.union', 1, 'object', <usize>a);
  if (!isObject(<usize>b)) return <i32>typeError('object.union', 2, 'object', <usize>b);
  return <i32>objectUnion(<usize>a, <usize>b);
}

export function rt_builtin_object_union_n(objects: i32): i32 {
  if (!isArray(<usize>objects))
    return <i32>typeError('object.union_n', 1, 'array of objects', <usize>objects);
  let result = objectNew(0);
  const length = arrayLength(<usize>objects);
  for (let i: usize = 0; i < length; i++) {
    const next = arrayGet(<usize>objects, i);
    if (!isObject(next)) return <i32>typeError('object.union_n', 1, 'array of objects', next);
    result = objectUnion(result, next);
  }
  return <i32>result;
}

/** Keys given as an array, a set, or an object's keys; 0 (with an error) for other types. */
function keySet(name: string, keys: usize): usize {
  const tag = typeOf(keys);
  if (tag == TYPE_SET) return keys;
  const result = setNew(0);
  if (tag == TYPE_ARRAY) {
    const length = arrayLength(keys);
    for (let i: usize = 0; i < length; i++) {
      const key = arrayGet(keys, i);
      if (keyedFind(result, key) < 0) keyedAppend(result, key, key);
    }
    return result;
  }
  if (tag == TYPE_OBJECT) {
    const length = keyedLength(keys);
    for (let i: usize = 0; i < length; i++) {
      const key = keyedKeyAt(keys, i);
      keyedAppend(result, key, key);
    }
    return result;
  }
  return typeError(name, 2, 'one of array, object, set', keys);
}

function selectKeys(name: string, object: usize, keys: usize, keep: bool): usize {
  if (!isObject(object)) return typeError(name, 1, 'object', object);
  const selected = keySet(name, keys);
  if (selected == 0) return 0;
  const result = objectNew(0);
  const length = keyedLength(object);
  for (let i: usize = 0; i < length; i++) {
    const key = keyedKeyAt(object, i);
    if (keyedFind(selected, key) >= 0 == keep) keyedAppend(result, key, keyedValueAt(object, i));
  }
  return result;
}

export function rt_builtin_object_remove(object: i32, keys: i32): i32 {
  return <i32>selectKeys('object.remove', <usize>object, <usize>keys, false);
}

export function rt_builtin_object_filter(object: i32, keys: i32): i32 {
  return <i32>selectKeys('object.filter', <usize>object, <usize>keys, true);
}
