import { goQuote } from '../format/go-quote';
import { daysFromCivil, daysInMonth, fromCivil, type WallClock } from './civil';
import { LONG_DAYS, LONG_MONTHS } from './go-time-format';
import { layoutChunks, type LayoutChunk } from './layout-chunks';
import { UTC, fixedZone } from './zone';

/** A value that does not fit the layout; the message follows Go's time.ParseError. */
export class TimeParseError extends Error {}

interface ParseState {
  year: number;
  month: number;
  day: number;
  yearDay: number;
  hour: number;
  minute: number;
  second: number;
  nanosecond: number;
  pm?: boolean;
  offsetSeconds?: number;
  zoneAbbreviation?: string;
}

/** Go's time.Parse(layout, value) as nanoseconds since the epoch; no zone in the value means UTC. */
export function parseTime(layout: string, value: string): bigint {
  const chunks = layoutChunks(layout);
  const state: ParseState = {
    year: 0,
    month: -1,
    day: -1,
    yearDay: -1,
    hour: 0,
    minute: 0,
    second: 0,
    nanosecond: 0,
  };
  let rest = value;
  const cannotParse = (element: string) =>
    new TimeParseError(
      `parsing time ${goQuote(value)} as ${goQuote(layout)}: cannot parse ${goQuote(rest)} as ${goQuote(element)}`,
    );
  const outOfRange = (what: string) =>
    new TimeParseError(`parsing time ${goQuote(value)}: ${what} out of range`);

  for (let index = 0; index < chunks.length; index++) {
    const chunk = chunks[index];
    if (chunk.kind === 'literal') {
      const after = skipLiteral(rest, chunk.text);
      if (after === undefined) throw cannotParse(chunk.text);
      rest = after;
      continue;
    }
    const before = rest;
    const consumed = parseElement(chunk, rest, state, chunks[index + 1]);
    if (consumed === undefined) throw cannotParse(chunk.text);
    if (typeof consumed === 'string') throw outOfRange(consumed);
    rest = before.slice(consumed);
  }
  if (rest !== '')
    throw new TimeParseError(`parsing time ${goQuote(value)}: extra text: ${goQuote(rest)}`);
  return resolve(state, value);
}

function resolve(state: ParseState, value: string): bigint {
  const outOfRange = (what: string) =>
    new TimeParseError(`parsing time ${goQuote(value)}: ${what} out of range`);
  if (state.pm === true && state.hour < 12) state.hour += 12;
  else if (state.pm === false && state.hour === 12) state.hour = 0;
  if (state.yearDay >= 0) {
    const leap = daysInMonth(state.year, 2) === 29;
    if (state.yearDay < 1 || state.yearDay > (leap ? 366 : 365)) throw outOfRange('day-of-year');
    const days = daysFromCivil(state.year, 1, 1) + state.yearDay - 1;
    const date = new Date(days * 86_400_000);
    const month = date.getUTCMonth() + 1;
    const day = date.getUTCDate();
    if ((state.month >= 0 && state.month !== month) || (state.day >= 0 && state.day !== day)) {
      throw outOfRange('day-of-year');
    }
    state.month = month;
    state.day = day;
  }
  if (state.month < 0) state.month = 1;
  if (state.day < 0) state.day = 1;
  if (state.day > daysInMonth(state.year, state.month)) throw outOfRange('day');
  const wall: WallClock = {
    year: state.year,
    month: state.month,
    day: state.day,
    hour: state.hour,
    minute: state.minute,
    second: state.second,
    nanosecond: state.nanosecond,
  };
  const zone = state.offsetSeconds === undefined ? UTC : fixedZone(state.offsetSeconds);
  return fromCivil(wall, zone);
}

