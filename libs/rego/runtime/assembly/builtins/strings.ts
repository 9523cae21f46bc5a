// String builtins. Results that are part of an argument (split, trim*, substring) point
// into the argument's bytes instead of copying them.

import { arrayAppend, arrayNew } from '../array';
import { writeUtf8 } from '../json-parse';
import {
  keyedKeyAt,
  keyedLength,
  keyedOrderedKey,
  keyedOrderedValue,
  keyedValueAt,
} from '../object';
import {
  booleanNew,
  codePointCount,
  numberGet,
  numberNewInt,
  stringBytes,
  stringLength,
  stringNew,
} from '../value';
import { writeByte, writeBytes, writerEnsure, writerStart } from '../writer';
import { elementAt, elementCount } from './aggregates';
import {
  builtinError,
  isArrayOrSet,
  isIntegral,
  isNumber,
  isObject,
  isString,
  typeError,
  writerFinishString,
} from './support';
import {
  byteOffsetOfCodePoint,
  decodeAt,
  findBytes,
  isSpace,
  sequenceLength,
  toLowerCodePoint,
  toUpperCodePoint,
} from './text';

function twoStrings(name: string, a: usize, b: usize): bool {
  if (!isString(a)) {
    typeError(name, 1, 'string', a);
    return false;
  }
  if (!isString(b)) {
    typeError(name, 2, 'string', b);
    return false;
  }
  return true;
}

export function rt_builtin_concat(delimiter: i32, collection: i32): i32 {
  if (!isString(<usize>delimiter)) return <i32>typeError('concat', 1, 'string', <usize>delimiter);
  if (!isArrayOrSet(<usize>collection))
    return <i32>typeError('concat', 2, 'one of array, set', <usize>collection);
  const count = elementCount(<usize>collection);
  for (let i: usize = 0; i < count; i++) {
    if (!isString(elementAt(<usize>collection, i)))
      return <i32>typeError('concat', 2, 'collection of strings', <usize>collection);
  }
  writerStart(64);
  for (let i: usize = 0; i < count; i++) {
    if (i > 0) writeBytes(stringBytes(<usize>delimiter), stringLength(<usize>delimiter));
    const element = elementAt(<usize>collection, i);
    writeBytes(stringBytes(element), stringLength(element));
  }
  return <i32>writerFinishString();
}

export function rt_builtin_startswith(s: i32, prefix: i32): i32 {
  if (!twoStrings('startswith', <usize>s, <usize>prefix)) return 0;
  const length = stringLength(<usize>prefix);
  return <i32>(
    booleanNew(
      length <= stringLength(<usize>s) &&
        memory.compare(stringBytes(<usize>s), stringBytes(<usize>prefix), length) == 0,
    )
  );
}

export function rt_builtin_endswith(s: i32, suffix: i32): i32 {
  if (!twoStrings('endswith', <usize>s, <usize>suffix)) return 0;
  const length = stringLength(<usize>suffix);
  const total = stringLength(<usize>s);
  return <i32>(
    booleanNew(
      length <= total &&
        memory.compare(
          stringBytes(<usize>s) + total - length,
          stringBytes(<usize>suffix),
          length,
        ) == 0,
    )
  );
}

export function rt_builtin_contains(s: i32, search: i32): i32 {
  if (!twoStrings('contains', <usize>s, <usize>search)) return 0;
  return <i32>(
    booleanNew(
      findBytes(
        stringBytes(<usize>s),
        stringLength(<usize>s),
        stringBytes(<usize>search),
        stringLength(<usize>search),
        0,
      ) >= 0,
    )
  );
}

function mapCase(name: string, s: usize, upper: bool): usize {
  if (!isString(s)) return typeError(name, 1, 'string', s);
  const bytes = stringBytes(s);
  const length = stringLength(s);
  writerStart(length + 4);
  let offset: usize = 0;
  while (offset < length) {
    const lead = <u32>load<u8>(bytes + offset);
    if (lead < 0x80) {
      let c = lead;
      if (upper && c >= 0x61 && c <= 0x7a) c -= 0x20;
      else if (!upper && c >= 0x41 && c <= 0x5a) c += 0x20;
      writeByte(c);
      offset++;
      continue;
    }
    const codePoint = decodeAt(bytes + offset);
    writeCodePoint(upper ? toUpperCodePoint(codePoint) : toLowerCodePoint(codePoint));
    offset += sequenceLength(lead);
  }
  return writerFinishString();
}

const codePointScratch = memory.data(8);

function writeCodePoint(codePoint: u32): void {
  const count = writeUtf8(codePointScratch, codePoint);
  writeBytes(codePointScratch, count);
}

export function rt_builtin_lower(s: i32): i32 {
  return <i32>mapCase('lower', <usize>s, false);
}

export function rt_builtin_upper(s: i32): i32 {
  return <i32>mapCase('upper', <usize>s, true);
}

