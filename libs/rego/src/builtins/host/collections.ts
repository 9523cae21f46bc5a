import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { arrayOperand, integerOperand, isJsonObject } from './operands';
import { toSetArray } from './values';

/** Past this many elements numbers.range_step fails instead of exhausting memory. */
export const MAX_RANGE_LENGTH = 10_000_000;

/** OPA's array.flatten removes one level of nesting: deeper arrays stay arrays. */
function flattenOneLevel(values: unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? value : [value]));
}

/** A deprecated cast: the value when it already has the type, else an error. */
function cast(
  name: string,
  expected: string,
  accepts: (value: unknown) => boolean,
  convert = (value: unknown) => value,
) {
  return (value: unknown) => {
    if (!accepts(value)) throw BuiltinError.operandType(name, 1, expected, value);
    return convert(value);
  };
}

/** Registers numbers.range_step, array.flatten and the deprecated cast_* built-ins (Rego v0). */
export function register(into: HostRegistry): void {
  define(into, 'numbers.range_step', 3, (from: unknown, to: unknown, step: unknown) => {
    const start = integerOperand('numbers.range_step', 1, from);
    const end = integerOperand('numbers.range_step', 2, to);
    const stride = integerOperand('numbers.range_step', 3, step);
    if (stride <= 0)
      throw new BuiltinError('numbers.range_step', 'step must be a positive number above zero');
    const length = Math.floor(Math.abs(end - start) / stride) + 1;
    if (length > MAX_RANGE_LENGTH)
      throw new BuiltinError(
        'numbers.range_step',
        `range has more than ${MAX_RANGE_LENGTH} elements`,
      );
    const direction = end >= start ? 1 : -1;
    return Array.from({ length }, (_, index) => start + direction * index * stride);
  });

  define(into, 'array.flatten', 1, (value: unknown) =>
    flattenOneLevel(arrayOperand('array.flatten', 1, value)),
  );

  define(into, 'cast_array', 1, cast('cast_array', 'array', Array.isArray));
  // A set arrives as an array; as a set it is sorted and free of duplicates.
  define(
    into,
    'cast_set',
    1,
    cast('cast_set', 'set', Array.isArray, (value) => toSetArray(value as unknown[])),
  );
  define(
    into,
    'cast_string',
    1,
    cast('cast_string', 'string', (value) => typeof value === 'string'),
  );
  define(
    into,
    'cast_boolean',
    1,
    cast('cast_boolean', 'boolean', (value) => typeof value === 'boolean'),
  );
  define(
    into,
    'cast_null',
    1,
    cast('cast_null', 'null', (value) => value === null),
  );
  define(into, 'cast_object', 1, cast('cast_object', 'object', isJsonObject));
}
