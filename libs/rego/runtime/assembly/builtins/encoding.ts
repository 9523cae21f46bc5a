// JSON and base64 builtins.

import { arrayGet, arrayLength } from '../array';
import { jsonParse } from '../json-parse';
import { writeEscapedString, writeValue } from '../json-dump';
import { writeNumber } from '../number-format';
import { keyedLength, keyedOrderedKey, keyedOrderedValue } from '../object';
import { sortedElements } from './aggregates';
import {
  TYPE_ARRAY,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  booleanNew,
  stringBytes,
  stringLength,
  typeOf,
} from '../value';
import { writeByte, writerBuffer, writerLength, writerStart, writerTruncate } from '../writer';
import { heapAlloc } from '../heap';
import { builtinError, isString, typeError, writerFinishString } from './support';

/**
 * json.marshal: compact JSON like Go's encoding/json, which OPA uses: object keys sorted,
 * sets as sorted arrays, non-string keys as their JSON text.
 */
export function rt_builtin_json_marshal(value: i32): i32 {
  writerStart(64);
  writeCanonical(<usize>value);
  return <i32>writerFinishString();
}

function writeCanonical(value: usize): void {
  switch (typeOf(value)) {
    case TYPE_ARRAY: {
      writeByte(0x5b);
      const length = arrayLength(value);
      for (let i: usize = 0; i < length; i++) {
        if (i > 0) writeByte(0x2c);
        writeCanonical(arrayGet(value, i));
      }
      writeByte(0x5d);
      return;
    }
    case TYPE_SET:
      writeCanonical(sortedElements(value));
      return;
    case TYPE_OBJECT: {
      const length = keyedLength(value);
      writeByte(0x7b);
      for (let i: usize = 0; i < length; i++) {
        if (i > 0) writeByte(0x2c);
        const key = keyedOrderedKey(value, i);
        if (typeOf(key) == TYPE_STRING) writeEscapedString(stringBytes(key), stringLength(key));
        else writeKeyText(key);
        writeByte(0x3a);
        writeCanonical(keyedOrderedValue(value, i));
      }
      writeByte(0x7d);
      return;
    }
    case TYPE_NUMBER:
      writeNumber(value);
      return;
  }
  writeValue(value, false);
}

function writeKeyText(key: usize): void {
  const mark = writerLength();
  writeCanonical(key);
  const length = writerLength() - mark;
  const copy = heapAlloc(length);
  memory.copy(copy, writerBuffer() + mark, length);
  writerTruncate(mark);
  writeEscapedString(copy, length);
}

export function rt_builtin_json_unmarshal(text: i32): i32 {
  if (!isString(<usize>text)) return <i32>typeError('json.unmarshal', 1, 'string', <usize>text);
  const value = jsonParse(stringBytes(<usize>text), stringLength(<usize>text));
  if (value == 0) return <i32>builtinError('json.unmarshal', 'invalid JSON');
  return <i32>value;
}

export function rt_builtin_json_is_valid(text: i32): i32 {
  if (!isString(<usize>text)) return <i32>booleanNew(false);
  return <i32>booleanNew(jsonParse(stringBytes(<usize>text), stringLength(<usize>text)) != 0);
}

// Base64 (RFC 4648): standard and URL-safe alphabets.

const STANDARD = memory.data<u8>([
  0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48, 0x49, 0x4a, 0x4b, 0x4c, 0x4d, 0x4e, 0x4f, 0x50,
  0x51, 0x52, 0x53, 0x54, 0x55, 0x56, 0x57, 0x58, 0x59, 0x5a, 0x61, 0x62, 0x63, 0x64, 0x65, 0x66,
  0x67, 0x68, 0x69, 0x6a, 0x6b, 0x6c, 0x6d, 0x6e, 0x6f, 0x70, 0x71, 0x72, 0x73, 0x74, 0x75, 0x76,
  0x77, 0x78, 0x79, 0x7a, 0x30, 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39, 0x2b, 0x2f,
]);

function alphabetChar(index: u32, urlSafe: bool): u32 {
  const c = <u32>load<u8>(STANDARD + index);
  if (urlSafe) {
    if (c == 0x2b) return 0x2d;
    if (c == 0x2f) return 0x5f;
  }
  return c;
}

