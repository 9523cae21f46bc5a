// Array, set and membership builtins.

import { arrayAppend, arrayGet, arrayLength, arrayNew } from '../array';
import { valueEqual } from '../compare';
import { valueGet } from '../access';
import {
  keyedAppend,
  keyedFind,
  keyedKeyAt,
  keyedLength,
  keyedValueAt,
  setAdd,
  setNew,
} from '../object';
import {
  TYPE_ARRAY,
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  booleanNew,
  numberGet,
  numberNewF64,
  numberNewInt,
  typeOf,
} from '../value';
import { setDifference } from './arithmetic';
import { builtinError, isArray, isIntegral, isNumber, isSet, typeError } from './support';

export function rt_builtin_array_concat(a: i32, b: i32): i32 {
  if (!isArray(<usize>a)) return <i32>typeError('array.concat', 1, 'array', <usize>a);
  if (!isArray(<usize>b)) return <i32>typeError('array.concat', 2, 'array', <usize>b);
  const aLength = arrayLength(<usize>a);
  const bLength = arrayLength(<usize>b);
  const result = arrayNew(aLength + bLength);
  for (let i: usize = 0; i < aLength; i++) arrayAppend(result, arrayGet(<usize>a, i));
  for (let i: usize = 0; i < bLength; i++) arrayAppend(result, arrayGet(<usize>b, i));
  return <i32>result;
}

/** array.slice: indices are clamped to the array; an empty range gives []. */
export function rt_builtin_array_slice(a: i32, start: i32, stop: i32): i32 {
  if (!isArray(<usize>a)) return <i32>typeError('array.slice', 1, 'array', <usize>a);
  if (!isNumber(<usize>start) || !isIntegral(numberGet(<usize>start))) {
    return <i32>typeError('array.slice', 2, 'integer', <usize>start);
  }
  if (!isNumber(<usize>stop) || !isIntegral(numberGet(<usize>stop))) {
    return <i32>typeError('array.slice', 3, 'integer', <usize>stop);
  }
  const length = <f64>arrayLength(<usize>a);
  let from = numberGet(<usize>start);
  let to = numberGet(<usize>stop);
  if (from < 0) from = 0;
  if (to > length) to = length;
  const result = arrayNew(0);
  for (let i = from; i < to; i++) arrayAppend(result, arrayGet(<usize>a, <usize>i));
  return <i32>result;
}

export function rt_builtin_array_reverse(a: i32): i32 {
  if (!isArray(<usize>a)) return <i32>typeError('array.reverse', 1, 'array', <usize>a);
  const length = arrayLength(<usize>a);
  const result = arrayNew(length);
  for (let i = length; i > 0; i--) arrayAppend(result, arrayGet(<usize>a, i - 1));
  return <i32>result;
}

function twoSets(name: string, a: usize, b: usize): bool {
  if (!isSet(a)) {
    typeError(name, 1, 'set', a);
    return false;
  }
  if (!isSet(b)) {
    typeError(name, 2, 'set', b);
    return false;
  }
  return true;
}

function setIntersection(a: usize, b: usize): usize {
  const result = setNew(0);
  const length = keyedLength(a);
  for (let i: usize = 0; i < length; i++) {
    const element = keyedKeyAt(a, i);
    if (keyedFind(b, element) >= 0) keyedAppend(result, element, element);
  }
  return result;
}

function setUnionInto(target: usize, source: usize): void {
  const length = keyedLength(source);
  for (let i: usize = 0; i < length; i++) setAdd(target, keyedKeyAt(source, i));
}

export function rt_builtin_and(a: i32, b: i32): i32 {
  if (!twoSets('and', <usize>a, <usize>b)) return 0;
  return <i32>setIntersection(<usize>a, <usize>b);
}

export function rt_builtin_or(a: i32, b: i32): i32 {
  if (!twoSets('or', <usize>a, <usize>b)) return 0;
  const result = setNew(0);
  setUnionInto(result, <usize>a);
  setUnionInto(result, <usize>b);
  return <i32>result;
}

