// Arbitrary-precision integers, used only when an integer result does not fit a double
// exactly (OPA computes with big.Int). Magnitudes are little-endian base-10^9 limbs, so
// converting to and from decimal text (the form a number value keeps) is digit copying.
//
// Layout (heap block): [0 negative u32][4 limb count u32][8 capacity u32][12 unused]
// [16 limbs: u32[capacity]]. A zero has no limbs and is never negative.

import { heapAlloc, heapFree } from './heap';

const LIMB_BASE: u64 = 1000000000;
const LIMB_DIGITS: usize = 9;
const HEADER: usize = 16;
const TWO_TO_64: f64 = 18446744073709551616.0;

/** Integers with more decimal digits than this stay doubles (bounds time and memory). */
export const MAX_INTEGER_DIGITS: usize = 10000;

function bigNew(capacity: usize): usize {
  if (capacity == 0) capacity = 1;
  const big = heapAlloc(HEADER + (capacity << 2));
  store<u32>(big, 0);
  store<u32>(big, 0, 4);
  store<u32>(big, <u32>capacity, 8);
  memory.fill(big + HEADER, 0, capacity << 2);
  return big;
}

export function bigFree(big: usize): void {
  heapFree(big);
}

export function bigIsNegative(big: usize): bool {
  return load<u32>(big) != 0;
}

export function bigIsZero(big: usize): bool {
  return load<u32>(big, 4) == 0;
}

function limbCount(big: usize): usize {
  return <usize>load<u32>(big, 4);
}

function limbAt(big: usize, index: usize): u64 {
  return <u64>load<u32>(big + HEADER + (index << 2));
}

function setLimb(big: usize, index: usize, limb: u64): void {
  store<u32>(big + HEADER + (index << 2), <u32>limb);
}

function setNegative(big: usize, negative: bool): void {
  store<u32>(big, negative && limbCount(big) != 0 ? 1 : 0);
}

/** Drops zero limbs at the top (keeps zero canonical: no limbs, not negative). */
function trim(big: usize, count: usize): void {
  while (count > 0 && limbAt(big, count - 1) == 0) count--;
  store<u32>(big, <u32>count, 4);
  if (count == 0) store<u32>(big, 0);
}

export function bigFromU64(magnitude: u64, negative: bool): usize {
  const big = bigNew(3);
  let count: usize = 0;
  while (magnitude != 0) {
    setLimb(big, count++, magnitude % LIMB_BASE);
    magnitude /= LIMB_BASE;
  }
  trim(big, count);
  setNegative(big, negative);
  return big;
}

/** `big × factor + addend` in place (factor, addend < 2^30); may move: use the result. */
function multiplyAddSmall(big: usize, factor: u64, addend: u64): usize {
  let count = limbCount(big);
  let carry = addend;
  for (let i: usize = 0; i < count; i++) {
    const product = limbAt(big, i) * factor + carry;
    setLimb(big, i, product % LIMB_BASE);
    carry = product / LIMB_BASE;
  }
  while (carry != 0) {
    if (count == <usize>load<u32>(big, 8)) {
      const grown = bigNew(count * 2);
      memory.copy(grown, big, HEADER + (count << 2));
      store<u32>(grown, <u32>(count * 2), 8);
      heapFree(big);
      big = grown;
    }
    setLimb(big, count++, carry % LIMB_BASE);
    carry /= LIMB_BASE;
  }
  store<u32>(big, <u32>count, 4);
  return big;
}

/** The exact value of an integral, finite double. */
export function bigFromDouble(number: f64): usize {
  const magnitude = Math.abs(number);
  if (magnitude < TWO_TO_64) return bigFromU64(<u64>magnitude, number < 0);
  // magnitude = mantissa × 2^exponent with exponent > 0: scale in steps that keep each
  // limb product below 2^64.
  const bits = reinterpret<u64>(magnitude);
  let exponent = <i32>((bits >> 52) & 0x7ff) - 1075;
  let big = bigFromU64((bits & 0xfffffffffffff) | ((<u64>1) << 52), false);
  while (exponent > 0) {
    const step = exponent > 29 ? 29 : exponent;
    big = multiplyAddSmall(big, (<u64>1) << (<u64>step), 0);
    exponent -= step;
  }
  setNegative(big, number < 0);
  return big;
}

function isDigit(byte: u32): bool {
  return byte >= 0x30 && byte <= 0x39;
}