/** split: an empty delimiter splits into code points (Go's strings.Split). */
export function rt_builtin_split(s: i32, delimiter: i32): i32 {
  if (!twoStrings('split', <usize>s, <usize>delimiter)) return 0;
  const bytes = stringBytes(<usize>s);
  const length = stringLength(<usize>s);
  const delimiterBytes = stringBytes(<usize>delimiter);
  const delimiterLength = stringLength(<usize>delimiter);
  const result = arrayNew(0);
  if (delimiterLength == 0) {
    let offset: usize = 0;
    while (offset < length) {
      const size = sequenceLength(<u32>load<u8>(bytes + offset));
      arrayAppend(result, stringNew(bytes + offset, size));
      offset += size;
    }
    return <i32>result;
  }
  let start: usize = 0;
  while (true) {
    const found = findBytes(bytes, length, delimiterBytes, delimiterLength, start);
    if (found < 0) break;
    arrayAppend(result, stringNew(bytes + start, <usize>found - start));
    start = <usize>found + delimiterLength;
  }
  arrayAppend(result, stringNew(bytes + start, length - start));
  return <i32>result;
}

function inCutset(codePoint: u32, cutset: usize): bool {
  const bytes = stringBytes(cutset);
  const length = stringLength(cutset);
  let offset: usize = 0;
  while (offset < length) {
    if (decodeAt(bytes + offset) == codePoint) return true;
    offset += sequenceLength(<u32>load<u8>(bytes + offset));
  }
  return false;
}

/** Byte offset of the last code point boundary before `end`. */
function previousBoundary(bytes: usize, end: usize): usize {
  let at = end - 1;
  while (at > 0 && (load<u8>(bytes + at) & 0xc0) == 0x80) at--;
  return at;
}

/** Trims code points from the ends; `cutset` 0 means Unicode white space. */
function trimEnds(s: usize, cutset: usize, left: bool, right: bool): usize {
  const bytes = stringBytes(s);
  let start: usize = 0;
  let end = stringLength(s);
  if (left) {
    while (start < end) {
      const codePoint = decodeAt(bytes + start);
      if (cutset == 0 ? !isSpace(codePoint) : !inCutset(codePoint, cutset)) break;
      start += sequenceLength(<u32>load<u8>(bytes + start));
    }
  }
  if (right) {
    while (end > start) {
      const at = previousBoundary(bytes, end);
      const codePoint = decodeAt(bytes + at);
      if (cutset == 0 ? !isSpace(codePoint) : !inCutset(codePoint, cutset)) break;
      end = at;
    }
  }
  return stringNew(bytes + start, end - start);
}

export function rt_builtin_trim(s: i32, cutset: i32): i32 {
  if (!twoStrings('trim', <usize>s, <usize>cutset)) return 0;
  return <i32>trimEnds(<usize>s, <usize>cutset, true, true);
}

export function rt_builtin_trim_left(s: i32, cutset: i32): i32 {
  if (!twoStrings('trim_left', <usize>s, <usize>cutset)) return 0;
  return <i32>trimEnds(<usize>s, <usize>cutset, true, false);
}

export function rt_builtin_trim_right(s: i32, cutset: i32): i32 {
  if (!twoStrings('trim_right', <usize>s, <usize>cutset)) return 0;
  return <i32>trimEnds(<usize>s, <usize>cutset, false, true);
}

export function rt_builtin_trim_space(s: i32): i32 {
  if (!isString(<usize>s)) return <i32>typeError('trim_space', 1, 'string', <usize>s);
  return <i32>trimEnds(<usize>s, 0, true, true);
}

export function rt_builtin_trim_prefix(s: i32, prefix: i32): i32 {
  if (!twoStrings('trim_prefix', <usize>s, <usize>prefix)) return 0;
  const length = stringLength(<usize>prefix);
  const bytes = stringBytes(<usize>s);
  if (
    length <= stringLength(<usize>s) &&
    memory.compare(bytes, stringBytes(<usize>prefix), length) == 0
  ) {
    return <i32>stringNew(bytes + length, stringLength(<usize>s) - length);
  }
  return s;
}

export function rt_builtin_trim_suffix(s: i32, suffix: i32): i32 {
  if (!twoStrings('trim_suffix', <usize>s, <usize>suffix)) return 0;
  const length = stringLength(<usize>suffix);
  const total = stringLength(<usize>s);
  const bytes = stringBytes(<usize>s);
  if (
    length <= total &&
    memory.compare(bytes + total - length, stringBytes(<usize>suffix), length) == 0
  ) {
    return <i32>stringNew(bytes, total - length);
  }
  return s;
}

