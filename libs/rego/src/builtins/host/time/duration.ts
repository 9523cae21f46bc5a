import { goQuote } from '../format/go-quote';

const UNIT_NANOS: Record<string, bigint> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n, // U+00B5 micro sign
  μs: 1_000n, // U+03BC Greek mu
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const INT64_MAX = 2n ** 63n - 1n;

/** Go's time.ParseDuration ("1h30m", "-1.5s", "300ms") in nanoseconds. */
export function parseDuration(text: string): bigint {
  const invalid = () => new Error(`time: invalid duration ${goQuote(text)}`);
  let rest = text;
  let negative = false;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    negative = rest[0] === '-';
    rest = rest.slice(1);
  }
  if (rest === '0') return 0n;
  if (rest === '') throw invalid();
  let total = 0n;
  while (rest !== '') {
    const amount = /^([0-9]*)(?:\.([0-9]*))?/.exec(rest)!;
    const [whole, fraction] = [amount[1], amount[2]];
    if (whole === '' && (fraction === undefined || fraction === '')) throw invalid();
    rest = rest.slice(amount[0].length);
    const unit = /^[^0-9.]*/.exec(rest)![0];
    if (unit === '') throw new Error(`time: missing unit in duration ${goQuote(text)}`);
    const scale = UNIT_NANOS[unit];
    if (scale === undefined)
      throw new Error(`time: unknown unit ${goQuote(unit)} in duration ${goQuote(text)}`);
    rest = rest.slice(unit.length);
    let nanos = BigInt(whole || '0') * scale;
    if (fraction) {
      // Go truncates the fractional part toward zero at nanosecond precision.
      nanos += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    }
    total += nanos;
    if (total > INT64_MAX + (negative ? 1n : 0n)) throw invalid();
  }
  return negative ? -total : total;
}