export function rt_builtin_set_diff(a: i32, b: i32): i32 {
  if (!twoSets('set_diff', <usize>a, <usize>b)) return 0;
  return <i32>setDifference(<usize>a, <usize>b);
}

/** intersection(set of sets); the intersection of no sets is the empty set. */
export function rt_builtin_intersection(a: i32): i32 {
  if (!isSet(<usize>a)) return <i32>typeError('intersection', 1, 'set of sets', <usize>a);
  const count = keyedLength(<usize>a);
  for (let i: usize = 0; i < count; i++) {
    if (!isSet(keyedKeyAt(<usize>a, i)))
      return <i32>typeError('intersection', 1, 'set of sets', keyedKeyAt(<usize>a, i));
  }
  if (count == 0) return <i32>setNew(0);
  let result = keyedKeyAt(<usize>a, 0);
  for (let i: usize = 1; i < count; i++) result = setIntersection(result, keyedKeyAt(<usize>a, i));
  if (count == 1) {
    const copy = setNew(0);
    setUnionInto(copy, result);
    return <i32>copy;
  }
  return <i32>result;
}

export function rt_builtin_union(a: i32): i32 {
  if (!isSet(<usize>a)) return <i32>typeError('union', 1, 'set of sets', <usize>a);
  const count = keyedLength(<usize>a);
  const result = setNew(0);
  for (let i: usize = 0; i < count; i++) {
    const member = keyedKeyAt(<usize>a, i);
    if (!isSet(member)) return <i32>typeError('union', 1, 'set of sets', member);
    setUnionInto(result, member);
  }
  return <i32>result;
}

/** `x in collection`: array elements, object values, set members; false for other types. */
export function rt_builtin_internal_member_2(x: i32, collection: i32): i32 {
  switch (typeOf(<usize>collection)) {
    case TYPE_ARRAY: {
      const length = arrayLength(<usize>collection);
      for (let i: usize = 0; i < length; i++) {
        if (valueEqual(arrayGet(<usize>collection, i), <usize>x)) return <i32>booleanNew(true);
      }
      return <i32>booleanNew(false);
    }
    case TYPE_OBJECT: {
      const length = keyedLength(<usize>collection);
      for (let i: usize = 0; i < length; i++) {
        if (valueEqual(keyedValueAt(<usize>collection, i), <usize>x)) return <i32>booleanNew(true);
      }
      return <i32>booleanNew(false);
    }
    case TYPE_SET:
      return <i32>booleanNew(keyedFind(<usize>collection, <usize>x) >= 0);
  }
  return <i32>booleanNew(false);
}

/** `key, value in collection`: collection[key] == value; strings are not collections. */
export function rt_builtin_internal_member_3(key: i32, value: i32, collection: i32): i32 {
  const tag = typeOf(<usize>collection);
  if (tag == TYPE_STRING) return <i32>booleanNew(false);
  return <i32>booleanNew(valueEqual(valueGet(<usize>collection, <usize>key), <usize>value));
}

/** numbers.range(a, b): the integers from a to b inclusive, descending when b < a. */
export function rt_builtin_numbers_range(a: i32, b: i32): i32 {
  if (!isNumber(<usize>a) || !isIntegral(numberGet(<usize>a))) {
    return <i32>builtinError('numbers.range', 'operand 1 must be an integer');
  }
  if (!isNumber(<usize>b) || !isIntegral(numberGet(<usize>b))) {
    return <i32>builtinError('numbers.range', 'operand 2 must be an integer');
  }
  const from = numberGet(<usize>a);
  const to = numberGet(<usize>b);
  const step: f64 = to >= from ? 1 : -1;
  const count = <usize>(Math.abs(to - from) + 1);
  const result = arrayNew(count);
  let current = from;
  for (let i: usize = 0; i < count; i++) {
    arrayAppend(
      result,
      current >= 0 && current < 256 ? numberNewInt(<i32>current) : numberNewF64(current),
    );
    current += step;
  }
  return <i32>result;
}
