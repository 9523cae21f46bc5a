import type { CivilTime } from './civil';
import { layoutChunks, type StdElement } from './layout-chunks';

export const LONG_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
export const LONG_DAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

/** Go's named layouts that OPA accepts by name in time.format and time.parse_ns. */
export const NAMED_LAYOUTS: Record<string, string> = {
  ANSIC: 'Mon Jan _2 15:04:05 2006',
  UnixDate: 'Mon Jan _2 15:04:05 MST 2006',
  RubyDate: 'Mon Jan 02 15:04:05 -0700 2006',
  RFC822: '02 Jan 06 15:04 MST',
  RFC822Z: '02 Jan 06 15:04 -0700',
  RFC850: 'Monday, 02-Jan-06 15:04:05 MST',
  RFC1123: 'Mon, 02 Jan 2006 15:04:05 MST',
  RFC1123Z: 'Mon, 02 Jan 2006 15:04:05 -0700',
  RFC3339: '2006-01-02T15:04:05Z07:00',
  RFC3339Nano: '2006-01-02T15:04:05.999999999Z07:00',
};

const pad = (value: number, width: number, fill = '0') => {
  const text = String(Math.abs(value)).padStart(width, fill);
  return value < 0 ? `-${text}` : text;
};

/** Go's Time.Format. */
export function formatTime(time: CivilTime, layout: string): string {
  let out = '';
  for (const chunk of layoutChunks(layout)) {
    if (chunk.kind === 'literal') out += chunk.text;
    else if (chunk.std === 'fracSecond0' || chunk.std === 'fracSecond9') {
      out += formatFraction(
        time.nanosecond,
        chunk.digits!,
        chunk.std === 'fracSecond9',
        chunk.separator!,
      );
    } else out += formatElement(time, chunk.std);
  }
  return out;
}

function formatFraction(
  nanosecond: number,
  digits: number,
  trim: boolean,
  separator: string,
): string {
  let fraction = String(nanosecond).padStart(9, '0').slice(0, digits);
  if (trim) {
    fraction = fraction.replace(/0+$/, '');
    if (fraction === '') return '';
  }
  return separator + fraction;
}

function formatElement(time: CivilTime, std: StdElement): string {
  const hour12 = time.hour % 12 === 0 ? 12 : time.hour % 12;
  switch (std) {
    case 'longMonth':
      return LONG_MONTHS[time.month - 1];
    case 'month':
      return LONG_MONTHS[time.month - 1].slice(0, 3);
    case 'numMonth':
      return String(time.month);
    case 'zeroMonth':
      return pad(time.month, 2);
    case 'longWeekDay':
      return LONG_DAYS[time.weekday];
    case 'weekDay':
      return LONG_DAYS[time.weekday].slice(0, 3);
    case 'day':
      return String(time.day);
    case 'underDay':
      return pad(time.day, 2, ' ');
    case 'zeroDay':
      return pad(time.day, 2);
    case 'underYearDay':
      return pad(time.yearDay, 3, ' ');
    case 'zeroYearDay':
      return pad(time.yearDay, 3);
    case 'hour':
      return pad(time.hour, 2);
    case 'hour12':
      return String(hour12);
    case 'zeroHour12':
      return pad(hour12, 2);
    case 'minute':
      return String(time.minute);
    case 'zeroMinute':
      return pad(time.minute, 2);
    case 'second':
      return String(time.second);
    case 'zeroSecond':
      return pad(time.second, 2);
    case 'longYear':
      return pad(time.year, 4);
    case 'year':
      return pad(((time.year % 100) + 100) % 100, 2);
    case 'PM':
      return time.hour >= 12 ? 'PM' : 'AM';
    case 'pm':
      return time.hour >= 12 ? 'pm' : 'am';
    case 'tz':
      if (time.abbreviation) return time.abbreviation;
      return formatOffset(time.offsetSeconds, false, false, false);
    default:
      return formatZoneElement(time.offsetSeconds, std);
  }
}

function formatZoneElement(offsetSeconds: number, std: StdElement): string {
  const iso = std.startsWith('iso8601');
  if (iso && offsetSeconds === 0) return 'Z';
  const colon = std.includes('Colon');
  const seconds = std.includes('Seconds') || std === 'numSecondsTz';
  const short = std.includes('Short');
  return formatOffset(offsetSeconds, colon, seconds, short);
}

function formatOffset(
  offsetSeconds: number,
  colon: boolean,
  withSeconds: boolean,
  short: boolean,
): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const total = Math.abs(offsetSeconds);
  const hours = pad(Math.floor(total / 3600), 2);
  if (short) return sign + hours;
  const minutes = pad(Math.floor((total % 3600) / 60), 2);
  const separator = colon ? ':' : '';
  let text = sign + hours + separator + minutes;
  if (withSeconds) text += separator + pad(total % 60, 2);
  return text;
}