/** Go's skip: the literal must match, except that a run of spaces matches any run of spaces. */
function skipLiteral(value: string, literal: string): string | undefined {
  let rest = value;
  let index = 0;
  while (index < literal.length) {
    if (literal[index] === ' ') {
      if (rest.length > 0 && rest[0] !== ' ') return undefined;
      while (index < literal.length && literal[index] === ' ') index++;
      rest = rest.replace(/^ +/, '');
      continue;
    }
    if (rest[0] !== literal[index]) return undefined;
    rest = rest.slice(1);
    index++;
  }
  return rest;
}

/** Leading digits: exactly `width` when fixed, else 1..width. */
function number(rest: string, width: number, fixed: boolean): [number, number] | undefined {
  const digits = new RegExp(`^[0-9]{${fixed ? width : 1},${width}}`).exec(rest);
  return digits ? [Number(digits[0]), digits[0].length] : undefined;
}

function lookupName(rest: string, names: string[]): [number, number] | undefined {
  const lower = rest.toLowerCase();
  const index = names.findIndex((name) => lower.startsWith(name.toLowerCase()));
  return index < 0 ? undefined : [index, names[index].length];
}

/**
 * Parses one element at the start of `rest`: the number of characters it took, a
 * range error word (`"month"`), or undefined when the text does not fit.
 */
function parseElement(
  chunk: Extract<LayoutChunk, { kind: 'std' }>,
  rest: string,
  state: ParseState,
  next: LayoutChunk | undefined,
): number | string | undefined {
  const ranged = (
    parsed: [number, number] | undefined,
    low: number,
    high: number,
    what: string,
    set: (n: number) => void,
  ) => {
    if (!parsed) return undefined;
    if (parsed[0] < low || parsed[0] > high) return what;
    set(parsed[0]);
    return parsed[1];
  };
  switch (chunk.std) {
    case 'longYear': {
      const parsed = number(rest, 4, true);
      if (!parsed) return undefined;
      state.year = parsed[0];
      return 4;
    }
    case 'year': {
      const parsed = number(rest, 2, true);
      if (!parsed) return undefined;
      state.year = parsed[0] >= 69 ? 1900 + parsed[0] : 2000 + parsed[0];
      return 2;
    }
    case 'longMonth':
    case 'month': {
      const names =
        chunk.std === 'month' ? LONG_MONTHS.map((name) => name.slice(0, 3)) : LONG_MONTHS;
      const found = lookupName(rest, names);
      if (!found) return undefined;
      state.month = found[0] + 1;
      return found[1];
    }
    case 'numMonth':
    case 'zeroMonth':
      return ranged(
        number(rest, 2, chunk.std === 'zeroMonth'),
        1,
        12,
        'month',
        (n) => (state.month = n),
      );
    case 'longWeekDay':
    case 'weekDay': {
      const names = chunk.std === 'weekDay' ? LONG_DAYS.map((name) => name.slice(0, 3)) : LONG_DAYS;
      return lookupName(rest, names)?.[1];
    }
    case 'day':
    case 'underDay':
    case 'zeroDay': {
      const skipped = chunk.std === 'underDay' && rest.startsWith(' ') ? 1 : 0;
      const taken = ranged(
        number(rest.slice(skipped), 2, chunk.std === 'zeroDay'),
        1,
        31,
        'day',
        (n) => (state.day = n),
      );
      return typeof taken === 'number' ? taken + skipped : taken;
    }
    case 'underYearDay':
    case 'zeroYearDay': {
      const leading = chunk.std === 'underYearDay' ? /^ {0,2}/.exec(rest)![0].length : 0;
      const parsed = number(rest.slice(leading), 3, chunk.std === 'zeroYearDay');
      if (!parsed) return undefined;
      state.yearDay = parsed[0];
      return parsed[1] + leading;
    }
    case 'hour':
      return ranged(number(rest, 2, false), 0, 23, 'hour', (n) => (state.hour = n));
    case 'hour12':
    case 'zeroHour12':
      return ranged(
        number(rest, 2, chunk.std === 'zeroHour12'),
        0,
        12,
        'hour',
        (n) => (state.hour = n),
      );
    case 'minute':
    case 'zeroMinute':
      return ranged(
        number(rest, 2, chunk.std === 'zeroMinute'),
        0,
        59,
        'minute',
        (n) => (state.minute = n),
      );
    case 'second':
    case 'zeroSecond': {
      const taken = ranged(
        number(rest, 2, chunk.std === 'zeroSecond'),
        0,
        59,
        'second',
        (n) => (state.second = n),
      );
      if (typeof taken !== 'number') return taken;
      // Go accepts a fractional second after the seconds even when the layout has none.
      const nextIsFraction =
        next?.kind === 'std' && (next.std === 'fracSecond0' || next.std === 'fracSecond9');
      const fraction = /^[.,][0-9]+/.exec(rest.slice(taken));
      if (fraction && !nextIsFraction) {
        state.nanosecond = nanosecondsOf(fraction[0].slice(1));
        return taken + fraction[0].length;
      }
      return taken;
    }
    case 'PM':
    case 'pm': {
      const marker = rest.slice(0, 2);
      const expected = chunk.std === 'PM' ? ['AM', 'PM'] : ['am', 'pm'];
      if (!expected.includes(marker)) return undefined;
      state.pm = marker === expected[1];
      return 2;
    }
    case 'fracSecond0': {
      const fraction = new RegExp(`^[.,][0-9]{${chunk.digits}}`).exec(rest);
      if (!fraction || /[0-9]/.test(rest[fraction[0].length] ?? '')) return undefined;
      state.nanosecond = nanosecondsOf(fraction[0].slice(1));
      return fraction[0].length;
    }
    case 'fracSecond9': {
      const fraction = /^[.,][0-9]+/.exec(rest);
      if (!fraction) return 0; // optional in the value
      state.nanosecond = nanosecondsOf(fraction[0].slice(1));
      return fraction[0].length;
    }
    case 'tz':
      return parseZoneAbbreviation(rest, state);
    default:
      return parseOffset(chunk.std, rest, state);
  }
}

