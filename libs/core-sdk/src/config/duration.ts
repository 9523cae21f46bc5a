import type { DurationInput } from './core-sdk-options.interface';

const MILLISECONDS_PER_UNIT: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1_000, ms: 1 };
/** Units in the only order they may appear, largest first, as in `1h30m`. */
const UNIT_ORDER = ['h', 'm', 's', 'ms'];
const COMPONENT = /(\d+(?:\.\d+)?)(ms|h|m|s)/y;
const EXAMPLES = '"250ms", "5s", "1m" or "1h30m"';

/** Either the duration in milliseconds or why the input is not one. */
export type DurationReading = { ms: number } | { error: string };

/**
 * Reads a duration without throwing. A number is taken as milliseconds (programmatic
 * options only); text needs a unit on every component, because a bare `"5"` in a file
 * or an environment variable is as likely to mean seconds as milliseconds.
 */
export function readDuration(input: unknown): DurationReading {
  if (typeof input === 'number') {
    if (!Number.isFinite(input) || !Number.isInteger(input)) {
      return { error: 'is not a whole number of milliseconds' };
    }
    if (input < 0) return { error: 'is negative: durations must be 0 or more' };
    return { ms: input };
  }
  if (typeof input !== 'string') {
    return { error: `is not a duration: write text such as ${EXAMPLES}` };
  }
  const text = input.trim();
  if (text.startsWith('-')) return { error: 'is negative: durations must be 0 or more' };
  if (/^\d+(\.\d+)?$/.test(text)) {
    return { error: `has no unit: write "${text}ms" or "${text}s" (units: h, m, s, ms)` };
  }
  return readComponents(text);
}

function readComponents(text: string): DurationReading {
  const invalid = { error: `is not a duration: write a number and a unit, e.g. ${EXAMPLES}` };
  if (text === '') return invalid;
  let total = 0;
  let lastUnitIndex = -1;
  COMPONENT.lastIndex = 0;
  while (COMPONENT.lastIndex < text.length) {
    const match = COMPONENT.exec(text);
    if (!match) {
      // A trailing `d` or `w` is the usual mistake; say which units exist.
      return /\d+(\.\d+)?[a-z]+$/i.test(text) && !/(ms|h|m|s)$/.test(text)
        ? { error: `uses an unknown unit: use h, m, s or ms (e.g. "24h" for a day)` }
        : invalid;
    }
    const unitIndex = UNIT_ORDER.indexOf(match[2]);
    if (unitIndex <= lastUnitIndex) {
      return {
        error: 'repeats a unit or has them out of order: write them largest first, e.g. "1h30m"',
      };
    }
    lastUnitIndex = unitIndex;
    total += Number(match[1]) * MILLISECONDS_PER_UNIT[match[2]];
  }
  if (!Number.isInteger(total)) return { error: 'is not a whole number of milliseconds' };
  if (!Number.isSafeInteger(total)) return { error: 'is too large' };
  return { ms: total };
}

/**
 * Converts `"250ms"`, `"5s"`, `"1m"`, `"1h30m"` (or a number of milliseconds) to
 * milliseconds; throws a `RangeError` that says what to write instead.
 */
export function parseDuration(input: DurationInput): number {
  const reading = readDuration(input);
  if ('error' in reading) throw new RangeError(`${JSON.stringify(input)} ${reading.error}`);
  return reading.ms;
}
