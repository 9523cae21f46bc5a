/** Go's strconv.Quote / QuoteRune: printable characters stay, others become Go escapes. */
export function goQuote(text: string, quote: '"' | "'" = '"'): string {
  let out = quote;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (character === quote || character === '\\') out += `\\${character}`;
    else if (isPrintable(code)) out += character;
    else out += escapeCode(code);
  }
  return out + quote;
}

function escapeCode(code: number): string {
  switch (code) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code < 0x10000) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

// Approximates Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function isPrintable(code: number): boolean {
  if (code >= 0x20 && code < 0x7f) return true;
  return PRINTABLE.test(String.fromCodePoint(code));
}
