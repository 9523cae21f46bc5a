// Exact ordering of numbers that doubles cannot tell apart (1e400 vs 1e399, 22-digit
// integers, 1e-400 vs 0). Used only when two doubles are equal and at least one number
// kept its literal text. A number without text is its double: exact when that double is
// an integer; a fractional double stands for the decimal it approximates (0.1 computed
// as 1 / 10 equals the literal 0.1), so against one of those the doubles decide.

import { heapAlloc, heapFree } from './heap';
import { numberGet, numberTextLength, numberTextPointer } from './value';

const generatedA = memory.data(64, 8);
const generatedB = memory.data(64, 8);

function isExactInteger(number: f64): bool {
  return Math.floor(number) == number && Math.abs(number) < 18446744073709551616.0;
}

/** Exact decimal text of an integral double below 2^64 (see isExactInteger). */
function generateText(number: f64, out: usize): usize {
  if (number == 0) {
    store<u8>(out, 0x30);
    return 1;
  }
  let magnitude = <u64>Math.abs(number);
  let count: usize = 0;
  const digits = out + 32;
  do {
    store<u8>(digits + count++, <u8>(0x30 + (magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  let written: usize = 0;
  if (number < 0) store<u8>(out + written++, 0x2d);
  while (count > 0) store<u8>(out + written++, load<u8>(digits + --count));
  return written;
}

// The normalised form of the last `normalise` call: value = ±0.DIGITS × 10^exponent.
let normalisedNegative = false;
let normalisedExponent: i64 = 0;

/** Writes the significant digits of number text to `out`; returns how many (0 = zero). */
function normalise(text: usize, length: usize, out: usize): usize {
  let at: usize = 0;
  normalisedNegative = load<u8>(text) == 0x2d;
  if (normalisedNegative) at++;
  let integerDigits: i64 = 0;
  let leadingZeros: i64 = 0;
  let inFraction = false;
  let count: usize = 0;
  for (; at < length; at++) {
    const byte = load<u8>(text + at);
    if (byte == 0x2e) {
      inFraction = true;
      continue;
    }
    if (byte < 0x30 || byte > 0x39) break;
    if (!inFraction) integerDigits++;
    if (count == 0 && byte == 0x30) leadingZeros++;
    else store<u8>(out + count++, byte);
  }
  let explicitExponent: i64 = 0;
  if (at < length) {
    at++; // 'e' or 'E'
    let sign: i64 = 1;
    if (at < length && (load<u8>(text + at) == 0x2d || load<u8>(text + at) == 0x2b)) {
      if (load<u8>(text + at) == 0x2d) sign = -1;
      at++;
    }
    for (; at < length; at++) {
      if (explicitExponent < 1000000000) {
        explicitExponent = explicitExponent * 10 + <i64>(load<u8>(text + at) - 0x30);
      }
    }
    explicitExponent *= sign;
  }
  while (count > 0 && load<u8>(out + count - 1) == 0x30) count--;
  normalisedExponent = integerDigits - leadingZeros + explicitExponent;
  return count;
}

/** -1, 0 or 1: `a` against `b` as exact decimals. */
export function compareNumbersExactly(a: usize, b: usize): i32 {
  const plain = numberTextLength(a) == 0 ? a : numberTextLength(b) == 0 ? b : 0;
  if (plain != 0 && !isExactInteger(numberGet(plain))) return 0;
  let aText = numberTextPointer(a);
  let aLength = numberTextLength(a);
  if (aLength == 0) {
    aText = generatedA;
    aLength = generateText(numberGet(a), generatedA);
  }
  let bText = numberTextPointer(b);
  let bLength = numberTextLength(b);
  if (bLength == 0) {
    bText = generatedB;
    bLength = generateText(numberGet(b), generatedB);
  }
  const aDigits = heapAlloc(aLength);
  const bDigits = heapAlloc(bLength);
  const aCount = normalise(aText, aLength, aDigits);
  const aNegative = normalisedNegative;
  const aExponent = normalisedExponent;
  const bCount = normalise(bText, bLength, bDigits);
  const bNegative = normalisedNegative;
  const bExponent = normalisedExponent;
  const aSign = aCount == 0 ? 0 : aNegative ? -1 : 1;
  const bSign = bCount == 0 ? 0 : bNegative ? -1 : 1;
  let order = 0;
  if (aSign != bSign) order = aSign < bSign ? -1 : 1;
  else if (aSign != 0) {
    let magnitude = 0;
    if (aExponent != bExponent) magnitude = aExponent < bExponent ? -1 : 1;
    else {
      const common = aCount < bCount ? aCount : bCount;
      const digits = memory.compare(aDigits, bDigits, common);
      if (digits != 0) magnitude = digits < 0 ? -1 : 1;
      else if (aCount != bCount) magnitude = aCount < bCount ? -1 : 1;
    }
    order = aSign < 0 ? -magnitude : magnitude;
  }
  heapFree(bDigits);
  heapFree(aDigits);
  return order;
}
