// JSON (RFC 8259) and Rego term parsing. Never traps: any malformed input, invalid UTF-8,
// or nesting deeper than MAX_DEPTH makes the parse return 0.
//
// Strings without escapes are not copied: the value points into the parsed text, which
// therefore must stay alive as long as the value (the ABI's input and data buffers do).

import { arrayAppend, arrayNew } from './array';
import { heapShrinkTop } from './heap';
import { BYTE_BACKSLASH, BYTE_CONTROL, BYTE_QUOTE, STRING_BYTE_CLASS } from './json-bytes';
import { numberFromText, scanNumber } from './number-parse';
import {
  keyedAppend,
  keyedFind,
  keyedFindString,
  keyedSetValueAt,
  objectNew,
  setAdd,
  setNew,
} from './object';
import {
  FALSE_VALUE,
  NULL_VALUE,
  TRUE_VALUE,
  numberNewF64,
  numberNewInt,
  stringBytes,
  stringLength,
  stringNew,
  stringNewInline,
} from './value';

const MAX_DEPTH: i32 = 1000;

let position: usize = 0;
let end: usize = 0;
let depth: i32 = 0;
let failed = false;
let termSyntax = false;

/** Parses `length` bytes of JSON at `text`; 0 on any error. */
export function jsonParse(text: usize, length: usize): usize {
  return parseDocument(text, length, false);
}

/** Parses Rego term syntax (JSON plus sets `{1, 2}` / `set()` and non-string keys); 0 on error. */
export function termParse(text: usize, length: usize): usize {
  return parseDocument(text, length, true);
}

function parseDocument(text: usize, length: usize, allowTerms: bool): usize {
  // A range outside memory (or wrapping around) would trap on the first load.
  const limit = (<usize>memory.size()) << 16;
  if (text > limit || length > limit - text) return 0;
  position = text;
  end = text + length;
  depth = 0;
  failed = false;
  termSyntax = allowTerms;
  const value = parseValue();
  skipWhitespace();
  if (failed || position != end) return 0;
  return value;
}

function fail(): usize {
  failed = true;
  return 0;
}

function skipWhitespace(): void {
  while (position < end) {
    const byte = load<u8>(position);
    if (byte != 0x20 && byte != 0x0a && byte != 0x0d && byte != 0x09) return;
    position++;
  }
}

function expectWord(word: u32, length: usize, value: usize): usize {
  // `word` holds the ASCII bytes little-endian, e.g. "true" = 0x65757274.
  if (end - position < length) return fail();
  for (let i: usize = 0; i < length; i++) {
    if (<u32>load<u8>(position + i) != ((word >> ((<u32>i) << 3)) & 0xff)) return fail();
  }
  position += length;
  return value;
}

function parseValue(): usize {
  skipWhitespace();
  if (position >= end) return fail();
  const byte = load<u8>(position);
  switch (byte) {
    case 0x22:
      return parseString();
    case 0x7b:
      return parseObjectOrSet();
    case 0x5b:
      return parseArray();
    case 0x74:
      return expectWord(0x65757274, 4, TRUE_VALUE);
    case 0x66:
      return expectFalse();
    case 0x6e:
      return expectWord(0x6c6c756e, 4, NULL_VALUE);
    case 0x73:
      return termSyntax ? parseEmptySet() : fail();
  }
  if (byte == 0x2d || (byte >= 0x30 && byte <= 0x39)) {
    const integer = parseSmallInteger();
    if (integer != 0) return integer;
    const length = scanNumber(position, end);
    if (length == 0) return fail();
    const value = numberFromText(position, length);
    position += length;
    return value;
  }
  return fail();
}

/**
 * Fast path for the most common number: a plain integer of at most 15 digits (exact in a
 * double). Returns 0, consuming nothing, for anything else (fractions, exponents, "01").
 */
function parseSmallInteger(): usize {
  let at = position;
  const negative = load<u8>(at) == 0x2d;
  if (negative) at++;
  const digitsStart = at;
  let magnitude: i64 = 0;
  while (at < end) {
    const digit = <u32>load<u8>(at) - 0x30;
    if (digit > 9) break;
    magnitude = magnitude * 10 + <i64>digit;
    at++;
  }
  const digits = at - digitsStart;
  if (digits == 0 || digits > 15) return 0;
  if (digits > 1 && load<u8>(digitsStart) == 0x30) return 0;
  if (at < end) {
    const next = load<u8>(at) | 0x20;
    if (next == 0x2e || next == 0x65) return 0;
  }
  position = at;
  if (negative) return numberNewF64(-(<f64>magnitude));
  return magnitude < 0x7fffffff ? numberNewInt(<i32>magnitude) : numberNewF64(<f64>magnitude);
}

