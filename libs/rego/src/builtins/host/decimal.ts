/** An exact rational number numerator/denominator, enough for units.* arithmetic. */
export interface Rational {
  numerator: bigint;
  denominator: bigint;
}

/**
 * Parses a decimal literal as Go's big.Rat.SetString does for float syntax:
 * `[+-]digits[.digits][e[+-]digits]` (".5" and "5." allowed). Undefined if malformed.
 */
export function parseDecimal(text: string): Rational | undefined {
  const match = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = '', exponentText] = match;
  if (whole === '' && fraction === '') return undefined;
  const exponent = Number(exponentText ?? 0) - fraction.length;
  let numerator = BigInt(`${whole}${fraction}` || '0');
  let denominator = 1n;
  if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator = 10n ** BigInt(-exponent);
  if (sign === '-') numerator = -numerator;
  return { numerator, denominator };
}

export function multiply(value: Rational, numerator: bigint, denominator = 1n): Rational {
  return { numerator: value.numerator * numerator, denominator: value.denominator * denominator };
}

/** Truncates toward zero, as big.Float.Int does. */
export function truncate(value: Rational): bigint {
  return value.numerator / value.denominator;
}

/** The value as a JSON-ready number: exact integers stay exact, others round to 10 decimals (big.Rat.FloatString(10)). */
export function toNumber(value: Rational): number {
  if (value.numerator % value.denominator === 0n)
    return Number(String(value.numerator / value.denominator));
  const scale = 10n ** 10n;
  const scaled = value.numerator * scale;
  let quotient = scaled / value.denominator;
  const remainder = scaled % value.denominator;
  // Halves round away from zero.
  if (remainder * 2n >= value.denominator) quotient += 1n;
  else if (remainder * 2n <= -value.denominator) quotient -= 1n;
  return Number(quotient) / 1e10;
}