/**
 * The integer that JSON number text stands for (`12`, `1.50e3`, `1e30`), or 0 when the
 * text is not an integer or has more than MAX_INTEGER_DIGITS digits.
 */
export function bigFromText(text: usize, length: usize): usize {
  let at: usize = 0;
  const negative = length > 0 && load<u8>(text) == 0x2d;
  if (negative) at++;
  // Significant digits (leading zeros skipped) go to a scratch buffer; the value is
  // digits × 10^scale.
  const digits = heapAlloc(length);
  let count: usize = 0;
  let scale: i64 = 0;
  let inFraction = false;
  for (; at < length; at++) {
    const byte = <u32>load<u8>(text + at);
    if (byte == 0x2e) {
      inFraction = true;
      continue;
    }
    if (!isDigit(byte)) break;
    if (inFraction) scale--;
    if (count == 0 && byte == 0x30) continue;
    store<u8>(digits + count++, <u8>byte);
  }
  if (at < length) {
    at++; // 'e' or 'E'
    let sign: i64 = 1;
    if (at < length && (load<u8>(text + at) == 0x2d || load<u8>(text + at) == 0x2b)) {
      if (load<u8>(text + at) == 0x2d) sign = -1;
      at++;
    }
    let exponent: i64 = 0;
    for (; at < length; at++) {
      if (exponent < 1000000000) exponent = exponent * 10 + <i64>(load<u8>(text + at) - 0x30);
    }
    scale += sign * exponent;
  }
  while (count > 0 && load<u8>(digits + count - 1) == 0x30) {
    count--;
    scale++;
  }
  if (count == 0) {
    heapFree(digits);
    return bigFromU64(0, false);
  }
  if (scale < 0 || <i64>count + scale > <i64>MAX_INTEGER_DIGITS) {
    heapFree(digits);
    return 0;
  }
  const total = count + <usize>scale;
  const limbs = (total + LIMB_DIGITS - 1) / LIMB_DIGITS;
  const big = bigNew(limbs);
  // Limb j holds decimal positions [total - 9(j+1), total - 9j) counted from the left;
  // positions past the significant digits are the zeros of 10^scale.
  for (let j: usize = 0; j < limbs; j++) {
    const end = total - j * LIMB_DIGITS;
    const start = end > LIMB_DIGITS ? end - LIMB_DIGITS : 0;
    let limb: u64 = 0;
    for (let position = start; position < end; position++) {
      const digit = position < count ? <u64>(load<u8>(digits + position) - 0x30) : 0;
      limb = limb * 10 + digit;
    }
    setLimb(big, j, limb);
  }
  heapFree(digits);
  trim(big, limbs);
  setNegative(big, negative);
  return big;
}

