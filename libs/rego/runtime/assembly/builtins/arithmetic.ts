// Arithmetic and comparison builtins. Numbers are doubles (exact for integers up to 2^53);
// integer results a double may not hold exactly, and operands that kept their literal
// text, take the exact big-integer path (../number-exact). `minus` also subtracts sets.

import { valueCompare, valueEqual } from '../compare';
import { keyedFind, keyedKeyAt, keyedLength, setNew, keyedAppend } from '../object';
import { bigFree, bigIsZero } from '../big-integer';
import {
  EXACT_DOUBLE_LIMIT,
  OPERATION_MINUS,
  OPERATION_MULTIPLY,
  OPERATION_PLUS,
  exactArithmetic,
  exactDivision,
  integerOfNumber,
  numberOfInteger,
} from '../number-exact';
import { numberFromText } from '../number-parse';
import { booleanNew, numberGet, numberNewF64, numberTextLength, numberTextPointer } from '../value';
import { builtinError, isIntegral, isNumber, isSet, typeError } from './support';

export function rt_builtin_equal(a: i32, b: i32): i32 {
  return <i32>booleanNew(valueEqual(<usize>a, <usize>b));
}

export function rt_builtin_neq(a: i32, b: i32): i32 {
  return <i32>booleanNew(!valueEqual(<usize>a, <usize>b));
}

export function rt_builtin_lt(a: i32, b: i32): i32 {
  return <i32>booleanNew(valueCompare(<usize>a, <usize>b) < 0);
}

export function rt_builtin_lte(a: i32, b: i32): i32 {
  return <i32>booleanNew(valueCompare(<usize>a, <usize>b) <= 0);
}

export function rt_builtin_gt(a: i32, b: i32): i32 {
  return <i32>booleanNew(valueCompare(<usize>a, <usize>b) > 0);
}

export function rt_builtin_gte(a: i32, b: i32): i32 {
  return <i32>booleanNew(valueCompare(<usize>a, <usize>b) >= 0);
}

/** Checks both operands are numbers; reports the first that is not. */
function numbers(name: string, a: usize, b: usize): bool {
  if (!isNumber(a)) {
    typeError(name, 1, 'number', a);
    return false;
  }
  if (!isNumber(b)) {
    typeError(name, 2, 'number', b);
    return false;
  }
  return true;
}

export function rt_builtin_plus(a: i32, b: i32): i32 {
  if (!numbers('plus', <usize>a, <usize>b)) return 0;
  const sum = numberGet(<usize>a) + numberGet(<usize>b);
  if (isExactDouble(sum, <usize>a, <usize>b)) return <i32>numberNewF64(sum);
  return <i32>exactArithmetic(OPERATION_PLUS, <usize>a, <usize>b, sum);
}

/**
 * The fast path: two plain doubles whose result is below 2^53 in magnitude. For integer
 * operands such a result is exact (a correctly rounded integer below 2^53 is the integer
 * itself); for fractional operands doubles are the semantics anyway.
 */
function isExactDouble(result: f64, a: usize, b: usize): bool {
  return (
    Math.abs(result) < EXACT_DOUBLE_LIMIT && numberTextLength(a) == 0 && numberTextLength(b) == 0
  );
}

/** Numbers subtract, sets take the difference; the first operand decides which. */
export function rt_builtin_minus(a: i32, b: i32): i32 {
  if (isSet(<usize>a)) {
    if (!isSet(<usize>b)) return <i32>typeError('minus', 2, 'set', <usize>b);
    return <i32>setDifference(<usize>a, <usize>b);
  }
  if (!isNumber(<usize>a)) return <i32>typeError('minus', 1, 'one of {number, set}', <usize>a);
  if (!numbers('minus', <usize>a, <usize>b)) return 0;
  const difference = numberGet(<usize>a) - numberGet(<usize>b);
  if (isExactDouble(difference, <usize>a, <usize>b)) return <i32>numberNewF64(difference);
  return <i32>exactArithmetic(OPERATION_MINUS, <usize>a, <usize>b, difference);
}

export function setDifference(a: usize, b: usize): usize {
  const result = setNew(0);
  const length = keyedLength(a);
  for (let i: usize = 0; i < length; i++) {
    const element = keyedKeyAt(a, i);
    if (keyedFind(b, element) < 0) keyedAppend(result, element, element);
  }
  return result;
}

export function rt_builtin_mul(a: i32, b: i32): i32 {
  if (!numbers('mul', <usize>a, <usize>b)) return 0;
  const product = numberGet(<usize>a) * numberGet(<usize>b);
  if (isExactDouble(product, <usize>a, <usize>b)) return <i32>numberNewF64(product);
  return <i32>exactArithmetic(OPERATION_MULTIPLY, <usize>a, <usize>b, product);
}