function nanosecondsOf(digits: string): number {
  return Number(digits.slice(0, 9).padEnd(9, '0'));
}

function parseZoneAbbreviation(rest: string, state: ParseState): number | undefined {
  if (rest.startsWith('UTC')) {
    state.offsetSeconds = 0;
    return 3;
  }
  const gmt = /^GMT([+-]\d{1,2})?/.exec(rest);
  if (gmt) {
    state.offsetSeconds = gmt[1] ? Number(gmt[1]) * 3600 : 0;
    return gmt[0].length;
  }
  const name = /^[A-Z]{3,5}/.exec(rest);
  if (!name) return undefined;
  // Go only knows the offsets of the local zone's abbreviations; elsewhere it records offset 0.
  state.zoneAbbreviation = name[0];
  state.offsetSeconds = 0;
  return name[0].length;
}

function parseOffset(std: string, rest: string, state: ParseState): number | string | undefined {
  if (std.startsWith('iso8601') && rest.startsWith('Z')) {
    state.offsetSeconds = 0;
    return 1;
  }
  const colon = std.includes('Colon');
  const short = std.includes('Short');
  const seconds = std.includes('Seconds') || std === 'numSecondsTz';
  const separator = colon ? ':' : '';
  const pattern = short
    ? /^([+-])(\d{2})/
    : new RegExp(`^([+-])(\\d{2})${separator}(\\d{2})${seconds ? `${separator}(\\d{2})` : ''}`);
  const match = pattern.exec(rest);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? 0);
  const secs = Number(match[4] ?? 0);
  if (hours > 24 || minutes > 59 || secs > 59) return 'time zone offset';
  state.offsetSeconds = (match[1] === '-' ? -1 : 1) * (hours * 3600 + minutes * 60 + secs);
  return match[0].length;
}