/** "false" is five bytes, one more than expectWord's u32 holds. */
function expectFalse(): usize {
  if (expectWord(0x736c6166, 4, FALSE_VALUE) == 0) return 0;
  if (position >= end || load<u8>(position) != 0x65) return fail();
  position++;
  return FALSE_VALUE;
}

/** `set()`: the Rego spelling of the empty set. */
function parseEmptySet(): usize {
  if (end - position < 5) return fail();
  if (
    load<u8>(position) != 0x73 ||
    load<u8>(position + 1) != 0x65 ||
    load<u8>(position + 2) != 0x74 ||
    load<u8>(position + 3) != 0x28 ||
    load<u8>(position + 4) != 0x29
  ) {
    return fail();
  }
  position += 5;
  return setNew(0);
}

function parseArray(): usize {
  if (++depth > MAX_DEPTH) return fail();
  position++; // [
  const array = arrayNew(0);
  skipWhitespace();
  if (position < end && load<u8>(position) == 0x5d) {
    position++;
    depth--;
    return array;
  }
  while (true) {
    const element = parseValue();
    if (failed) return 0;
    arrayAppend(array, element);
    skipWhitespace();
    if (position >= end) return fail();
    const byte = load<u8>(position++);
    if (byte == 0x5d) break;
    if (byte != 0x2c) return fail();
  }
  depth--;
  return array;
}

function parseObjectOrSet(): usize {
  if (++depth > MAX_DEPTH) return fail();
  position++; // {
  skipWhitespace();
  if (position < end && load<u8>(position) == 0x7d) {
    position++;
    depth--;
    return objectNew(0);
  }
  const first = termSyntax ? parseValue() : parseKeyString();
  if (failed) return 0;
  skipWhitespace();
  if (position >= end) return fail();
  if (termSyntax && load<u8>(position) != 0x3a) return parseSetRest(first);
  const object = objectNew(0);
  let key = first;
  while (true) {
    skipWhitespace();
    if (position >= end || load<u8>(position) != 0x3a) return fail();
    position++;
    const value = parseValue();
    if (failed) return 0;
    // Duplicate keys: the last one wins, as in Go's encoding/json. JSON keys are strings,
    // looked up by their bytes (no type dispatch).
    const found = termSyntax
      ? keyedFind(object, key)
      : keyedFindString(object, stringBytes(key), stringLength(key));
    if (found >= 0) keyedSetValueAt(object, <usize>found, value);
    else keyedAppend(object, key, value);
    skipWhitespace();
    if (position >= end) return fail();
    const byte = load<u8>(position++);
    if (byte == 0x7d) break;
    if (byte != 0x2c) return fail();
    key = termSyntax ? parseValue() : parseKeyString();
    if (failed) return 0;
  }
  depth--;
  return object;
}

function parseKeyString(): usize {
  skipWhitespace();
  if (position >= end || load<u8>(position) != 0x22) return fail();
  return parseString();
}

function parseSetRest(first: usize): usize {
  const set = setNew(0);
  setAdd(set, first);
  while (true) {
    skipWhitespace();
    if (position >= end) return fail();
    const byte = load<u8>(position++);
    if (byte == 0x7d) break;
    if (byte != 0x2c) return fail();
    const element = parseValue();
    if (failed) return 0;
    setAdd(set, element);
  }
  depth--;
  return set;
}

/** Length of a valid UTF-8 sequence starting with `lead` at `at`, or 0 when invalid. */
function utf8SequenceLength(at: usize, lead: u32): usize {
  let length: usize;
  let minimum: u32;
  let codePoint: u32;
  if (lead >= 0xc2 && lead <= 0xdf) {
    length = 2;
    minimum = 0x80;
    codePoint = lead & 0x1f;
  } else if (lead >= 0xe0 && lead <= 0xef) {
    length = 3;
    minimum = 0x800;
    codePoint = lead & 0x0f;
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    length = 4;
    minimum = 0x10000;
    codePoint = lead & 0x07;
  } else return 0;
  if (end - at < length) return 0;
  for (let i: usize = 1; i < length; i++) {
    const byte = <u32>load<u8>(at + i);
    if ((byte & 0xc0) != 0x80) return 0;
    codePoint = (codePoint << 6) | (byte & 0x3f);
  }
  if (codePoint < minimum || codePoint > 0x10ffff) return 0;
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 0;
  return length;
}

function parseString(): usize {
  const start = ++position; // past the opening quote
  // Fast path: no escapes, the value points at the text.
  let at = start;
  while (true) {
    while (at < end && load<u8>(STRING_BYTE_CLASS + <usize>load<u8>(at)) == 0) at++;
    if (at >= end) break;
    const byte = <u32>load<u8>(at);
    const byteClass = load<u8>(STRING_BYTE_CLASS + <usize>byte);
    if (byteClass == BYTE_QUOTE) {
      position = at + 1;
      return stringNew(start, at - start);
    }
    if (byteClass == BYTE_BACKSLASH) {
      position = at;
      return parseEscapedString(start);
    }
    if (byteClass == BYTE_CONTROL) break;
    const length = utf8SequenceLength(at, byte);
    if (length == 0) break;
    at += length;
  }
  position = at;
  return fail();
}

