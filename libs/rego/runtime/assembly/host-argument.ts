// Host-builtin arguments. opa-wasm hands them to JavaScript through opa_json_dump and
// JSON.parse, which rounds an integer past 2^53 to a double. Numbers kept as exact integer
// text are therefore re-shaped, for the host call only, as {"__coresdk_bigint__": "<digits>"},
// which survives JSON.parse and which the loader decodes (custom-builtins.ts).

import { arrayGet, arrayLength, arrayNew, arrayAppend } from './array';
import { keyedLength, keyedOrderedKey, keyedOrderedValue, objectInsert, objectNew } from './object';
import {
  TYPE_ARRAY,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_SET,
  numberTextLength,
  numberTextPointer,
  stringNew,
  typeOf,
} from './value';

const BIGINT_TAG = '__coresdk_bigint__';
// The tag's UTF-8 bytes, in static memory so the key string needs no copy.
const BIGINT_TAG_BYTES: usize = memory.data<u8>([
  0x5f, 0x5f, 0x63, 0x6f, 0x72, 0x65, 0x73, 0x64, 0x6b, 0x5f, 0x62, 0x69, 0x67, 0x69, 0x6e, 0x74,
  0x5f, 0x5f,
]);

/**
 * The value to hand a host built-in: `value` itself unless it holds an integer kept as
 * decimal text, else a copy with each such number tagged. Ordinary values pay one scan
 * that stops at the first tagged number (and costs nothing for scalars).
 */
export function hostArgument(value: usize): usize {
  if (!holdsBigInteger(value)) return value;
  return tagged(value);
}

/** Whether `value` is or contains a number whose exact text is an integer. */
function holdsBigInteger(value: usize): bool {
  const type = typeOf(value);
  if (type == TYPE_NUMBER) return isIntegerText(value);
  if (type == TYPE_ARRAY) {
    const length = arrayLength(value);
    for (let index: usize = 0; index < length; index++) {
      if (holdsBigInteger(arrayGet(value, index))) return true;
    }
    return false;
  }
  if (type == TYPE_OBJECT || type == TYPE_SET) {
    const length = keyedLength(value);
    for (let rank: usize = 0; rank < length; rank++) {
      if (holdsBigInteger(keyedOrderedValue(value, rank))) return true;
    }
  }
  return false;
}

/**
 * Only integer text is tagged: a long decimal kept as text has no exact JavaScript form,
 * so it keeps today's double.
 */
function isIntegerText(number: usize): bool {
  const length = numberTextLength(number);
  if (length == 0) return false;
  const text = numberTextPointer(number);
  let start: usize = load<u8>(text) == 0x2d ? 1 : 0;
  if (start >= length) return false;
  for (let index = start; index < length; index++) {
    const byte = load<u8>(text + index);
    if (byte < 0x30 || byte > 0x39) return false;
  }
  return true;
}

function tagged(value: usize): usize {
  const type = typeOf(value);
  if (type == TYPE_NUMBER) {
    if (!isIntegerText(value)) return value;
    const object = objectNew(1);
    // The number's text lives as long as the number: the string can point at it.
    const digits = stringNew(numberTextPointer(value), numberTextLength(value));
    objectInsert(object, stringNew(BIGINT_TAG_BYTES, <usize>BIGINT_TAG.length), digits);
    return object;
  }
  if (type == TYPE_ARRAY) {
    const length = arrayLength(value);
    const copy = arrayNew(length);
    for (let index: usize = 0; index < length; index++) {
      arrayAppend(copy, tagged(arrayGet(value, index)));
    }
    return copy;
  }
  if (type == TYPE_OBJECT) {
    const length = keyedLength(value);
    const copy = objectNew(length);
    for (let rank: usize = 0; rank < length; rank++) {
      objectInsert(copy, keyedOrderedKey(value, rank), tagged(keyedOrderedValue(value, rank)));
    }
    return copy;
  }
  if (type == TYPE_SET) {
    // A set dumps as an array in element order; an array in that same order keeps the
    // shape the host sees while its tagged elements cannot re-sort it.
    const length = keyedLength(value);
    const copy = arrayNew(length);
    for (let rank: usize = 0; rank < length; rank++) {
      arrayAppend(copy, tagged(keyedOrderedValue(value, rank)));
    }
    return copy;
  }
  return value;
}