export function rt_builtin_div(a: i32, b: i32): i32 {
  if (!numbers('div', <usize>a, <usize>b)) return 0;
  const divisor = numberGet(<usize>b);
  if (divisor == 0) return <i32>builtinError('div', 'divide by zero');
  const quotient = numberGet(<usize>a) / divisor;
  // Doubles divide exactly whenever an integer quotient exists; only literals kept as
  // text need the exact path, which yields the integer when the division is exact.
  if (numberTextLength(<usize>a) == 0 && numberTextLength(<usize>b) == 0) {
    return <i32>numberNewF64(quotient);
  }
  const x = integerOfNumber(<usize>a);
  const y = x == 0 ? 0 : integerOfNumber(<usize>b);
  if (y == 0 || bigIsZero(y)) {
    if (x != 0) bigFree(x);
    if (y != 0) bigFree(y);
    return <i32>numberNewF64(quotient);
  }
  const exact = exactDivision(x, y, false);
  return <i32>(exact != 0 ? exact : numberNewF64(quotient));
}

export function rt_builtin_rem(a: i32, b: i32): i32 {
  if (!numbers('rem', <usize>a, <usize>b)) return 0;
  if (numberTextLength(<usize>a) != 0 || numberTextLength(<usize>b) != 0) {
    return <i32>exactRemainder(<usize>a, <usize>b);
  }
  const dividend = numberGet(<usize>a);
  const divisor = numberGet(<usize>b);
  if (!isIntegral(dividend) || !isIntegral(divisor)) {
    return <i32>builtinError('rem', 'modulo on floating-point number');
  }
  if (divisor == 0) return <i32>builtinError('rem', 'modulo by zero');
  // Truncated remainder: the sign follows the dividend (Go's big.Int Rem).
  // fmod is exact for doubles of any size.
  const remainder = dividend % divisor;
  return <i32>numberNewF64(remainder == 0 ? 0 : remainder);
}

/** rem when an operand kept its literal text (an integer too large for a double). */
function exactRemainder(a: usize, b: usize): usize {
  const x = integerOfNumber(a);
  const y = x == 0 ? 0 : integerOfNumber(b);
  if (y == 0) {
    if (x != 0) bigFree(x);
    return builtinError('rem', 'modulo on floating-point number');
  }
  if (bigIsZero(y)) {
    bigFree(y);
    bigFree(x);
    return builtinError('rem', 'modulo by zero');
  }
  return exactDivision(x, y, true);
}

export function rt_builtin_abs(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('abs', 1, 'number', <usize>a);
  const textLength = numberTextLength(<usize>a);
  if (textLength != 0) {
    // Exact for any literal kept as text: drop the sign.
    const text = numberTextPointer(<usize>a);
    if (load<u8>(text) != 0x2d) return a;
    return <i32>numberFromText(text + 1, textLength - 1);
  }
  return <i32>numberNewF64(Math.abs(numberGet(<usize>a)));
}

/**
 * An integer literal kept as text, as a number with all its digits (`1e30` →
 * 1000000000000000000000000000000, as OPA prints it), else 0. Rounding an integer is the
 * identity; its double alone could not say whether it is one.
 */
function textInteger(value: usize): usize {
  if (numberTextLength(value) == 0) return 0;
  const integer = integerOfNumber(value);
  if (integer == 0) return 0;
  const number = numberOfInteger(integer);
  bigFree(integer);
  return number;
}

/** Rounds half away from zero (Go's math.Round), unlike JavaScript's Math.round. */
export function roundHalfAwayFromZero(number: f64): f64 {
  const truncated = Math.trunc(number);
  if (Math.abs(number - truncated) >= 0.5) return truncated + (number < 0 ? -1 : 1);
  return truncated == 0 ? 0 : truncated;
}

export function rt_builtin_round(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('round', 1, 'number', <usize>a);
  const integer = textInteger(<usize>a);
  if (integer != 0) return <i32>integer;
  return <i32>numberNewF64(roundHalfAwayFromZero(numberGet(<usize>a)));
}

export function rt_builtin_ceil(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('ceil', 1, 'number', <usize>a);
  const integer = textInteger(<usize>a);
  if (integer != 0) return <i32>integer;
  return <i32>numberNewF64(Math.ceil(numberGet(<usize>a)) + 0);
}

export function rt_builtin_floor(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('floor', 1, 'number', <usize>a);
  const integer = textInteger(<usize>a);
  if (integer != 0) return <i32>integer;
  return <i32>numberNewF64(Math.floor(numberGet(<usize>a)));
}
