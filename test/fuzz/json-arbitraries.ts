/**
 * Byte inputs for the Wasm runtime's JSON parser: arbitrary bytes, valid JSON (including
 * every Unicode string unit, so escapes and multi-byte UTF-8 appear), JSON with byte-level
 * mutations, and "token soup" from the alphabet JSON is written in plus its lookalikes
 * (other whitespace, `+`, leading zeros, lone surrogate escapes, control characters).
 */
import fc from 'fast-check';

const encoder = new TextEncoder();

const validJsonText = fc.oneof(
  fc.json({ maxDepth: 4 }),
  fc.json({ maxDepth: 3, stringUnit: 'binary' }),
  fc.json({ maxDepth: 2, stringUnit: 'grapheme' }),
  fc.oneof(fc.double(), fc.integer(), fc.bigInt()).map((number) => String(number)),
);

/** Pieces JSON is made of, and the near misses a lenient parser would let through. */
const JSON_PIECES = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  ' ',
  '\t',
  '\n',
  '\r',
  '\v',
  '\f',
  '\u00a0',
  '\ufeff',
  '0',
  '1',
  '9',
  '-',
  '+',
  '.',
  'e',
  'E',
  '00',
  '01',
  '1.',
  '.5',
  '1e',
  '1e+',
  '-0',
  '1e999',
  '123456789012345678901234567890',
  'true',
  'false',
  'null',
  'tru',
  'nul',
  'NaN',
  'Infinity',
  '"a"',
  '"\\u0041"',
  '"\\ud83d\\ude00"',
  '"\\ud800"',
  '"\\udc00"',
  '"\\u00"',
  '"\\x41"',
  '"\\/"',
  '"\\b\\f\\n\\r\\t"',
  '"\u0001"',
  '"\u007f"',
  '"é"',
  '"😀"',
  "'a'",
  '//',
  '/*',
  '#',
];

const tokenSoup = fc
  .array(fc.constantFrom(...JSON_PIECES), { maxLength: 24 })
  .map((pieces) => encoder.encode(pieces.join('')));

/** A byte edit: insert random bytes, delete, or overwrite one byte. */
const byteEdit = fc.tuple(fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 }), fc.nat(2));

const mutatedJson = fc
  .tuple(validJsonText, fc.array(byteEdit, { minLength: 1, maxLength: 3 }))
  .map(([text, edits]) =>
    edits.reduce((bytes, [position, noise, kind]) => {
      const at = position % (bytes.length + 1);
      if (kind === 0) return Uint8Array.from([...bytes.slice(0, at), ...noise, ...bytes.slice(at)]);
      if (kind === 1) return Uint8Array.from([...bytes.slice(0, at), ...bytes.slice(at + 1)]);
      const copy = bytes.slice();
      if (at < copy.length) copy[at] = noise[0];
      return copy;
    }, encoder.encode(text)),
  );

export const jsonBytesArbitrary: fc.Arbitrary<Uint8Array> = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  validJsonText.map((text) => encoder.encode(text)),
  mutatedJson,
  tokenSoup,
);
