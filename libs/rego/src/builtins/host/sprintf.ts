import { define, type HostRegistry } from './host-builtin';
import { goSprintf, type FormatArgument } from './format/go-sprintf';
import { arrayOperand, stringOperand } from './operands';
import { exactIntegerOf, formatRegoValue } from './values';

const INT64_LIMIT = 2n ** 63n;

/**
 * Converts one value as OPA's sprintf does before calling Go's fmt: integers become
 * int (or *big.Int past 64 bits), other numbers float64, strings stay strings and
 * everything else becomes its Rego text (so `%v` of an object prints `{"a": 1}` and
 * `%t` of a boolean is a bad verb, exactly as in OPA).
 */
function toFormatArgument(value: unknown): FormatArgument {
  // Integers a double cannot hold arrive exact (the built-in declares `bigIntegers`).
  if (typeof value === 'bigint') return integerArgument(value);
  if (typeof value === 'number') {
    if (Number.isInteger(value)) {
      return integerArgument(exactIntegerOf(value));
    }
    return { kind: 'float', value };
  }
  if (typeof value === 'string') return { kind: 'string', value };
  return { kind: 'string', value: formatRegoValue(value) };
}

function integerArgument(integer: bigint): FormatArgument {
  const fits = integer < INT64_LIMIT && integer >= -INT64_LIMIT;
  return { kind: 'int', value: integer, goType: fits ? 'int' : '*big.Int' };
}

/** Registers `sprintf` (Go fmt semantics). */
export function register(into: HostRegistry): void {
  define(
    into,
    'sprintf',
    2,
    (format: unknown, values: unknown) => {
      const text = stringOperand('sprintf', 1, format);
      const args = arrayOperand('sprintf', 2, values);
      return goSprintf(text, args.map(toFormatArgument));
    },
    { bigIntegers: true },
  );
}