/** replace: every occurrence; an empty `old` inserts `new` around every code point (Go). */
export function rt_builtin_replace(s: i32, old: i32, replacement: i32): i32 {
  if (!twoStrings('replace', <usize>s, <usize>old)) return 0;
  if (!isString(<usize>replacement))
    return <i32>typeError('replace', 3, 'string', <usize>replacement);
  const bytes = stringBytes(<usize>s);
  const length = stringLength(<usize>s);
  const oldBytes = stringBytes(<usize>old);
  const oldLength = stringLength(<usize>old);
  const newBytes = stringBytes(<usize>replacement);
  const newLength = stringLength(<usize>replacement);
  writerStart(length + 16);
  if (oldLength == 0) {
    let offset: usize = 0;
    writeBytes(newBytes, newLength);
    while (offset < length) {
      const size = sequenceLength(<u32>load<u8>(bytes + offset));
      writeBytes(bytes + offset, size);
      writeBytes(newBytes, newLength);
      offset += size;
    }
    return <i32>writerFinishString();
  }
  let start: usize = 0;
  while (true) {
    const found = findBytes(bytes, length, oldBytes, oldLength, start);
    if (found < 0) break;
    writeBytes(bytes + start, <usize>found - start);
    writeBytes(newBytes, newLength);
    start = <usize>found + oldLength;
  }
  writeBytes(bytes + start, length - start);
  return <i32>writerFinishString();
}

/**
 * strings.replace_n(patterns, s): all replacements in one left-to-right pass; at each
 * position the patterns are tried in sorted key order (Go's strings.NewReplacer).
 */
export function rt_builtin_strings_replace_n(patterns: i32, s: i32): i32 {
  if (!isObject(<usize>patterns))
    return <i32>typeError('strings.replace_n', 1, 'object', <usize>patterns);
  if (!isString(<usize>s)) return <i32>typeError('strings.replace_n', 2, 'string', <usize>s);
  const count = keyedLength(<usize>patterns);
  for (let i: usize = 0; i < count; i++) {
    if (!isString(keyedKeyAt(<usize>patterns, i)) || !isString(keyedValueAt(<usize>patterns, i))) {
      return <i32>typeError('strings.replace_n', 1, 'object of strings', <usize>patterns);
    }
  }
  const bytes = stringBytes(<usize>s);
  const length = stringLength(<usize>s);
  writerStart(length + 16);
  let offset: usize = 0;
  while (true) {
    let advanced = false;
    for (let p: usize = 0; p < count; p++) {
      const key = keyedOrderedKey(<usize>patterns, p);
      const keyLength = stringLength(key);
      if (keyLength > length - offset) continue;
      if (memory.compare(bytes + offset, stringBytes(key), keyLength) != 0) continue;
      const value = keyedOrderedValue(<usize>patterns, p);
      writeBytes(stringBytes(value), stringLength(value));
      // An empty pattern matches without consuming: the code point is copied below.
      if (keyLength != 0) {
        offset += keyLength;
        advanced = true;
      }
      break;
    }
    if (advanced) continue;
    if (offset >= length) break;
    const size = sequenceLength(<u32>load<u8>(bytes + offset));
    writeBytes(bytes + offset, size);
    offset += size;
  }
  return <i32>writerFinishString();
}

/** indexof: code point index of the first occurrence, -1 when absent; "" is an error (OPA). */
export function rt_builtin_indexof(s: i32, search: i32): i32 {
  if (!twoStrings('indexof', <usize>s, <usize>search)) return 0;
  if (stringLength(<usize>search) == 0)
    return <i32>builtinError('indexof', 'empty search character');
  const bytes = stringBytes(<usize>s);
  const found = findBytes(
    bytes,
    stringLength(<usize>s),
    stringBytes(<usize>search),
    stringLength(<usize>search),
    0,
  );
  if (found < 0) return <i32>numberNewInt(-1);
  return <i32>numberNewInt(codePointCount(bytes, <usize>found));
}

/** substring(s, offset, length) in code points; a negative length means "to the end". */
export function rt_builtin_substring(s: i32, offset: i32, length: i32): i32 {
  if (!isString(<usize>s)) return <i32>typeError('substring', 1, 'string', <usize>s);
  if (!isNumber(<usize>offset) || !isIntegral(numberGet(<usize>offset)))
    return <i32>typeError('substring', 2, 'integer', <usize>offset);
  if (!isNumber(<usize>length) || !isIntegral(numberGet(<usize>length)))
    return <i32>typeError('substring', 3, 'integer', <usize>length);
  const start = numberGet(<usize>offset);
  if (start < 0) return <i32>builtinError('substring', 'negative offset');
  const bytes = stringBytes(<usize>s);
  const total = stringLength(<usize>s);
  const startByte = byteOffsetOfCodePoint(bytes, total, <usize>Math.min(start, <f64>total));
  const count = numberGet(<usize>length);
  let endByte = total;
  if (count >= 0) {
    endByte =
      startByte +
      byteOffsetOfCodePoint(
        bytes + startByte,
        total - startByte,
        <usize>Math.min(count, <f64>total),
      );
  }
  return <i32>stringNew(bytes + startByte, endByte - startByte);
}

export function rt_builtin_strings_reverse(s: i32): i32 {
  if (!isString(<usize>s)) return <i32>typeError('strings.reverse', 1, 'string', <usize>s);
  const bytes = stringBytes(<usize>s);
  let end = stringLength(<usize>s);
  writerStart(end + 1);
  writerEnsure(end);
  while (end > 0) {
    const at = previousBoundary(bytes, end);
    writeBytes(bytes + at, end - at);
    end = at;
  }
  return <i32>writerFinishString();
}
