// Number values ↔ big integers: the slow path of integer arithmetic, taken only when a
// result may not fit a double exactly (|x| ≥ 2^53) or an operand kept its literal text.
// Results carry their exact decimal text, the representation the parser gives big
// literals, so they print every digit and compare exactly.

import {
  bigAdd,
  bigDivide,
  bigFree,
  bigFromDouble,
  bigFromText,
  bigIsZero,
  bigLastRemainder,
  bigMultiply,
  bigProductTooLarge,
  bigTextLength,
  bigWriteText,
} from './big-integer';
import { heapAlloc, heapFree } from './heap';
import { numberFromText } from './number-parse';
import {
  numberGet,
  numberNewF64,
  numberNewText,
  numberTextLength,
  numberTextPointer,
} from './value';

/** Below this magnitude an integer-valued double is exact (2^53). */
export const EXACT_DOUBLE_LIMIT: f64 = 9007199254740992.0;

export const OPERATION_PLUS: i32 = 0;
export const OPERATION_MINUS: i32 = 1;
export const OPERATION_MULTIPLY: i32 = 2;

/** The integer a number value stands for, or 0 when it is not an integer (or too long). */
export function integerOfNumber(value: usize): usize {
  const length = numberTextLength(value);
  if (length != 0) return bigFromText(numberTextPointer(value), length);
  const number = numberGet(value);
  if (!isFinite(number) || Math.floor(number) != number) return 0;
  return bigFromDouble(number);
}

/**
 * A number value for an integer: its double is the one the parser gives the same digits
 * (so equal numbers keep equal doubles and hashes), and it keeps its text whenever that
 * double is not exact.
 */
export function numberOfInteger(integer: usize): usize {
  const length = bigTextLength(integer);
  const text = heapAlloc(length);
  bigWriteText(integer, text);
  const parsed = numberFromText(text, length);
  if (numberTextLength(parsed) != 0) return parsed;
  const number = numberGet(parsed);
  if (Math.abs(number) < EXACT_DOUBLE_LIMIT) {
    heapFree(text);
    return parsed;
  }
  // The parser found a double equal to these digits (1e21), but printing a double that
  // large would use an exponent: keep the digits.
  return numberNewText(number, text, length);
}

/**
 * plus/minus/mul when the double result `approximate` may be inexact: the exact integer
 * result when both operands are integers, else `approximate` (float semantics).
 */
export function exactArithmetic(operation: i32, a: usize, b: usize, approximate: f64): usize {
  const x = integerOfNumber(a);
  if (x == 0) return numberNewF64(approximate);
  const y = integerOfNumber(b);
  if (y == 0 || (operation == OPERATION_MULTIPLY && bigProductTooLarge(x, y))) {
    if (y != 0) bigFree(y);
    bigFree(x);
    return numberNewF64(approximate);
  }
  const result =
    operation == OPERATION_MULTIPLY
      ? bigMultiply(x, y)
      : bigAdd(x, y, operation == OPERATION_MINUS);
  const value = numberOfInteger(result);
  bigFree(result);
  bigFree(y);
  bigFree(x);
  return value;
}

/**
 * Exact integer division of two integers: the quotient (`wantRemainder` false) or the
 * remainder (sign of the dividend). Returns 0 when `quotient` is wanted and the division
 * is not exact. `x` and `y` are freed; `y` must not be zero.
 */
export function exactDivision(x: usize, y: usize, wantRemainder: bool): usize {
  const quotient = bigDivide(x, y);
  const remainder = bigLastRemainder();
  let value: usize = 0;
  if (wantRemainder) value = numberOfInteger(remainder);
  else if (bigIsZero(remainder)) value = numberOfInteger(quotient);
  bigFree(remainder);
  bigFree(quotient);
  bigFree(y);
  bigFree(x);
  return value;
}
