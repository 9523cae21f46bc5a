import { parseIp } from '../net/ip-address';
import { compileRegex } from '../regex/compiled-regex';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

function validDate(text: string): boolean {
  const match = DATE.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

function validTime(text: string): boolean {
  const match = TIME.exec(text);
  return !!match && Number(match[1]) < 24 && Number(match[2]) < 60 && Number(match[3]) < 61;
}

/** Format checkers gojsonschema applies to strings; unknown formats always pass. */
export const FORMAT_CHECKS: Record<string, (text: string) => boolean> = {
  'date-time': (text) => {
    const split = text.search(/[Tt ]/);
    return split > 0 && validDate(text.slice(0, split)) && validTime(text.slice(split + 1));
  },
  date: validDate,
  time: validTime,
  email: (text) => /^[^@\s]+@[^@\s]+$/.test(text),
  hostname: (text) =>
    text.length <= 255 &&
    /^(?=.{1,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\.?$/.test(
      text,
    ),
  ipv4: (text) => parseIp(text)?.bits === 32 && !text.includes(':'),
  ipv6: (text) => text.includes(':') && parseIp(text) !== undefined,
  uri: (text) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s]*$/.test(text),
  'uri-reference': (text) => !/\s/.test(text),
  uuid: (text) =>
    /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(text),
  regex: (text) => {
    try {
      compileRegex(text);
      return true;
    } catch {
      return false;
    }
  },
  'json-pointer': (text) => text === '' || /^(\/([^~/]|~[01])*)+$/.test(text),
};
