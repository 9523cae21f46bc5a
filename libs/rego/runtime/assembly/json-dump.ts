// Serialisation: JSON (sets as arrays, non-string object keys as their JSON text) and
// Rego term syntax (sets as {..} / set(), keys as terms), both NUL-terminated.

import { arrayGet, arrayLength } from './array';
import { heapAlloc, heapFree } from './heap';
import { BYTE_UTF8, STRING_BYTE_CLASS } from './json-bytes';
import { writeNumber } from './number-format';
import {
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
  InlineBytes,
  booleanGet,
  stringBytes,
  stringLength,
  typeOf,
} from './value';
import {
  InlineWriter,
  writeBytes,
  writeLiteral,
  writeWord,
  writerBuffer,
  writerFinishBytes,
  writerFinishCString,
  writerLength,
  writerStart,
  writerTruncate,
} from './writer';

const HEX = memory.data<u8>([
  0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
]);

/** JSON text of `value`, NUL-terminated. */
export function jsonDump(value: usize): usize {
  writerStart(64);
  writeValue(value, false);
  return writerFinishCString();
}

// `[{"result":` as bytes: the opening every entrypoint's result set shares.
const RESULT_SET_OPENING = memory.data<u8>([
  0x5b, 0x7b, 0x22, 0x72, 0x65, 0x73, 0x75, 0x6c, 0x74, 0x22, 0x3a,
]);
const RESULT_SET_OPENING_LENGTH: usize = 11;
const RESULT_KEY = RESULT_SET_OPENING + 3; // the 6 bytes `result`

/**
 * JSON text of a result set, NUL-terminated. An entrypoint's result set is one
 * `{"result": v}` object: it is written as `[{"result":` + v + `}]` straight away, the
 * same bytes the general path produces without its walk over the set and the object.
 */
export function resultSetJsonDump(resultSet: usize): usize {
  const value = singleResultValue(resultSet);
  if (value == 0) return jsonDump(resultSet);
  writerStart(64);
  writeBytes(RESULT_SET_OPENING, RESULT_SET_OPENING_LENGTH);
  writeValue(value, false);
  InlineWriter.byte(0x7d);
  InlineWriter.byte(0x5d);
  return writerFinishCString();
}

/** `v` when the set is exactly `{{"result": v}}`, else 0. */
function singleResultValue(resultSet: usize): usize {
  if (typeOf(resultSet) != TYPE_SET || keyedLength(resultSet) != 1) return 0;
  const solution = keyedKeyAt(resultSet, 0);
  if (typeOf(solution) != TYPE_OBJECT || keyedLength(solution) != 1) return 0;
  const key = keyedKeyAt(solution, 0);
  if (typeOf(key) != TYPE_STRING || stringLength(key) != 6) return 0;
  if (!InlineBytes.equal(stringBytes(key), RESULT_KEY, 6)) return 0;
  return keyedValueAt(solution, 0);
}

/** Rego term text of `value`, NUL-terminated. */
export function termDump(value: usize): usize {
  writerStart(64);
  writeValue(value, true);
  return writerFinishCString();
}

/** JSON text of `value` without a terminator; its length is `writerLength()` afterwards. */
export function jsonDumpBytes(value: usize): usize {
  writerStart(64);
  writeValue(value, false);
  return writerFinishBytes();
}

