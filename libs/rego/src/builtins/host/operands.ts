import { BuiltinError } from '../builtin-error';

/**
 * Argument checks shared by the families. Each throws OPA's operand type error
 * (`<builtin>: operand <n> must be <type> but got <type>`) on a mismatch.
 */
export function stringOperand(builtin: string, position: number, value: unknown): string {
  if (typeof value !== 'string') throw BuiltinError.operandType(builtin, position, 'string', value);
  return value;
}

export function numberOperand(builtin: string, position: number, value: unknown): number {
  if (typeof value !== 'number') throw BuiltinError.operandType(builtin, position, 'number', value);
  return value;
}

/** A number that must be an integer (OPA: "operand N must be integer number but got floating-point number"). */
export function integerOperand(builtin: string, position: number, value: unknown): number {
  const number = numberOperand(builtin, position, value);
  if (!Number.isInteger(number)) {
    throw new BuiltinError(
      builtin,
      `operand ${position} must be integer number but got floating-point number`,
    );
  }
  return number;
}

export function arrayOperand(builtin: string, position: number, value: unknown): unknown[] {
  if (!Array.isArray(value)) throw BuiltinError.operandType(builtin, position, 'array', value);
  return value;
}

export function objectOperand(
  builtin: string,
  position: number,
  value: unknown,
): Record<string, unknown> {
  if (!isJsonObject(value)) throw BuiltinError.operandType(builtin, position, 'object', value);
  return value;
}

/** A string, or an array/set of strings (sets arrive as arrays). */
export function stringsOperand(builtin: string, position: number, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) {
    return value.map((item) => {
      if (typeof item !== 'string')
        throw BuiltinError.operandType(builtin, position, 'string', item);
      return item;
    });
  }
  throw BuiltinError.operandType(builtin, position, 'string, array or set', value);
}

export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