function compareMagnitudes(a: usize, b: usize): i32 {
  const aCount = limbCount(a);
  const bCount = limbCount(b);
  if (aCount != bCount) return aCount < bCount ? -1 : 1;
  for (let i = aCount; i > 0; i--) {
    const x = limbAt(a, i - 1);
    const y = limbAt(b, i - 1);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

function addMagnitudes(a: usize, b: usize): usize {
  const aCount = limbCount(a);
  const bCount = limbCount(b);
  const longest = aCount > bCount ? aCount : bCount;
  const sum = bigNew(longest + 1);
  let carry: u64 = 0;
  for (let i: usize = 0; i < longest; i++) {
    const limb = (i < aCount ? limbAt(a, i) : 0) + (i < bCount ? limbAt(b, i) : 0) + carry;
    carry = limb >= LIMB_BASE ? 1 : 0;
    setLimb(sum, i, limb - carry * LIMB_BASE);
  }
  setLimb(sum, longest, carry);
  trim(sum, longest + 1);
  return sum;
}

/** |a| - |b| into `into` (which may be `a`); requires |a| ≥ |b|. */
function subtractMagnitudes(into: usize, a: usize, b: usize): void {
  const aCount = limbCount(a);
  const bCount = limbCount(b);
  let borrow: u64 = 0;
  for (let i: usize = 0; i < aCount; i++) {
    const subtrahend = (i < bCount ? limbAt(b, i) : 0) + borrow;
    const minuend = limbAt(a, i);
    borrow = minuend < subtrahend ? 1 : 0;
    setLimb(into, i, minuend + borrow * LIMB_BASE - subtrahend);
  }
  trim(into, aCount);
}

/** a + b, or a - b when `subtract` is set; a new integer. */
export function bigAdd(a: usize, b: usize, subtract: bool): usize {
  const aNegative = bigIsNegative(a);
  const bNegative = bigIsZero(b) ? false : bigIsNegative(b) != subtract;
  if (aNegative == bNegative) {
    const sum = addMagnitudes(a, b);
    setNegative(sum, aNegative);
    return sum;
  }
  const aLarger = compareMagnitudes(a, b) >= 0;
  const larger = aLarger ? a : b;
  const difference = bigNew(limbCount(larger));
  subtractMagnitudes(difference, larger, aLarger ? b : a);
  setNegative(difference, aLarger ? aNegative : bNegative);
  return difference;
}

/** Whether a × b could have more than MAX_INTEGER_DIGITS digits (callers use doubles then). */
export function bigProductTooLarge(a: usize, b: usize): bool {
  const limbs = limbCount(a) + limbCount(b);
  return limbs > 1 && (limbs - 1) * LIMB_DIGITS > MAX_INTEGER_DIGITS;
}

/** a × b (schoolbook); a new integer. */
export function bigMultiply(a: usize, b: usize): usize {
  const aCount = limbCount(a);
  const bCount = limbCount(b);
  const product = bigNew(aCount + bCount);
  for (let i: usize = 0; i < aCount; i++) {
    const factor = limbAt(a, i);
    if (factor == 0) continue;
    let carry: u64 = 0;
    for (let j: usize = 0; j < bCount; j++) {
      // < 10^9 + (10^9 - 1)^2 + 10^9: fits a u64.
      const limb = limbAt(product, i + j) + factor * limbAt(b, j) + carry;
      setLimb(product, i + j, limb % LIMB_BASE);
      carry = limb / LIMB_BASE;
    }
    setLimb(product, i + bCount, carry);
  }
  trim(product, aCount + bCount);
  setNegative(product, bigIsNegative(a) != bigIsNegative(b));
  return product;
}

let divisionRemainder: usize = 0;

/**
 * Truncated division (Go's big.Int Quo/Rem): returns the quotient, rounded toward zero;
 * `bigLastRemainder()` then holds the remainder, which takes the dividend's sign.
 * `divisor` must not be zero. Long division one decimal digit at a time: each digit of
 * the quotient is found by at most nine subtractions.
 */
export function bigDivide(dividend: usize, divisor: usize): usize {
  let quotient = bigFromU64(0, false);
  let remainder = bigFromU64(0, false);
  for (let i = limbCount(dividend); i > 0; i--) {
    const limb = limbAt(dividend, i - 1);
    for (let power: u64 = 100000000; power != 0; power /= 10) {
      remainder = multiplyAddSmall(remainder, 10, (limb / power) % 10);
      let digit: u64 = 0;
      while (compareMagnitudes(remainder, divisor) >= 0) {
        subtractMagnitudes(remainder, remainder, divisor);
        digit++;
      }
      quotient = multiplyAddSmall(quotient, 10, digit);
    }
  }
  trim(quotient, limbCount(quotient));
  setNegative(quotient, bigIsNegative(dividend) != bigIsNegative(divisor));
  setNegative(remainder, bigIsNegative(dividend));
  divisionRemainder = remainder;
  return quotient;
}

/** The remainder of the last bigDivide (owned by the caller from then on). */
export function bigLastRemainder(): usize {
  return divisionRemainder;
}

/** Bytes of the decimal text of `big` ("-" and digits). */
export function bigTextLength(big: usize): usize {
  const count = limbCount(big);
  if (count == 0) return 1;
  let top = limbAt(big, count - 1);
  let topDigits: usize = 0;
  while (top != 0) {
    topDigits++;
    top /= 10;
  }
  return (bigIsNegative(big) ? 1 : 0) + topDigits + (count - 1) * LIMB_DIGITS;
}

/** Writes the decimal text of `big` at `out` (bigTextLength bytes). */
export function bigWriteText(big: usize, out: usize): void {
  const length = bigTextLength(big);
  const count = limbCount(big);
  if (count == 0) {
    store<u8>(out, 0x30);
    return;
  }
  if (bigIsNegative(big)) store<u8>(out, 0x2d);
  // Fill from the right: every limb but the top one is exactly nine digits.
  let position = out + length;
  for (let i: usize = 0; i < count; i++) {
    let limb = limbAt(big, i);
    const last = i == count - 1;
    for (let d: usize = 0; d < LIMB_DIGITS; d++) {
      if (last && limb == 0) break;
      store<u8>(--position, <u8>(0x30 + (limb % 10)));
      limb /= 10;
    }
  }
}
