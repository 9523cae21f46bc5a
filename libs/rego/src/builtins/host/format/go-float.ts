/**
 * Go's float formatting (strconv.FormatFloat / fmt) for the verbs %e %f %g and %v.
 * JavaScript's toExponential() without an argument yields the same shortest
 * round-trip digits Go uses for precision -1.
 */

interface Decimal {
  /** Significant digits without trailing zeros, at least "0". */
  digits: string;
  /** Decimal exponent of the first digit (1.23e5 → 5). */
  exponent: number;
}

function decimalOf(magnitude: number, significant: number | undefined): Decimal {
  const text =
    significant === undefined
      ? magnitude.toExponential()
      : magnitude.toExponential(significant - 1);
  const [mantissa, exponent] = text.split('e');
  let digits = mantissa.replace('.', '').replace(/0+$/, '');
  if (digits === '') digits = '0';
  return { digits, exponent: magnitude === 0 ? 0 : Number(exponent) };
}

function exponentSuffix(exponent: number, upper: boolean): string {
  const sign = exponent < 0 ? '-' : '+';
  const digits = String(Math.abs(exponent)).padStart(2, '0');
  return `${upper ? 'E' : 'e'}${sign}${digits}`;
}

/** %e with `precision` digits after the point (Go default 6). */
export function formatExponent(magnitude: number, precision: number, upper = false): string {
  const [mantissa, exponent] = magnitude.toExponential(Math.min(precision, 100)).split('e');
  return mantissa + exponentSuffix(Number(exponent), upper);
}

/** %f with `precision` digits after the point; exact for large integral values too. */
export function formatFixed(magnitude: number, precision: number): string {
  if (magnitude < 1e21) return magnitude.toFixed(Math.min(precision, 100));
  const whole = BigInt(magnitude).toString();
  return precision > 0 ? `${whole}.${'0'.repeat(precision)}` : whole;
}

/** %g with `precision` significant digits, or the shortest representation when undefined (Go's rules). */
export function formatGeneral(
  magnitude: number,
  precision: number | undefined,
  upper = false,
): string {
  const shortest = precision === undefined;
  const { digits, exponent } = decimalOf(magnitude, shortest ? undefined : Math.max(precision, 1));
  const count = digits.length;
  const pointPosition = exponent + 1;
  let limit = shortest ? count : Math.max(precision, 1);
  let switchAt = limit;
  if (switchAt > count && count >= pointPosition) switchAt = count;
  // Go decides on the shortest form as if the precision were 6.
  if (shortest) switchAt = 6;
  if (exponent < -4 || exponent >= switchAt) {
    const mantissa = count > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return mantissa + exponentSuffix(exponent, upper);
  }
  if (limit > pointPosition) limit = count;
  return placeDigits(digits, pointPosition, Math.max(limit - pointPosition, 0));
}

/** Writes significant digits with the decimal point after `pointPosition` digits. */
function placeDigits(digits: string, pointPosition: number, decimals: number): string {
  const whole =
    pointPosition <= 0 ? '0' : digits.slice(0, pointPosition).padEnd(pointPosition, '0');
  if (decimals === 0) return whole;
  const fraction =
    pointPosition < 0
      ? '0'.repeat(-pointPosition) + digits
      : digits.slice(Math.max(pointPosition, 0));
  return `${whole}.${fraction.padEnd(decimals, '0').slice(0, decimals)}`;
}
