// A growable output buffer for serialisation. It is the newest heap block while it is
// being written, so growing it usually extends it in place.

import { heapAlloc, heapBlockSize, heapRealloc, heapShrinkTop } from './heap';

let buffer: usize = 0;
let length: usize = 0;
let capacity: usize = 0;

export function writerStart(initialCapacity: usize): void {
  buffer = heapAlloc(initialCapacity);
  capacity = heapBlockSize(buffer);
  length = 0;
}

/**
 * The per-byte operations, inlined into the serialiser (growth stays out of line).
 * `@inline` sits on static methods: the formatter cannot parse decorated functions.
 */
export class InlineWriter {
  @inline static ensure(extra: usize): void {
    if (length + extra > capacity) writerGrow(extra);
  }

  @inline static byte(byte: u32): void {
    InlineWriter.ensure(1);
    store<u8>(buffer + length, <u8>byte);
    length++;
  }

  /** A byte without a capacity check (after `ensure`). */
  @inline static byteUnchecked(byte: u32): void {
    store<u8>(buffer + length, <u8>byte);
    length++;
  }
}

export function writerEnsure(extra: usize): void {
  InlineWriter.ensure(extra);
}

function writerGrow(extra: usize): void {
  let newCapacity = capacity << 1;
  if (newCapacity < length + extra) newCapacity = length + extra;
  buffer = heapRealloc(buffer, newCapacity);
  capacity = heapBlockSize(buffer);
}

export function writeByte(byte: u32): void {
  InlineWriter.byte(byte);
}

/** Writes a byte without a capacity check (after writerEnsure). */
export function writeByteUnchecked(byte: u32): void {
  InlineWriter.byteUnchecked(byte);
}

export function writeBytes(bytes: usize, count: usize): void {
  writerEnsure(count);
  const out = buffer + length;
  length += count;
  // Most runs are short (keys, small strings): a word loop beats the bulk copy's call out.
  if (count > 32) {
    memory.copy(out, bytes, count);
    return;
  }
  let done: usize = 0;
  while (done + 8 <= count) {
    store<u64>(out + done, load<u64>(bytes + done));
    done += 8;
  }
  while (done < count) {
    store<u8>(out + done, load<u8>(bytes + done));
    done++;
  }
}

/** Writes the first `count` (at most 4) bytes of `word`, little-endian. */
export function writeWord(word: u32, count: usize): void {
  writerEnsure(4);
  store<u32>(buffer + length, word);
  length += count;
}

/** Writes an ASCII string literal. */
export function writeLiteral(text: string): void {
  const count = <usize>text.length;
  writerEnsure(count);
  for (let i: usize = 0; i < count; i++) {
    store<u8>(buffer + length + i, <u8>load<u16>(changetype<usize>(text) + (i << 1)));
  }
  length += count;
}

export function writerLength(): usize {
  return length;
}

export function writerBuffer(): usize {
  return buffer;
}

/** Drops everything written after `mark`. */
export function writerTruncate(mark: usize): void {
  length = mark;
}

/** NUL-terminates the output and returns its address (trailing capacity is given back). */
export function writerFinishCString(): usize {
  writeByte(0);
  heapShrinkTop(buffer, length);
  return buffer;
}

/** Returns the output without a terminator; `writerLength()` tells its size. */
export function writerFinishBytes(): usize {
  heapShrinkTop(buffer, length == 0 ? 1 : length);
  return buffer;
}
