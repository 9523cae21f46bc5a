/**
 * An error raised by a built-in at evaluation time (bad argument, malformed input). The
 * loader turns it into "undefined" unless strict built-in errors are on, as OPA does.
 */
export class BuiltinError extends Error {
  override readonly name = 'BuiltinError';

  constructor(
    /** Rego name of the failing built-in, e.g. `time.parse_rfc3339_ns`. */
    readonly builtin: string,
    /** What went wrong, without the built-in name (it is prefixed, as OPA does). */
    readonly reason: string,
  ) {
    super(`${builtin}: ${reason}`);
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
