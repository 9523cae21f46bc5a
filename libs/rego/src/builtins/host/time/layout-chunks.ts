/** One element of a Go time layout ("2006-01-02T15:04:05Z07:00"). */
export type LayoutChunk =
  | { kind: 'literal'; text: string }
  | { kind: 'std'; std: StdElement; text: string; digits?: number; separator?: string };

export type StdElement =
  | 'longMonth'
  | 'month'
  | 'numMonth'
  | 'zeroMonth'
  | 'longWeekDay'
  | 'weekDay'
  | 'day'
  | 'underDay'
  | 'zeroDay'
  | 'underYearDay'
  | 'zeroYearDay'
  | 'hour'
  | 'hour12'
  | 'zeroHour12'
  | 'minute'
  | 'zeroMinute'
  | 'second'
  | 'zeroSecond'
  | 'longYear'
  | 'year'
  | 'PM'
  | 'pm'
  | 'tz'
  | 'iso8601TZ'
  | 'iso8601SecondsTZ'
  | 'iso8601ShortTZ'
  | 'iso8601ColonTZ'
  | 'iso8601ColonSecondsTZ'
  | 'numTZ'
  | 'numSecondsTz'
  | 'numShortTZ'
  | 'numColonTZ'
  | 'numColonSecondsTZ'
  | 'fracSecond0'
  | 'fracSecond9';

// Longest spellings first: Go tries "January" before "Jan", "-07:00:00" before "-07".
const PREFIXED: Array<[string, StdElement]> = [
  ['January', 'longMonth'],
  ['Jan', 'month'],
  ['Monday', 'longWeekDay'],
  ['Mon', 'weekDay'],
  ['MST', 'tz'],
  ['002', 'zeroYearDay'],
  ['01', 'zeroMonth'],
  ['02', 'zeroDay'],
  ['03', 'zeroHour12'],
  ['04', 'zeroMinute'],
  ['05', 'zeroSecond'],
  ['06', 'year'],
  ['15', 'hour'],
  ['1', 'numMonth'],
  ['2006', 'longYear'],
  ['2', 'day'],
  ['__2', 'underYearDay'],
  ['_2', 'underDay'],
  ['3', 'hour12'],
  ['4', 'minute'],
  ['5', 'second'],
  ['PM', 'PM'],
  ['pm', 'pm'],
  ['-07:00:00', 'numColonSecondsTZ'],
  ['-070000', 'numSecondsTz'],
  ['-07:00', 'numColonTZ'],
  ['-0700', 'numTZ'],
  ['-07', 'numShortTZ'],
  ['Z07:00:00', 'iso8601ColonSecondsTZ'],
  ['Z070000', 'iso8601SecondsTZ'],
  ['Z07:00', 'iso8601ColonTZ'],
  ['Z0700', 'iso8601TZ'],
  ['Z07', 'iso8601ShortTZ'],
];

/** Splits a layout into literals and standard elements, following Go's nextStdChunk. */
export function layoutChunks(layout: string): LayoutChunk[] {
  const chunks: LayoutChunk[] = [];
  let literal = '';
  let index = 0;
  const flush = () => {
    if (literal) chunks.push({ kind: 'literal', text: literal });
    literal = '';
  };
  while (index < layout.length) {
    const rest = layout.slice(index);
    const fraction = /^[.,](0+|9+)/.exec(rest);
    if (fraction && !/[0-9]/.test(rest[fraction[0].length] ?? '')) {
      flush();
      chunks.push({
        kind: 'std',
        std: fraction[1][0] === '0' ? 'fracSecond0' : 'fracSecond9',
        text: fraction[0],
        digits: fraction[1].length,
        separator: rest[0],
      });
      index += fraction[0].length;
      continue;
    }
    const found = PREFIXED.find(([text]) => rest.startsWith(text) && acceptable(text, rest));
    if (found) {
      flush();
      chunks.push({ kind: 'std', std: found[1], text: found[0] });
      index += found[0].length;
      continue;
    }
    literal += layout[index];
    index++;
  }
  flush();
  return chunks;
}

/** Go's context rules: "Jan"/"Mon" must not run into a lower-case letter, "_2" not into "006". */
function acceptable(text: string, rest: string): boolean {
  const next = rest[text.length] ?? '';
  if ((text === 'Jan' || text === 'Mon') && /[a-z]/.test(next)) return false;
  if (text === '_2' && rest.startsWith('_2006')) return false;
  return true;
}
