// Shortest round-trip decimal of a double, the way JavaScript prints numbers: the fewest
// significant digits that read back as the same double, and among those the closest.
// Exact big-integer arithmetic (base 1e9 limbs) on the double and on the bounds of the
// interval that rounds to it replaces Grisu, whose output is not always the closest.

import { heapAlloc, heapFree } from './heap';

const LIMB_BASE: u64 = 1000000000;
const MAX_LIMBS: usize = 130; // 5^1075 * 2^54 < 10^(130 * 9)
const DIGIT_CAPACITY: usize = MAX_LIMBS * 9 + 9;

// Decimal exponent of the last expand() result.
let expandedExponent: i32 = 0;

/**
 * Exact decimal expansion of mantissa * 2^exponent into `out` (ASCII digits, no leading or
 * trailing zeros); returns the digit count and sets expandedExponent so that the value is
 * 0.DIGITS * 10^expandedExponent. `limbs` is scratch space of MAX_LIMBS words.
 */
function expand(mantissa: u64, exponent: i32, limbs: usize, out: usize): usize {
  let count: usize = 0;
  // Start with the mantissa.
  let rest = mantissa;
  while (rest != 0) {
    store<u32>(limbs + (count << 2), <u32>(rest % LIMB_BASE));
    rest /= LIMB_BASE;
    count++;
  }
  let decimalShift: i32 = 0;
  if (exponent >= 0) {
    let remaining = exponent;
    while (remaining > 0) {
      const step = remaining < 29 ? remaining : 29;
      count = multiplySmall(limbs, count, (<u64>1) << (<u64>step));
      remaining -= step;
    }
  } else {
    // m * 2^-k = m * 5^k / 10^k
    let remaining = -exponent;
    decimalShift = exponent;
    while (remaining > 0) {
      const step = remaining < 12 ? remaining : 12;
      let factor: u64 = 1;
      for (let i = 0; i < step; i++) factor *= 5;
      count = multiplySmall(limbs, count, factor);
      remaining -= step;
    }
  }
  // Digits, most significant first.
  let written: usize = 0;
  for (let limb = <isize>count - 1; limb >= 0; limb--) {
    const value = load<u32>(limbs + ((<usize>limb) << 2));
    if (<usize>limb == count - 1) {
      written += writeUnpadded(out + written, value);
    } else {
      for (let power: u32 = 100000000; power > 0; power /= 10) {
        store<u8>(out + written++, <u8>(0x30 + ((value / power) % 10)));
      }
    }
  }
  expandedExponent = <i32>written + decimalShift;
  while (written > 0 && load<u8>(out + written - 1) == 0x30) written--;
  return written;
}

function writeUnpadded(out: usize, value: u32): usize {
  let power: u32 = 100000000;
  while (power > 1 && value / power == 0) power /= 10;
  let written: usize = 0;
  for (; power > 0; power /= 10) store<u8>(out + written++, <u8>(0x30 + ((value / power) % 10)));
  return written;
}

function multiplySmall(limbs: usize, count: usize, factor: u64): usize {
  let carry: u64 = 0;
  for (let i: usize = 0; i < count; i++) {
    const product = <u64>load<u32>(limbs + (i << 2)) * factor + carry;
    store<u32>(limbs + (i << 2), <u32>(product % LIMB_BASE));
    carry = product / LIMB_BASE;
  }
  while (carry != 0) {
    store<u32>(limbs + (count << 2), <u32>(carry % LIMB_BASE));
    carry /= LIMB_BASE;
    count++;
  }
  return count;
}

/** Compares 0.A * 10^aExponent with 0.B * 10^bExponent (positive, normalised digits). */
function compareDecimals(
  a: usize,
  aCount: usize,
  aExponent: i32,
  b: usize,
  bCount: usize,
  bExponent: i32,
): i32 {
  if (aCount == 0 || bCount == 0) return aCount == bCount ? 0 : aCount == 0 ? -1 : 1;
  if (aExponent != bExponent) return aExponent < bExponent ? -1 : 1;
  const common = aCount < bCount ? aCount : bCount;
  const order = memory.compare(a, b, common);
  if (order != 0) return order < 0 ? -1 : 1;
  return aCount == bCount ? 0 : aCount < bCount ? -1 : 1;
}

// Result of shortestDigits: value 0.DIGITS * 10^resultExponent.
let resultCount: usize = 0;
let resultExponent: i32 = 0;

const POWERS_OF_TEN = memory.data<f64>([
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22,
]);

function powerOfTen(exponent: i32): f64 {
  return load<f64>(POWERS_OF_TEN + ((<usize>exponent) << 3));
}

/**
 * Fast path for doubles whose shortest form has at most 16 digits (most numbers people
 * write, and most results): an integer below 2^53 scaled by an exact power of ten reads
 * back correctly rounded, so "s * 10^-p == value" proves a candidate. With 15 digits or
 * fewer at most one candidate fits the double's rounding interval; with 16 up to three
 * may, and the closest one then needs exact arithmetic. Returns 0 when it cannot decide.
 */
