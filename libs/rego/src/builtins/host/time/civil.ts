import type { TimeZone } from './zone';

export const NANOS_PER_SECOND = 1_000_000_000n;
const SECONDS_PER_DAY = 86_400;

/** Wall-clock fields of an instant in a zone, as Go's time.Time exposes them. */
export interface CivilTime {
  year: number;
  /** 1-12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  /** 0 = Sunday */
  weekday: number;
  /** 1-366 */
  yearDay: number;
  /** Seconds east of UTC. */
  offsetSeconds: number;
  /** Zone abbreviation (`UTC`, `EST`, or `` when the zone has none). */
  abbreviation: string;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const monthIndex = (month + 9) % 12;
  const dayOfYear = Math.floor((153 * monthIndex + 2) / 5) + day - 1;
  const dayOfEra =
    yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

/** The date of a day count since 1970-01-01. */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const shifted = days + 719468;
  const era = Math.floor(shifted / 146097);
  const dayOfEra = shifted - era * 146097;
  const yearOfEra = Math.floor(
    (dayOfEra -
      Math.floor(dayOfEra / 1460) +
      Math.floor(dayOfEra / 36524) -
      Math.floor(dayOfEra / 146096)) /
      365,
  );
  const dayOfYear =
    dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthIndex = Math.floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - Math.floor((153 * monthIndex + 2) / 5) + 1;
  const month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  return [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function floorDivide(value: bigint, divisor: bigint): [bigint, bigint] {
  let quotient = value / divisor;
  let remainder = value % divisor;
  if (remainder < 0n) {
    quotient -= 1n;
    remainder += divisor;
  }
  return [quotient, remainder];
}

/** The wall clock of `nanos` since the epoch in `zone`. */
export function toCivil(nanos: bigint, zone: TimeZone): CivilTime {
  const [seconds, nanosecond] = floorDivide(nanos, NANOS_PER_SECOND);
  const { offsetSeconds, abbreviation } = zone.offsetAt(Number(seconds));
  const local = Number(seconds) + offsetSeconds;
  const days = Math.floor(local / SECONDS_PER_DAY);
  const secondOfDay = local - days * SECONDS_PER_DAY;
  const date = civilFromDays(days);
  return {
    ...date,
    hour: Math.floor(secondOfDay / 3600),
    minute: Math.floor((secondOfDay % 3600) / 60),
    second: secondOfDay % 60,
    nanosecond: Number(nanosecond),
    weekday: (((days + 4) % 7) + 7) % 7,
    yearDay: days - daysFromCivil(date.year, 1, 1) + 1,
    offsetSeconds,
    abbreviation,
  };
}

/** Fields for fromCivil; out-of-range values normalise as in Go's time.Date (month 13 → next January). */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
}

/** The instant of a wall-clock time in `zone` (Go's time.Date, including normalisation). */
export function fromCivil(wall: WallClock, zone: TimeZone): bigint {
  const monthIndex = wall.month - 1;
  const year = wall.year + Math.floor(monthIndex / 12);
  const month = (((monthIndex % 12) + 12) % 12) + 1;
  const days = daysFromCivil(year, month, 1) + wall.day - 1;
  const localSeconds = days * SECONDS_PER_DAY + wall.hour * 3600 + wall.minute * 60 + wall.second;
  // Resolve the offset the way Go does: try the offset in effect just before and after.
  let offset = zone.offsetAt(localSeconds).offsetSeconds;
  const candidate = zone.offsetAt(localSeconds - offset).offsetSeconds;
  if (candidate !== offset) {
    const other = zone.offsetAt(localSeconds - candidate).offsetSeconds;
    offset = other === candidate ? candidate : offset;
  }
  return BigInt(localSeconds - offset) * NANOS_PER_SECOND + BigInt(wall.nanosecond);
}
