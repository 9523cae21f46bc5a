// Aggregates over arrays and sets (count also takes objects and strings).

import { arrayAppend, arrayGet, arrayLength, arrayNew } from '../array';
import { valueCompare } from '../compare';
import { valueLength } from '../access';
import { keyedLength, keyedOrderedKey } from '../object';
import { sortValues } from '../sort';
import {
  FALSE_VALUE,
  TRUE_VALUE,
  TYPE_ARRAY,
  TYPE_BOOLEAN,
  booleanGet,
  numberGet,
  numberNewF64,
  numberNewInt,
  typeOf,
} from '../value';
import { isArrayOrSet, isNumber, typeError } from './support';

/** Element `index` of an array or set. */
export function elementAt(collection: usize, index: usize): usize {
  return typeOf(collection) == TYPE_ARRAY
    ? arrayGet(collection, index)
    : keyedOrderedKey(collection, index);
}

export function elementCount(collection: usize): usize {
  return typeOf(collection) == TYPE_ARRAY ? arrayLength(collection) : keyedLength(collection);
}

export function rt_builtin_count(a: i32): i32 {
  const length = valueLength(<usize>a);
  if (length < 0) return <i32>typeError('count', 1, 'one of array, object, set, string', <usize>a);
  return <i32>numberNewInt(length);
}

function fold(name: string, collection: usize, product: bool): usize {
  if (!isArrayOrSet(collection)) return typeError(name, 1, 'one of array, set', collection);
  let total: f64 = product ? 1 : 0;
  const count = elementCount(collection);
  for (let i: usize = 0; i < count; i++) {
    const element = elementAt(collection, i);
    if (!isNumber(element)) return typeError(name, 1, 'collection of numbers', collection);
    total = product ? total * numberGet(element) : total + numberGet(element);
  }
  return numberNewF64(total);
}

export function rt_builtin_sum(a: i32): i32 {
  return <i32>fold('sum', <usize>a, false);
}

export function rt_builtin_product(a: i32): i32 {
  return <i32>fold('product', <usize>a, true);
}

function extreme(name: string, collection: usize, wantMaximum: bool): usize {
  if (!isArrayOrSet(collection)) return typeError(name, 1, 'one of array, set', collection);
  const count = elementCount(collection);
  if (count == 0) return 0; // undefined, as in OPA
  let best = elementAt(collection, 0);
  for (let i: usize = 1; i < count; i++) {
    const element = elementAt(collection, i);
    const order = valueCompare(element, best);
    if (wantMaximum ? order > 0 : order < 0) best = element;
  }
  return best;
}

export function rt_builtin_max(a: i32): i32 {
  return <i32>extreme('max', <usize>a, true);
}

export function rt_builtin_min(a: i32): i32 {
  return <i32>extreme('min', <usize>a, false);
}

/** A new array with the elements of an array or set in OPA order. */
export function sortedElements(collection: usize): usize {
  const count = elementCount(collection);
  const result = arrayNew(count);
  for (let i: usize = 0; i < count; i++) arrayAppend(result, elementAt(collection, i));
  sortValues(load<u32>(result, 12), count);
  return result;
}

export function rt_builtin_sort(a: i32): i32 {
  if (!isArrayOrSet(<usize>a)) return <i32>typeError('sort', 1, 'one of array, set', <usize>a);
  return <i32>sortedElements(<usize>a);
}

function booleanFold(name: string, collection: usize, wantAll: bool): usize {
  if (!isArrayOrSet(collection)) return typeError(name, 1, 'one of array, set', collection);
  const count = elementCount(collection);
  for (let i: usize = 0; i < count; i++) {
    const element = elementAt(collection, i);
    const isTrue = typeOf(element) == TYPE_BOOLEAN && booleanGet(element);
    if (wantAll && !isTrue) return FALSE_VALUE;
    if (!wantAll && isTrue) return TRUE_VALUE;
  }
  return wantAll ? TRUE_VALUE : FALSE_VALUE;
}

export function rt_builtin_all(a: i32): i32 {
  return <i32>booleanFold('all', <usize>a, true);
}

export function rt_builtin_any(a: i32): i32 {
  return <i32>booleanFold('any', <usize>a, false);
}