/** A string with escapes: decoded into a copy (never longer than the raw text). */
function parseEscapedString(start: usize): usize {
  // Find the closing quote first to size the copy.
  let scan = position;
  while (true) {
    if (scan >= end) return fail();
    const byte = load<u8>(scan);
    if (byte == 0x22) break;
    scan += byte == 0x5c ? 2 : 1;
  }
  const value = stringNewInline(scan - start);
  const out = stringBytes(value);
  let written: usize = position - start;
  memory.copy(out, start, written);
  while (true) {
    if (position >= end) return fail();
    const byte = <u32>load<u8>(position);
    if (byte == 0x22) break;
    if (byte < 0x20) return fail();
    if (byte == 0x5c) {
      if (position + 1 >= end) return fail();
      const escape = <u32>load<u8>(position + 1);
      position += 2;
      let decoded: i32 = -1;
      switch (escape) {
        case 0x22:
          decoded = 0x22;
          break;
        case 0x5c:
          decoded = 0x5c;
          break;
        case 0x2f:
          decoded = 0x2f;
          break;
        case 0x62:
          decoded = 0x08;
          break;
        case 0x66:
          decoded = 0x0c;
          break;
        case 0x6e:
          decoded = 0x0a;
          break;
        case 0x72:
          decoded = 0x0d;
          break;
        case 0x74:
          decoded = 0x09;
          break;
        case 0x75: {
          const codePoint = parseUnicodeEscape();
          if (codePoint < 0) return fail();
          written += writeUtf8(out + written, <u32>codePoint);
          continue;
        }
        default:
          return fail();
      }
      store<u8>(out + written++, <u8>decoded);
      continue;
    }
    let length: usize = 1;
    if (byte >= 0x80) {
      length = utf8SequenceLength(position, byte);
      if (length == 0) return fail();
    }
    memory.copy(out + written, position, length);
    written += length;
    position += length;
  }
  position++; // closing quote
  store<u32>(value, <u32>written, 4);
  heapShrinkTop(value, 16 + written);
  return value;
}

function hexDigit(byte: u32): i32 {
  if (byte >= 0x30 && byte <= 0x39) return <i32>(byte - 0x30);
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return <i32>(lower - 0x61 + 10);
  return -1;
}

/** Four hex digits at `position`; -1 when malformed. */
function parseHex4(): i32 {
  if (end - position < 4) return -1;
  let result: i32 = 0;
  for (let i: usize = 0; i < 4; i++) {
    const digit = hexDigit(<u32>load<u8>(position + i));
    if (digit < 0) return -1;
    result = (result << 4) | digit;
  }
  position += 4;
  return result;
}

/**
 * The code point of a \u escape (position is past the "\u"), combining surrogate pairs.
 * A lone surrogate becomes U+FFFD, as Go's encoding/json does.
 */
function parseUnicodeEscape(): i32 {
  const first = parseHex4();
  if (first < 0) return -1;
  if (first < 0xd800 || first > 0xdfff) return first;
  if (first >= 0xdc00) return 0xfffd;
  if (end - position >= 6 && load<u8>(position) == 0x5c && load<u8>(position + 1) == 0x75) {
    const saved = position;
    position += 2;
    const second = parseHex4();
    if (second < 0) return -1;
    if (second >= 0xdc00 && second <= 0xdfff) {
      return 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00);
    }
    position = saved; // not a low surrogate: decode it on its own next
  }
  return 0xfffd;
}

/** Writes a code point as UTF-8 and returns the byte count (at most the 6 escape bytes). */
export function writeUtf8(out: usize, codePoint: u32): usize {
  if (codePoint < 0x80) {
    store<u8>(out, <u8>codePoint);
    return 1;
  }
  if (codePoint < 0x800) {
    store<u8>(out, <u8>(0xc0 | (codePoint >> 6)));
    store<u8>(out + 1, <u8>(0x80 | (codePoint & 0x3f)));
    return 2;
  }
  if (codePoint < 0x10000) {
    store<u8>(out, <u8>(0xe0 | (codePoint >> 12)));
    store<u8>(out + 1, <u8>(0x80 | ((codePoint >> 6) & 0x3f)));
    store<u8>(out + 2, <u8>(0x80 | (codePoint & 0x3f)));
    return 3;
  }
  store<u8>(out, <u8>(0xf0 | (codePoint >> 18)));
  store<u8>(out + 1, <u8>(0x80 | ((codePoint >> 12) & 0x3f)));
  store<u8>(out + 2, <u8>(0x80 | ((codePoint >> 6) & 0x3f)));
  store<u8>(out + 3, <u8>(0x80 | (codePoint & 0x3f)));
  return 4;
}
