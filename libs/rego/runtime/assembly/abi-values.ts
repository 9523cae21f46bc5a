// rt_* exports for CODEGEN: constructing, reading, comparing and updating values.
// Thin wrappers so that the internal code can use usize/bool freely.

import {
  collectionSize,
  iterKey,
  iterValue,
  valueGet,
  valueGetString,
  valueLength,
} from './access';
import { arrayAppend, arrayNew } from './array';
import { valueCompare, valueEqual, valueHash } from './compare';
import { valueCopy, valueMerge, valueWithPath } from './document';
import { abortWith } from './errors';
import { heapFree } from './heap';
import { numberFromText, scanNumber } from './number-parse';
import {
  keyedAppend,
  keyedFind,
  keyedValueAt,
  objectInsert,
  objectNew,
  setAdd,
  setNew,
} from './object';
import {
  FALSE_VALUE,
  NULL_VALUE,
  NUMBER_SIZE,
  TRUE_VALUE,
  TYPE_BOOLEAN,
  TYPE_STRING,
  InlineBytes,
  booleanGet,
  numberNewF64,
  numberNewInt,
  stringBytes,
  stringLength,
  stringNew,
  typeOf,
} from './value';

export function rt_null(): i32 {
  return <i32>NULL_VALUE;
}

export function rt_true(): i32 {
  return <i32>TRUE_VALUE;
}

export function rt_false(): i32 {
  return <i32>FALSE_VALUE;
}

export function rt_boolean(truth: i32): i32 {
  return <i32>(truth != 0 ? TRUE_VALUE : FALSE_VALUE);
}

export function rt_number_int(number: i32): i32 {
  return <i32>numberNewInt(number);
}

export function rt_number_f64(number: f64): i32 {
  return <i32>numberNewF64(number);
}

export function rt_number_text(text: i32, length: i32): i32 {
  if (length <= 0 || scanNumber(<usize>text, <usize>(text + length)) != <usize>length) return 0;
  return <i32>numberFromText(<usize>text, <usize>length);
}

/**
 * Builds a number constant in place, at `target` (NUMBER_SIZE zeroed bytes of the policy's
 * static data), and returns `target`; 0 when the text is not a JSON number. Static
 * constants live outside the heap, so they are built once per instance, not once per
 * evaluation; `text` must stay where it is (the data segment).
 */
export function rt_number_text_at(target: i32, text: i32, length: i32): i32 {
  const value = <usize>rt_number_text(text, length);
  if (value == 0) return 0;
  memory.copy(<usize>target, value, NUMBER_SIZE);
  heapFree(value); // the newest block, or a static cached integer (ignored)
  return target;
}

export function rt_string(bytes: i32, length: i32): i32 {
  return <i32>stringNew(<usize>bytes, <usize>length);
}

export function rt_array_new(capacity: i32): i32 {
  return <i32>arrayNew(<usize>(capacity < 0 ? 0 : capacity));
}

export function rt_array_append(array: i32, value: i32): void {
  arrayAppend(<usize>array, <usize>value);
}

export function rt_object_new(): i32 {
  return <i32>objectNew(0);
}

export function rt_object_insert(object: i32, key: i32, value: i32): void {
  objectInsert(<usize>object, <usize>key, <usize>value);
}

export function rt_object_insert_once(object: i32, key: i32, value: i32): void {
  const found = keyedFind(<usize>object, <usize>key);
  if (found < 0) {
    keyedAppend(<usize>object, <usize>key, <usize>value);
    return;
  }
  if (!valueEqual(keyedValueAt(<usize>object, <usize>found), <usize>value)) {
    abortWith('object insert conflict');
  }
}

export function rt_set_new(): i32 {
  return <i32>setNew(0);
}

export function rt_set_add(set: i32, value: i32): void {
  setAdd(<usize>set, <usize>value);
}

export function rt_value_type(value: i32): i32 {
  return <i32>typeOf(<usize>value);
}

export function rt_value_get(collection: i32, key: i32): i32 {
  return <i32>valueGet(<usize>collection, <usize>key);
}

export function rt_value_get_string(collection: i32, bytes: i32, length: i32): i32 {
  return <i32>valueGetString(<usize>collection, <usize>bytes, <usize>length);
}

export function rt_value_length(value: i32): i32 {
  return valueLength(<usize>value);
}

export function rt_value_count(value: i32): i32 {
  const length = valueLength(<usize>value);
  return length < 0 ? 0 : <i32>numberNewInt(length);
}

export function rt_collection_size(collection: i32): i32 {
  return collectionSize(<usize>collection);
}

export function rt_iter_key(collection: i32, index: i32): i32 {
  return <i32>iterKey(<usize>collection, <usize>index);
}

export function rt_iter_value(collection: i32, index: i32): i32 {
  return <i32>iterValue(<usize>collection, <usize>index);
}

export function rt_boolean_is_true(value: i32): i32 {
  return <i32>(typeOf(<usize>value) == TYPE_BOOLEAN && booleanGet(<usize>value));
}

export function rt_value_equal(a: i32, b: i32): i32 {
  // Strings dominate the comparisons policies make (`grant.action == input.action`): they
  // are compared here, without the call and type dispatch of the general case.
  if (
    a != 0 &&
    b != 0 &&
    load<u32>(<usize>a) == TYPE_STRING &&
    load<u32>(<usize>b) == TYPE_STRING
  ) {
    const length = stringLength(<usize>a);
    return <i32>(
      (length == stringLength(<usize>b) &&
        InlineBytes.equal(stringBytes(<usize>a), stringBytes(<usize>b), length))
    );
  }
  return <i32>valueEqual(<usize>a, <usize>b);
}

export function rt_value_compare(a: i32, b: i32): i32 {
  return valueCompare(<usize>a, <usize>b);
}

export function rt_value_hash(value: i32): i32 {
  return <i32>valueHash(<usize>value);
}

export function rt_value_copy(value: i32): i32 {
  return <i32>valueCopy(<usize>value);
}

export function rt_value_merge(a: i32, b: i32): i32 {
  return <i32>valueMerge(<usize>a, <usize>b);
}

export function rt_value_with_path(base: i32, path: i32, value: i32): i32 {
  return <i32>valueWithPath(<usize>base, <usize>path, <usize>value);
}

export function rt_var_assignment_conflict(): void {
  abortWith('var assignment conflict');
}
