// Arithmetic and comparison builtins. Numbers are doubles (exact for integers up to 2^53);
// `minus` also subtracts sets, as in Rego.

import { valueCompare, valueEqual } from '../compare';
import { keyedFind, keyedKeyAt, keyedLength, setNew, keyedAppend } from '../object';
import { booleanNew, numberGet, numberNewF64 } from '../value';
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
  return <i32>numberNewF64(numberGet(<usize>a) + numberGet(<usize>b));
}

/** Numbers subtract, sets take the difference; the first operand decides which. */
export function rt_builtin_minus(a: i32, b: i32): i32 {
  if (isSet(<usize>a)) {
    if (!isSet(<usize>b)) return <i32>typeError('minus', 2, 'set', <usize>b);
    return <i32>setDifference(<usize>a, <usize>b);
  }
  if (!isNumber(<usize>a)) return <i32>typeError('minus', 1, 'one of {number, set}', <usize>a);
  if (!numbers('minus', <usize>a, <usize>b)) return 0;
  return <i32>numberNewF64(numberGet(<usize>a) - numberGet(<usize>b));
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
  return <i32>numberNewF64(numberGet(<usize>a) * numberGet(<usize>b));
}

export function rt_builtin_div(a: i32, b: i32): i32 {
  if (!numbers('div', <usize>a, <usize>b)) return 0;
  const divisor = numberGet(<usize>b);
  if (divisor == 0) return <i32>builtinError('div', 'divide by zero');
  return <i32>numberNewF64(numberGet(<usize>a) / divisor);
}

export function rt_builtin_rem(a: i32, b: i32): i32 {
  if (!numbers('rem', <usize>a, <usize>b)) return 0;
  const dividend = numberGet(<usize>a);
  const divisor = numberGet(<usize>b);
  if (!isIntegral(dividend) || !isIntegral(divisor)) {
    return <i32>builtinError('rem', 'modulo on floating-point number');
  }
  if (divisor == 0) return <i32>builtinError('rem', 'modulo by zero');
  // Truncated remainder: the sign follows the dividend (Go's big.Int Rem).
  const remainder = dividend % divisor;
  return <i32>numberNewF64(remainder == 0 ? 0 : remainder);
}

export function rt_builtin_abs(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('abs', 1, 'number', <usize>a);
  return <i32>numberNewF64(Math.abs(numberGet(<usize>a)));
}

/** Rounds half away from zero (Go's math.Round), unlike JavaScript's Math.round. */
export function roundHalfAwayFromZero(number: f64): f64 {
  const truncated = Math.trunc(number);
  if (Math.abs(number - truncated) >= 0.5) return truncated + (number < 0 ? -1 : 1);
  return truncated == 0 ? 0 : truncated;
}

export function rt_builtin_round(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('round', 1, 'number', <usize>a);
  return <i32>numberNewF64(roundHalfAwayFromZero(numberGet(<usize>a)));
}

export function rt_builtin_ceil(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('ceil', 1, 'number', <usize>a);
  return <i32>numberNewF64(Math.ceil(numberGet(<usize>a)) + 0);
}

export function rt_builtin_floor(a: i32): i32 {
  if (!isNumber(<usize>a)) return <i32>typeError('floor', 1, 'number', <usize>a);
  return <i32>numberNewF64(Math.floor(numberGet(<usize>a)));
}