function fastShortest(value: f64, out: usize): usize {
  const magnitude = <i32>Math.floor(Math.log10(value));
  for (let digits: i32 = 1; digits <= 16; digits++) {
    const scale = digits - 1 - magnitude;
    if (scale < -22 || scale > 22) return 0;
    const scaled = scale >= 0 ? value * powerOfTen(scale) : value / powerOfTen(-scale);
    const nearest = Math.round(scaled);
    // The scaling rounds, so the right integer may be a neighbour of the nearest one.
    let found: f64 = 0;
    let matches = 0;
    for (let delta = -1; delta <= 1; delta++) {
      const candidate = nearest + <f64>delta;
      if (candidate <= 0 || candidate >= 9007199254740992.0) continue;
      const back = scale >= 0 ? candidate / powerOfTen(scale) : candidate * powerOfTen(-scale);
      if (back != value) continue;
      found = candidate;
      matches++;
    }
    if (matches > 1) return 0;
    if (matches == 1) return writeCandidate(<u64>found, scale, out);
  }
  return 0;
}

function writeCandidate(integer: u64, scale: i32, out: usize): usize {
  let count: usize = 0;
  let scratch = integer;
  while (scratch != 0) {
    count++;
    scratch /= 10;
  }
  resultExponent = <i32>count - scale;
  while (integer % 10 == 0) {
    integer /= 10;
    count--;
  }
  for (let at = count; at > 0; at--) {
    store<u8>(out + at - 1, <u8>(0x30 + (integer % 10)));
    integer /= 10;
  }
  resultCount = count;
  return count;
}

/**
 * Shortest digits for a finite positive double; `out` receives them (at most 17). Returns
 * the digit count and sets resultExponent.
 */
export function shortestDigits(value: f64, out: usize): usize {
  const fast = fastShortest(value, out);
  if (fast != 0) return fast;
  return exactShortest(value, out);
}

function exactShortest(value: f64, out: usize): usize {
  const bits = reinterpret<u64>(value);
  const biased = <i32>((bits >> 52) & 0x7ff);
  const fraction = bits & 0xfffffffffffff;
  let mantissa: u64;
  let exponent: i32;
  if (biased == 0) {
    mantissa = fraction;
    exponent = -1074;
  } else {
    mantissa = fraction | ((<u64>1) << 52);
    exponent = biased - 1075;
  }
  const limbs = heapAlloc(MAX_LIMBS << 2);
  const exact = heapAlloc(DIGIT_CAPACITY);
  const low = heapAlloc(DIGIT_CAPACITY);
  const high = heapAlloc(DIGIT_CAPACITY);
  const candidate = heapAlloc(24);

  const exactCount = expand(mantissa, exponent, limbs, exact);
  const exactExponent = expandedExponent;
  // The interval of reals that round to `value` (half-way points to the neighbours); the
  // gap below is half as wide at a power of two.
  const narrowBelow = fraction == 0 && biased > 1;
  const lowCount = narrowBelow
    ? expand((mantissa << 2) - 1, exponent - 2, limbs, low)
    : expand((mantissa << 1) - 1, exponent - 1, limbs, low);
  const lowExponent = expandedExponent;
  const highCount = expand((mantissa << 1) + 1, exponent - 1, limbs, high);
  const highExponent = expandedExponent;
  // Round-half-even reading: a value exactly on a bound belongs to `value` if its mantissa is even.
  const boundsInclusive = (mantissa & 1) == 0;

  for (let digits: usize = 1; digits <= 17; digits++) {
    // The two k-digit neighbours of the exact value: truncated, and truncated plus one unit.
    let found = false;
    for (let up = 0; up < 2; up++) {
      let count = digits < exactCount ? digits : exactCount;
      memory.copy(candidate, exact, count);
      let candidateExponent = exactExponent;
      if (up == 1) {
        if (exactCount <= digits) continue; // truncation was exact: no second neighbour
        // Add one unit in the last place, carrying.
        while (count < digits) store<u8>(candidate + count++, 0x30);
        let at = <isize>digits - 1;
        while (at >= 0 && load<u8>(candidate + <usize>at) == 0x39) {
          store<u8>(candidate + <usize>at, 0x30);
          at--;
        }
        if (at < 0) {
          store<u8>(candidate, 0x31);
          count = 1;
          candidateExponent++;
        } else {
          store<u8>(candidate + <usize>at, load<u8>(candidate + <usize>at) + 1);
        }
      }
      while (count > 0 && load<u8>(candidate + count - 1) == 0x30) count--;
      const aboveLow = compareDecimals(
        candidate,
        count,
        candidateExponent,
        low,
        lowCount,
        lowExponent,
      );
      const belowHigh = compareDecimals(
        candidate,
        count,
        candidateExponent,
        high,
        highCount,
        highExponent,
      );
      const inside = boundsInclusive
        ? aboveLow >= 0 && belowHigh <= 0
        : aboveLow > 0 && belowHigh < 0;
      if (!inside) continue;
      // Both neighbours inside: keep the closer one (the rounded-up one when the exact
      // digits past the cut are above one half, or exactly half and the cut digit is odd).
      if (found) {
        const next = <u32>load<u8>(exact + digits);
        let roundUp = next > 0x35 || (next == 0x35 && exactCount > digits + 1);
        if (next == 0x35 && exactCount == digits + 1)
          roundUp = (load<u8>(exact + digits - 1) & 1) == 1;
        if (!roundUp) continue;
      }
      found = true;
      memory.copy(out, candidate, count);
      resultCount = count;
      resultExponent = candidateExponent;
    }
    if (found) break;
  }
  heapFree(candidate);
  heapFree(high);
  heapFree(low);
  heapFree(exact);
  heapFree(limbs);
  return resultCount;
}

export function shortestExponent(): i32 {
  return resultExponent;
}
