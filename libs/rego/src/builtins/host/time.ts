import { BuiltinError } from '../builtin-error';
import { evaluationScoped } from './evaluation-scope';
import { define, type HostRegistry } from './host-builtin';
import { integerOperand, stringOperand } from './operands';
import { exactIntegerOf } from './values';
import { daysInMonth, fromCivil, toCivil, type CivilTime } from './time/civil';
import { parseDuration } from './time/duration';
import { LONG_DAYS, NAMED_LAYOUTS, formatTime } from './time/go-time-format';
import { parseTime } from './time/go-time-parse';
import { UTC, loadZone, type TimeZone } from './time/zone';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const INSTANT_EXPECTED = 'either number (ns) or [number (ns), string (tz)]';

/**
 * Nanosecond results cross opa-wasm's JSON boundary as JavaScript numbers, so values
 * beyond 2^53 (every current timestamp) are rounded to the nearest representable double.
 */
function toNumber(builtin: string, nanos: bigint): number {
  if (nanos < INT64_MIN || nanos > INT64_MAX)
    throw new BuiltinError(builtin, 'time outside of valid range');
  return Number(nanos);
}

interface ZonedInstant {
  nanos: bigint;
  zone: TimeZone;
  layout: string;
}

/** OPA's time argument: `ns`, `[ns, tz]` or (time.format) `[ns, tz, layout]`. */
function instantOperand(builtin: string, value: unknown): ZonedInstant {
  let nanosValue: unknown = value;
  let zone = UTC;
  let layout = '';
  if (Array.isArray(value)) {
    if (value.length === 0) throw BuiltinError.operandType(builtin, 1, INSTANT_EXPECTED, value);
    nanosValue = value[0];
    if (typeof nanosValue !== 'number')
      throw BuiltinError.operandType(builtin, 1, 'number', nanosValue);
    if (value.length > 1) {
      try {
        zone = loadZone(stringOperand(builtin, 1, value[1]));
      } catch (error) {
        if (error instanceof BuiltinError) throw error;
        throw new BuiltinError(builtin, (error as Error).message);
      }
    }
    if (value.length > 2) layout = stringOperand(builtin, 1, value[2]);
  } else if (typeof value !== 'number') {
    throw BuiltinError.operandType(builtin, 1, INSTANT_EXPECTED, value);
  }
  const number = nanosValue as number;
  if (!Number.isInteger(number)) throw new BuiltinError(builtin, 'timestamp too big');
  return { nanos: exactIntegerOf(number), zone, layout };
}

function civilOf(builtin: string, value: unknown): { time: CivilTime; instant: ZonedInstant } {
  const instant = instantOperand(builtin, value);
  return { time: toCivil(instant.nanos, instant.zone), instant };
}

/** Runs a Go-time helper, reporting its error as the built-in's error. */
function guarded<T>(builtin: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof BuiltinError) throw error;
    throw new BuiltinError(builtin, (error as Error).message);
  }
}

/** Years, months, … between two instants, as OPA's time.diff computes them (always non-negative). */
function calendarDifference(from: ZonedInstant, to: ZonedInstant): number[] {
  // Both instants are read in the first one's zone, earlier one first.
  const [early, late] = from.nanos <= to.nanos ? [from.nanos, to.nanos] : [to.nanos, from.nanos];
  const a = toCivil(early, from.zone);
  const b = toCivil(late, from.zone);
  let year = b.year - a.year;
  let month = b.month - a.month;
  let day = b.day - a.day;
  let hour = b.hour - a.hour;
  let minute = b.minute - a.minute;
  let second = b.second - a.second;
  if (second < 0) {
    second += 60;
    minute--;
  }
  if (minute < 0) {
    minute += 60;
    hour--;
  }
  if (hour < 0) {
    hour += 24;
    day--;
  }
  if (day < 0) {
    day += daysInMonth(a.year, a.month);
    month--;
  }
  if (month < 0) {
    month += 12;
    year--;
  }
  return [year, month, day, hour, minute, second];
}

/** Registers the time family. */
export function register(into: HostRegistry): void {
  // OPA answers one now_ns for the whole evaluation.
  define(into, 'time.now_ns', 0, () =>
    evaluationScoped('time.now_ns', () => Number(BigInt(Date.now()) * 1_000_000n)),
  );

  define(into, 'time.parse_ns', 2, (layout: unknown, value: unknown) => {
    const format = stringOperand('time.parse_ns', 1, layout);
    const text = stringOperand('time.parse_ns', 2, value);
    const nanos = guarded('time.parse_ns', () => parseTime(NAMED_LAYOUTS[format] ?? format, text));
    return toNumber('time.parse_ns', nanos);
  });

  define(into, 'time.parse_rfc3339_ns', 1, (value: unknown) => {
    const text = stringOperand('time.parse_rfc3339_ns', 1, value);
    const nanos = guarded('time.parse_rfc3339_ns', () => parseTime(NAMED_LAYOUTS.RFC3339, text));
    return toNumber('time.parse_rfc3339_ns', nanos);
  });

  define(into, 'time.parse_duration_ns', 1, (value: unknown) => {
    const text = stringOperand('time.parse_duration_ns', 1, value);
    return Number(guarded('time.parse_duration_ns', () => parseDuration(text)));
  });

  define(into, 'time.format', 1, (value: unknown) => {
    const { time, instant } = civilOf('time.format', value);
    const layout =
      instant.layout === ''
        ? NAMED_LAYOUTS.RFC3339Nano
        : (NAMED_LAYOUTS[instant.layout] ?? instant.layout);
    return formatTime(time, layout);
  });

  define(into, 'time.date', 1, (value: unknown) => {
    const { time } = civilOf('time.date', value);
    return [time.year, time.month, time.day];
  });

  define(into, 'time.clock', 1, (value: unknown) => {
    const { time } = civilOf('time.clock', value);
    return [time.hour, time.minute, time.second];
  });

  define(
    into,
    'time.weekday',
    1,
    (value: unknown) => LONG_DAYS[civilOf('time.weekday', value).time.weekday],
  );

  define(
    into,
    'time.add_date',
    4,
    (value: unknown, years: unknown, months: unknown, days: unknown) => {
      const { time, instant } = civilOf('time.add_date', value);
      const wall = {
        year: time.year + integerOperand('time.add_date', 2, years),
        month: time.month + integerOperand('time.add_date', 3, months),
        day: time.day + integerOperand('time.add_date', 4, days),
        hour: time.hour,
        minute: time.minute,
        second: time.second,
        nanosecond: time.nanosecond,
      };
      return toNumber('time.add_date', fromCivil(wall, instant.zone));
    },
  );

  define(into, 'time.diff', 2, (first: unknown, second: unknown) =>
    calendarDifference(instantOperand('time.diff', first), instantOperand('time.diff', second)),
  );
}
