// Number → text: integers without a decimal point, other doubles in shortest round-trip
// form exactly as JavaScript prints them, numbers that kept their literal verbatim.

import { shortestDigits, shortestExponent } from './float-format';
import { numberGet, numberTextLength, numberTextPointer } from './value';
import { writeByteUnchecked, writeBytes, writerEnsure } from './writer';

const MAX_SAFE_INTEGER: f64 = 9007199254740991.0;
const digits = memory.data(32, 8);

export function writeNumber(value: usize): void {
  const textLength = numberTextLength(value);
  if (textLength != 0) {
    writeBytes(numberTextPointer(value), textLength);
    return;
  }
  writeDouble(numberGet(value));
}

export function writeDouble(number: f64): void {
  if (Math.floor(number) == number && Math.abs(number) <= MAX_SAFE_INTEGER) {
    writeInteger(<i64>number);
    return;
  }
  if (!isFinite(number)) {
    // Arithmetic never stores these; print something JSON can carry.
    writeInteger(0);
    return;
  }
  writerEnsure(32);
  if (number < 0) {
    writeByteUnchecked(0x2d);
    number = -number;
  }
  const count = <i32>shortestDigits(number, digits);
  const point = shortestExponent();
  // JavaScript's Number.prototype.toString layout for digits D and decimal point position.
  if (count <= point && point <= 21) {
    for (let i = 0; i < count; i++) writeByteUnchecked(<u32>load<u8>(digits + <usize>i));
    writerEnsure(<usize>(point - count));
    for (let i = count; i < point; i++) writeByteUnchecked(0x30);
  } else if (0 < point && point <= 21) {
    for (let i = 0; i < count; i++) {
      if (i == point) writeByteUnchecked(0x2e);
      writeByteUnchecked(<u32>load<u8>(digits + <usize>i));
    }
  } else if (-6 < point && point <= 0) {
    writeByteUnchecked(0x30);
    writeByteUnchecked(0x2e);
    for (let i = point; i < 0; i++) writeByteUnchecked(0x30);
    for (let i = 0; i < count; i++) writeByteUnchecked(<u32>load<u8>(digits + <usize>i));
  } else {
    writeByteUnchecked(<u32>load<u8>(digits));
    if (count > 1) {
      writeByteUnchecked(0x2e);
      for (let i = 1; i < count; i++) writeByteUnchecked(<u32>load<u8>(digits + <usize>i));
    }
    writeByteUnchecked(0x65);
    writeByteUnchecked(point - 1 < 0 ? 0x2d : 0x2b);
    writeInteger(<i64>Math.abs(<f64>(point - 1)));
  }
}

export function writeInteger(number: i64): void {
  writerEnsure(21);
  if (number < 0) {
    writeByteUnchecked(0x2d);
    number = -number;
  }
  let magnitude = <u64>number;
  let count: usize = 0;
  do {
    store<u8>(digits + count++, <u8>(0x30 + (magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (count > 0) writeByteUnchecked(<u32>load<u8>(digits + --count));
}
