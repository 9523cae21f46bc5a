/** Inclusive code point ranges, used to build character classes for the RE2 translation. */
export type CodeRange = [number, number];

export const MAX_CODE_POINT = 0x10ffff;

/** Sorts and merges overlapping or adjacent ranges. */
export function normalizeRanges(ranges: CodeRange[]): CodeRange[] {
  const sorted = ranges.map(([lo, hi]) => [lo, hi] as CodeRange).sort((a, b) => a[0] - b[0]);
  const merged: CodeRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1] + 1) last[1] = Math.max(last[1], range[1]);
    else merged.push(range);
  }
  return merged;
}

/** The code points not in `ranges`. */
export function complementRanges(ranges: CodeRange[]): CodeRange[] {
  const result: CodeRange[] = [];
  let next = 0;
  for (const [lo, hi] of normalizeRanges(ranges)) {
    if (lo > next) result.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) result.push([next, MAX_CODE_POINT]);
  return result;
}

/** Adds the other-case forms of every letter in the ranges (simple case folding, as (?i) needs). */
export function withCaseVariants(ranges: CodeRange[]): CodeRange[] {
  const extra: CodeRange[] = [];
  for (const [lo, hi] of ranges) {
    // Huge ranges already hold both cases of what they contain in practice; skip the walk.
    if (hi - lo > 0x4000) continue;
    for (let code = lo; code <= hi; code++) {
      for (const variant of caseVariants(code)) extra.push([variant, variant]);
    }
  }
  return normalizeRanges([...ranges, ...extra]);
}

/** The other single-code-point case forms of a character. */
export function caseVariants(code: number): number[] {
  const character = String.fromCodePoint(code);
  const variants = new Set<number>();
  for (const form of [character.toLowerCase(), character.toUpperCase()]) {
    const forms = [...form];
    if (forms.length === 1 && forms[0].codePointAt(0) !== code)
      variants.add(forms[0].codePointAt(0)!);
  }
  // Kelvin sign and long s fold onto ASCII letters in RE2 as in Unicode simple folding.
  if (code === 0x6b || code === 0x4b) variants.add(0x212a);
  if (code === 0x73 || code === 0x53) variants.add(0x17f);
  return [...variants];
}

/** A code point written so it is valid anywhere in a `u`-mode JavaScript pattern. */
export function escapeCodePoint(code: number): string {
  const character = String.fromCodePoint(code);
  return /[A-Za-z0-9_]/.test(character) ? character : `\\u{${code.toString(16)}}`;
}

/** Ranges as the body of a JavaScript character class. */
export function rangesToClassBody(ranges: CodeRange[]): string {
  return ranges
    .map(([lo, hi]) =>
      lo === hi ? escapeCodePoint(lo) : `${escapeCodePoint(lo)}-${escapeCodePoint(hi)}`,
    )
    .join('');
}

const range = (from: string, to: string): CodeRange => [from.codePointAt(0)!, to.codePointAt(0)!];
const single = (character: string): CodeRange => range(character, character);

/** RE2's Perl classes (\d, \s, \w) — ASCII only, unlike JavaScript's \s. */
export const PERL_CLASSES: Record<string, CodeRange[]> = {
  d: [range('0', '9')],
  s: [single('\t'), single('\n'), single('\f'), single('\r'), single(' ')],
  w: [range('0', '9'), range('A', 'Z'), range('a', 'z'), single('_')],
};

/** RE2's POSIX classes (`[[:alpha:]]`), all ASCII. */
export const POSIX_CLASSES: Record<string, CodeRange[]> = {
  alnum: [range('0', '9'), range('A', 'Z'), range('a', 'z')],
  alpha: [range('A', 'Z'), range('a', 'z')],
  ascii: [[0, 0x7f]],
  blank: [single('\t'), single(' ')],
  cntrl: [
    [0, 0x1f],
    [0x7f, 0x7f],
  ],
  digit: [range('0', '9')],
  graph: [range('!', '~')],
  lower: [range('a', 'z')],
  print: [range(' ', '~')],
  punct: [range('!', '/'), range(':', '@'), range('[', '`'), range('{', '~')],
  space: [single('\t'), single('\n'), single('\v'), single('\f'), single('\r'), single(' ')],
  upper: [range('A', 'Z')],
  word: [range('0', '9'), range('A', 'Z'), range('a', 'z'), single('_')],
  xdigit: [range('0', '9'), range('A', 'F'), range('a', 'f')],
};
