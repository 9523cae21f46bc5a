// Shared plumbing for in-module builtins: the strict-errors switch, error reporting,
// argument checks and result helpers.
//
// A builtin returns a value address or 0 (undefined). On an error it calls
// `builtinError`, which aborts with "eval_builtin_error: <name>: <message>" in strict
// mode and otherwise returns 0, so `return builtinError(...)` is the idiom.

import { messageAbort, messageAppendLiteral, messageStart } from '../errors';
import {
  TYPE_ARRAY,
  TYPE_BOOLEAN,
  TYPE_NULL,
  TYPE_NUMBER,
  TYPE_OBJECT,
  TYPE_SET,
  TYPE_STRING,
  numberGet,
  stringNew,
  typeOf,
} from '../value';
import { writerFinishBytes, writerLength } from '../writer';

let strictErrors = false;

/** Turns strict builtin errors on (non-zero) or off; CODEGEN calls it when compiled strict. */
export function rt_set_strict_builtin_errors(flag: i32): void {
  strictErrors = flag != 0;
}

/** Whether builtin errors abort (for builtins that build their own error message). */
export function strictBuiltinErrorsOn(): bool {
  return strictErrors;
}

export function builtinError(name: string, message: string): usize {
  if (!strictErrors) return 0;
  messageStart();
  messageAppendLiteral('eval_builtin_error: ');
  messageAppendLiteral(name);
  messageAppendLiteral(': ');
  messageAppendLiteral(message);
  messageAbort();
  return 0;
}

function operandText(operand: i32): string {
  switch (operand) {
    case 1:
      return 'operand 1 ';
    case 2:
      return 'operand 2 ';
    case 3:
      return 'operand 3 ';
  }
  return 'operand 4 ';
}

/**
 * An operand of the wrong type: "eval_type_error: <name>: operand N must be <expected> but
 * got <type>", OPA's code and text (other failures are eval_builtin_error).
 */
export function typeError(name: string, operand: i32, expected: string, actual: usize): usize {
  if (!strictErrors) return 0;
  messageStart();
  messageAppendLiteral('eval_type_error: ');
  messageAppendLiteral(name);
  messageAppendLiteral(': ');
  messageAppendLiteral(operandText(operand));
  messageAppendLiteral('must be ');
  messageAppendLiteral(expected);
  messageAppendLiteral(' but got ');
  messageAppendLiteral(typeNameText(actual));
  messageAbort();
  return 0;
}

function typeNameText(value: usize): string {
  switch (typeOf(value)) {
    case TYPE_NULL:
      return 'null';
    case TYPE_BOOLEAN:
      return 'boolean';
    case TYPE_NUMBER:
      return 'number';
    case TYPE_STRING:
      return 'string';
    case TYPE_ARRAY:
      return 'array';
    case TYPE_OBJECT:
      return 'object';
    case TYPE_SET:
      return 'set';
  }
  return 'undefined';
}

export function isNumber(value: usize): bool {
  return typeOf(value) == TYPE_NUMBER;
}

export function isString(value: usize): bool {
  return typeOf(value) == TYPE_STRING;
}

export function isArray(value: usize): bool {
  return typeOf(value) == TYPE_ARRAY;
}

export function isObject(value: usize): bool {
  return typeOf(value) == TYPE_OBJECT;
}

export function isSet(value: usize): bool {
  return typeOf(value) == TYPE_SET;
}

export function isArrayOrSet(value: usize): bool {
  const tag = typeOf(value);
  return tag == TYPE_ARRAY || tag == TYPE_SET;
}

export function isIntegral(number: f64): bool {
  return isFinite(number) && Math.floor(number) == number;
}

/** The number value is an integer (1.0 counts, as in OPA). */
export function isIntegerValue(value: usize): bool {
  return isNumber(value) && isIntegral(numberGet(value));
}

/** The string built in the writer (see writer.ts) as a value. */
export function writerFinishString(): usize {
  const bytes = writerFinishBytes();
  return stringNew(bytes, writerLength());
}
