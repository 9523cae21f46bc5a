/**
 * Text mutations of Rego sources. Each edit is a plain value (so fast-check can shrink a
 * failing sequence of edits) applied by `applyEdits`.
 */
import fc from 'fast-check';

/** Tokens and keywords worth inserting: each one reaches a different parser branch. */
export const REGO_FRAGMENTS = [
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '|',
  ',',
  ';',
  ':',
  ':=',
  '=',
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '.',
  '"',
  '`',
  '\\',
  '#',
  '\n',
  '\t',
  ' ',
  '_',
  '0',
  '1.5e3',
  '-0',
  '"\\u00e9"',
  '"\\ud800"',
  'x',
  'input',
  'data',
  'package ',
  'import ',
  'rego.v1',
  'future.keywords',
  ' if ',
  ' in ',
  ' contains ',
  'some ',
  'every ',
  'not ',
  ' with ',
  ' as ',
  'default ',
  ' else ',
  'null',
  'true',
  'false',
  'set()',
  'count(',
  'sum(',
  'walk(',
  'print(',
  'numbers.range(',
  'x := ',
  '[_]',
  '[x | ',
  '{k: v | ',
  '{x | ',
  '\u00a0',
  '\u2028',
  '\u0000',
  '😀',
];

export type Edit =
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'duplicate'; at: number; length: number }
  | { kind: 'splice'; at: number; donorAt: number; length: number }
  | { kind: 'swapLines'; first: number; second: number }
  | { kind: 'truncate'; at: number };

/** Positions are taken modulo the current length, so every edit applies to every text. */
export const editArbitrary: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...REGO_FRAGMENTS), fc.string({ maxLength: 3 })),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 16 }),
  }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(),
    length: fc.integer({ min: 1, max: 32 }),
  }),
  fc.record({
    kind: fc.constant('splice' as const),
    at: fc.nat(),
    donorAt: fc.nat(),
    length: fc.integer({ min: 1, max: 48 }),
  }),
  fc.record({ kind: fc.constant('swapLines' as const), first: fc.nat(), second: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

/** Applies `edits` in order; `donor` supplies the text a splice copies in. */
export function applyEdits(source: string, edits: readonly Edit[], donor: string): string {
  return edits.reduce((text, edit) => applyEdit(text, edit, donor), source);
}

function applyEdit(text: string, edit: Edit, donor: string): string {
  const position = (at: number): number => at % (text.length + 1);
  switch (edit.kind) {
    case 'insert': {
      const at = position(edit.at);
      return text.slice(0, at) + edit.text + text.slice(at);
    }
    case 'delete': {
      const at = position(edit.at);
      return text.slice(0, at) + text.slice(at + edit.length);
    }
    case 'duplicate': {
      const at = position(edit.at);
      return text.slice(0, at) + text.slice(at, at + edit.length) + text.slice(at);
    }
    case 'splice': {
      const at = position(edit.at);
      const from = edit.donorAt % (donor.length + 1);
      return text.slice(0, at) + donor.slice(from, from + edit.length) + text.slice(at);
    }
    case 'swapLines': {
      const lines = text.split('\n');
      const first = edit.first % lines.length;
      const second = edit.second % lines.length;
      [lines[first], lines[second]] = [lines[second], lines[first]];
      return lines.join('\n');
    }
    case 'truncate':
      return text.slice(0, position(edit.at));
  }
}
