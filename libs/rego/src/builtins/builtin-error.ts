/** OPA's error codes for a failing built-in: a bad operand is a type error, anything else a built-in error. */
export type BuiltinErrorCode = 'eval_type_error' | 'eval_builtin_error';

/** OPA reports every "operand N …" complaint (its `builtins.ErrOperand`) as a type error. */
const OPERAND_COMPLAINT = /^operand \d+ /;

/**
 * An error raised by a built-in at evaluation time (bad argument, malformed input). The
 * loader turns it into "undefined" unless strict built-in errors are on, as OPA does; in
 * strict mode it surfaces as `<code>: <builtin>: <reason>`.
 */
export class BuiltinError extends Error {
  override readonly name = 'BuiltinError';
  /** The OPA code strict mode reports; derived from the reason unless given. */
  readonly code: BuiltinErrorCode;

  constructor(
    /** Rego name of the failing built-in, e.g. `time.parse_rfc3339_ns`. */
    readonly builtin: string,
    /** What went wrong, without the built-in name (it is prefixed, as OPA does). */
    readonly reason: string,
    code?: BuiltinErrorCode,
  ) {
    super(`${builtin}: ${reason}`);
    this.code = code ?? (OPERAND_COMPLAINT.test(reason) ? 'eval_type_error' : 'eval_builtin_error');
  }

  /** The argument at 1-based `position` has the wrong type (OPA's "operand N must be T but got U"). */
  static operandType(
    builtin: string,
    position: number,
    expected: string,
    actual: unknown,
  ): BuiltinError {
    return new BuiltinError(
      builtin,
      `operand ${position} must be ${expected} but got ${jsonTypeName(actual)}`,
    );
  }
}

/** OPA's type name of a JSON value as it reaches a host built-in (sets arrive as arrays). */
export function jsonTypeName(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'boolean':
      return 'boolean';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    default:
      return 'object';
  }
}
