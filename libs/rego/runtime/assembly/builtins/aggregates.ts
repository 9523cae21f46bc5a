// Aggregates over arrays and sets (count also takes objects and strings).

import { arrayAppend, arrayGet, arrayLength, arrayNew } from '../array';
import { valueCompare } from '../compare';
import { valueLength } from '../access';
import { keyedLength, keyedOrderedKey } from '../object';
import { sortValues } from '../sort';
import { bigAdd, bigFree, bigFromDouble, bigMultiply, bigProductTooLarge } from '../big-integer';
import { EXACT_DOUBLE_LIMIT, integerOfNumber, numberOfInteger } from '../number-exact';
import {
  FALSE_VALUE,
  TRUE_VALUE,
  TYPE_ARRAY,
  TYPE_BOOLEAN,
  booleanGet,
  numberGet,
  numberNewF64,
  numberNewInt,
  numberTextLength,
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
  // Doubles are exact while every element is a plain double and every partial result
  // stays below 2^53 (see rt_builtin_plus); otherwise integers are folded exactly.
  let inexactSigns: u32 = 0;
  const count = elementCount(collection);
  for (let i: usize = 0; i < count; i++) {
    const element = elementAt(collection, i);
    if (!isNumber(element)) return typeError(name, 1, 'collection of numbers', collection);
    total = product ? total * numberGet(element) : total + numberGet(element);
    // Branch-free: this loop is on the path of every ordinary sum.
    inexactSigns |=
      (<u32>numberTextLength(element)) | (<u32>(Math.abs(total) >= EXACT_DOUBLE_LIMIT));
  }
  if (inexactSigns == 0) return numberNewF64(total);
  const exact = exactFold(collection, product);
  return exact != 0 ? exact : numberNewF64(total);
}

/**
 * The exact sum or product of a collection of integers; 0 when an element is not one (or
 * a product would pass MAX_INTEGER_DIGITS digits).
 */
function exactFold(collection: usize, product: bool): usize {
  let total = bigFromDouble(product ? 1 : 0);
  const count = elementCount(collection);
  for (let i: usize = 0; i < count; i++) {
    const element = integerOfNumber(elementAt(collection, i));
    if (element == 0 || (product && bigProductTooLarge(total, element))) {
      if (element != 0) bigFree(element);
      bigFree(total);
      return 0;
    }
    const next = product ? bigMultiply(total, element) : bigAdd(total, element, false);
    bigFree(element);
    bigFree(total);
    total = next;
  }
  const value = numberOfInteger(total);
  bigFree(total);
  return value;
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