function encode(name: string, s: usize, urlSafe: bool): usize {
  if (!isString(s)) return typeError(name, 1, 'string', s);
  const bytes = stringBytes(s);
  const length = stringLength(s);
  writerStart(((length + 2) / 3) * 4 + 1);
  let i: usize = 0;
  for (; i + 2 < length; i += 3) {
    const chunk =
      ((<u32>load<u8>(bytes + i)) << 16) |
      ((<u32>load<u8>(bytes + i + 1)) << 8) |
      (<u32>load<u8>(bytes + i + 2));
    writeByte(alphabetChar(chunk >> 18, urlSafe));
    writeByte(alphabetChar((chunk >> 12) & 63, urlSafe));
    writeByte(alphabetChar((chunk >> 6) & 63, urlSafe));
    writeByte(alphabetChar(chunk & 63, urlSafe));
  }
  const rest = length - i;
  if (rest > 0) {
    let chunk = (<u32>load<u8>(bytes + i)) << 16;
    if (rest == 2) chunk |= (<u32>load<u8>(bytes + i + 1)) << 8;
    writeByte(alphabetChar(chunk >> 18, urlSafe));
    writeByte(alphabetChar((chunk >> 12) & 63, urlSafe));
    writeByte(rest == 2 ? alphabetChar((chunk >> 6) & 63, urlSafe) : 0x3d);
    writeByte(0x3d);
  }
  return writerFinishString();
}

function decodeChar(c: u32, urlSafe: bool): i32 {
  if (c >= 0x41 && c <= 0x5a) return <i32>(c - 0x41);
  if (c >= 0x61 && c <= 0x7a) return <i32>(c - 0x61 + 26);
  if (c >= 0x30 && c <= 0x39) return <i32>(c - 0x30 + 52);
  if (c == (urlSafe ? 0x2d : 0x2b)) return 62;
  if (c == (urlSafe ? 0x5f : 0x2f)) return 63;
  return -1;
}

/**
 * Decodes into the writer; false when the text is not valid base64. Padding is required
 * unless `paddingOptional` (base64url.decode accepts both, as OPA does); trailing bits of a
 * partial group are ignored (Go's default, non-strict decoding).
 */
function decodeInto(bytes: usize, length: usize, urlSafe: bool, paddingOptional: bool): bool {
  let data = length;
  while (data > 0 && load<u8>(bytes + data - 1) == 0x3d) data--;
  const padding = length - data;
  if (padding > 2) return false;
  const remainder = data & 3;
  if (remainder == 1) return false;
  if (padding > 0 && (data + padding) & 3) return false;
  if (padding == 0 && remainder != 0 && !paddingOptional) return false;
  let accumulator: u32 = 0;
  let bits: u32 = 0;
  for (let i: usize = 0; i < data; i++) {
    const digit = decodeChar(<u32>load<u8>(bytes + i), urlSafe);
    if (digit < 0) return false;
    accumulator = (accumulator << 6) | (<u32>digit);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      writeByte((accumulator >> bits) & 0xff);
    }
  }
  return true;
}

function decode(name: string, s: usize, urlSafe: bool): usize {
  if (!isString(s)) return typeError(name, 1, 'string', s);
  const length = stringLength(s);
  writerStart(length + 1);
  if (!decodeInto(stringBytes(s), length, urlSafe, urlSafe))
    return builtinError(name, 'illegal base64 data');
  return writerFinishString();
}

export function rt_builtin_base64_encode(s: i32): i32 {
  return <i32>encode('base64.encode', <usize>s, false);
}

export function rt_builtin_base64_decode(s: i32): i32 {
  return <i32>decode('base64.decode', <usize>s, false);
}

export function rt_builtin_base64url_encode(s: i32): i32 {
  return <i32>encode('base64url.encode', <usize>s, true);
}

export function rt_builtin_base64url_decode(s: i32): i32 {
  return <i32>decode('base64url.decode', <usize>s, true);
}

export function rt_builtin_base64_is_valid(s: i32): i32 {
  if (!isString(<usize>s)) return <i32>booleanNew(false);
  writerStart(stringLength(<usize>s) + 1);
  return <i32>booleanNew(decodeInto(stringBytes(<usize>s), stringLength(<usize>s), false, false));
}
