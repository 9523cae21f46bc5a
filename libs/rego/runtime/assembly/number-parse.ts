// JSON number text → number value. Integers and short decimals convert exactly (Clinger's
// fast path: an exact mantissa below 2^53 scaled by an exact power of ten); anything else
// gets a close double for arithmetic and keeps its text, so printing it loses nothing.

import { numberNewF64, numberNewInt, numberNewText } from './value';

const EXACT_POWERS_OF_TEN = memory.data<f64>([
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
]);
const MAX_EXACT_MANTISSA: u64 = 9007199254740992; // 2^53

/**
 * Length of the JSON number at `start` (at most `end`), or 0 when there is none:
 * -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?
 */
export function scanNumber(start: usize, end: usize): usize {
  let position = start;
  if (position < end && load<u8>(position) == 0x2d) position++;
  if (position >= end) return 0;
  let digit = load<u8>(position);
  if (digit == 0x30) position++;
  else if (digit >= 0x31 && digit <= 0x39) {
    position++;
    while (position < end && isDigit(load<u8>(position))) position++;
  } else return 0;
  if (position < end && load<u8>(position) == 0x2e) {
    position++;
    if (position >= end || !isDigit(load<u8>(position))) return 0;
    while (position < end && isDigit(load<u8>(position))) position++;
  }
  if (position < end && (load<u8>(position) | 0x20) == 0x65) {
    position++;
    if (position < end && (load<u8>(position) == 0x2b || load<u8>(position) == 0x2d)) position++;
    if (position >= end || !isDigit(load<u8>(position))) return 0;
    while (position < end && isDigit(load<u8>(position))) position++;
  }
  return position - start;
}

function isDigit(byte: u8): bool {
  return byte >= 0x30 && byte <= 0x39;
}

/**
 * Number value for already-validated JSON number text (see scanNumber). The digits are
 * normalised (leading and trailing zeros dropped) first, so that every spelling of the same
 * decimal gets the same double. When that double is correctly rounded (at most 16 digits,
 * a small exponent) it stands for the literal; anything else keeps its text, which
 * comparisons use to order numbers a double cannot tell apart.
 */
export function numberFromText(start: usize, length: usize): usize {
  const end = start + length;
  let position = start;
  const negative = load<u8>(position) == 0x2d;
  if (negative) position++;
  let mantissa: u64 = 0;
  let significantDigits = 0;
  let exponent: i32 = 0;
  let hasFraction = false;
  let truncated = false;
  for (; position < end; position++) {
    const byte = load<u8>(position);
    if (byte == 0x2e) {
      hasFraction = true;
      continue;
    }
    if (!isDigit(byte)) break;
    if (significantDigits < 19) {
      mantissa = mantissa * 10 + <u64>(byte - 0x30);
      if (mantissa != 0) significantDigits++;
      if (hasFraction) exponent--;
    } else {
      // Digits past what a u64 holds: they scale an integer part and are lost otherwise.
      if (!hasFraction) exponent++;
      if (byte != 0x30) truncated = true;
    }
  }
  if (position < end) {
    // Exponent part.
    position++;
    let exponentSign: i32 = 1;
    if (load<u8>(position) == 0x2d) {
      exponentSign = -1;
      position++;
    } else if (load<u8>(position) == 0x2b) position++;
    let written: i32 = 0;
    for (; position < end; position++) {
      if (written < 100000) written = written * 10 + <i32>(load<u8>(position) - 0x30);
    }
    exponent += exponentSign * written;
  }
  while (mantissa != 0 && mantissa % 10 == 0) {
    mantissa /= 10;
    exponent++;
    significantDigits--;
  }
  let number: f64;
  let exact = false;
  if (mantissa == 0) {
    number = 0;
    exact = true;
  } else if (!truncated && mantissa < MAX_EXACT_MANTISSA && exponent >= -22 && exponent <= 22) {
    // Clinger's fast path: both operands are exact, so the one rounding is correct.
    const power = load<f64>(
      EXACT_POWERS_OF_TEN + ((<usize>(exponent < 0 ? -exponent : exponent)) << 3),
    );
    number = exponent < 0 ? <f64>mantissa / power : <f64>mantissa * power;
    // The double is the correctly rounded value of this literal, which is all a host can
    // tell apart (JSON from JavaScript is the shortest text of a double): no text needed.
    exact = true;
  } else {
    number = <f64>mantissa * Math.pow(10, <f64>exponent);
  }
  if (negative) number = -number;
  if (!exact) return numberNewText(number, start, length);
  if (number >= 0 && number < 2147483647 && Math.floor(number) == number && !negative) {
    return numberNewInt(<i32>number);
  }
  return numberNewF64(number);
}
