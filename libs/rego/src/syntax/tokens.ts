import type { Location } from './location';

/**
 * Token kinds. Punctuation and operators share the `punct` kind and are told apart by
 * `text`; keywords are lexed as identifiers because whether a word is a keyword depends on
 * the Rego version and on `future.keywords` imports, which only the parser knows.
 */
export type TokenKind = 'ident' | 'number' | 'string' | 'punct' | 'eof' | 'illegal';

export interface Token {
  kind: TokenKind;
  /** The source text of the token (for strings: including the quotes). */
  text: string;
  /** Decoded string value for `string` tokens. */
  value?: string;
  location: Location;
  /** A line break (or a comment, which ends at one) separates this token from the previous one. */
  newlineBefore: boolean;
  /** Any whitespace or comment separates this token from the previous one; `a [x]` is not a ref. */
  spaceBefore: boolean;
}

/** Multi-character operators first so that the lexer takes the longest match. */
export const PUNCTUATION: readonly string[] = [
  ':=',
  '==',
  '!=',
  '<=',
  '>=',
  '{',
  '}',
  '[',
  ']',
  '(',
  ')',
  '.',
  ',',
  ';',
  ':',
  '=',
  '<',
  '>',
  '+',
  '-',
  '*',
  '/',
  '%',
  '&',
  '|',
];

/** Words that are keywords in every Rego version. */
export const ALWAYS_KEYWORDS: ReadonlySet<string> = new Set([
  'as',
  'default',
  'else',
  'false',
  'import',
  'not',
  'null',
  'package',
  'some',
  'true',
  'with',
]);

/** Keywords of Rego v1 that v0 only knows after `import future.keywords[.<kw>]`. */
export const FUTURE_KEYWORDS: readonly string[] = ['if', 'contains', 'in', 'every'];

/** How a token is named in "unexpected … token" messages, as OPA names them. */
export function describeToken(token: Token): string {
  switch (token.kind) {
    case 'eof':
      return 'eof';
    case 'ident':
      return 'ident';
    case 'number':
      return 'number';
    case 'string':
      return 'string';
    case 'illegal':
      return 'illegal';
    default:
      return token.text === ':=' ? 'assign' : token.text;
  }
}