export function writeValue(value: usize, terms: bool): void {
  switch (typeOf(value)) {
    case TYPE_NULL:
      writeWord(0x6c6c756e, 4); // "null"
      return;
    case TYPE_BOOLEAN:
      if (booleanGet(value))
        writeWord(0x65757274, 4); // "true"
      else {
        writeWord(0x736c6166, 4); // "fals"
        InlineWriter.byte(0x65);
      }
      return;
    case TYPE_NUMBER:
      writeNumber(value);
      return;
    case TYPE_STRING:
      writeEscapedString(stringBytes(value), stringLength(value));
      return;
    case TYPE_ARRAY: {
      InlineWriter.byte(0x5b);
      const length = arrayLength(value);
      for (let i: usize = 0; i < length; i++) {
        if (i > 0) InlineWriter.byte(0x2c);
        writeValue(arrayGet(value, i), terms);
      }
      InlineWriter.byte(0x5d);
      return;
    }
    case TYPE_OBJECT: {
      InlineWriter.byte(0x7b);
      const length = keyedLength(value);
      for (let i: usize = 0; i < length; i++) {
        if (i > 0) InlineWriter.byte(0x2c);
        writeKey(keyedOrderedKey(value, i), terms);
        InlineWriter.byte(0x3a);
        writeValue(keyedOrderedValue(value, i), terms);
      }
      InlineWriter.byte(0x7d);
      return;
    }
    case TYPE_SET: {
      const length = keyedLength(value);
      if (terms && length == 0) {
        writeLiteral('set()');
        return;
      }
      InlineWriter.byte(terms ? 0x7b : 0x5b);
      for (let i: usize = 0; i < length; i++) {
        if (i > 0) InlineWriter.byte(0x2c);
        writeValue(keyedOrderedKey(value, i), terms);
      }
      InlineWriter.byte(terms ? 0x7d : 0x5d);
      return;
    }
  }
  // Undefined (address 0) has no JSON form; callers never dump it on purpose.
  writeLiteral('null');
}

function writeKey(key: usize, terms: bool): void {
  if (terms || typeOf(key) == TYPE_STRING) {
    writeValue(key, terms);
    return;
  }
  // JSON keys must be strings: serialise the key, then write that text as a string.
  const mark = writerLength();
  writeValue(key, false);
  const textLength = writerLength() - mark;
  const copy = heapAlloc(textLength);
  memory.copy(copy, writerBuffer() + mark, textLength);
  writerTruncate(mark);
  writeEscapedString(copy, textLength);
  heapFree(copy);
}

export function writeEscapedString(bytes: usize, length: usize): void {
  // Worst case every byte becomes \u00XX.
  InlineWriter.ensure(length + 2);
  InlineWriter.byteUnchecked(0x22);
  let runStart: usize = 0;
  for (let i: usize = 0; i < length; i++) {
    const byte = <u32>load<u8>(bytes + i);
    const byteClass = load<u8>(STRING_BYTE_CLASS + <usize>byte);
    // Only control bytes, quotes and backslashes are escaped (classes 1..3).
    if (byteClass == 0 || byteClass == BYTE_UTF8) continue;
    if (i > runStart) writeBytes(bytes + runStart, i - runStart);
    runStart = i + 1;
    InlineWriter.ensure(6);
    InlineWriter.byteUnchecked(0x5c);
    switch (byte) {
      case 0x22:
        InlineWriter.byteUnchecked(0x22);
        break;
      case 0x5c:
        InlineWriter.byteUnchecked(0x5c);
        break;
      case 0x0a:
        InlineWriter.byteUnchecked(0x6e);
        break;
      case 0x0d:
        InlineWriter.byteUnchecked(0x72);
        break;
      case 0x09:
        InlineWriter.byteUnchecked(0x74);
        break;
      case 0x08:
        InlineWriter.byteUnchecked(0x62);
        break;
      case 0x0c:
        InlineWriter.byteUnchecked(0x66);
        break;
      default:
        InlineWriter.byteUnchecked(0x75);
        InlineWriter.byteUnchecked(0x30);
        InlineWriter.byteUnchecked(0x30);
        InlineWriter.byteUnchecked(<u32>load<u8>(HEX + (byte >> 4)));
        InlineWriter.byteUnchecked(<u32>load<u8>(HEX + (byte & 15)));
    }
  }
  if (length > runStart) writeBytes(bytes + runStart, length - runStart);
  InlineWriter.byte(0x22);
}
