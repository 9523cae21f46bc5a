import type { Diagnostic } from '../diagnostics/diagnostic';
import type { Location } from './location';
import { PUNCTUATION, type Token, type TokenKind } from './tokens';

export interface LexResult {
  tokens: Token[];
  diagnostics: Diagnostic[];
}

const DIGIT = /[0-9]/;
const IDENT_PART = /[\p{L}\p{N}_]/u;
// Sticky patterns match at `lastIndex` without copying the rest of the source.
const IDENT = /[\p{L}_][\p{L}\p{N}_]*/uy;
const NUMBER = /[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
const TWO_CHAR_PUNCTUATION = new Set(PUNCTUATION.filter((punct) => punct.length === 2));
const ONE_CHAR_PUNCTUATION = new Set(PUNCTUATION.filter((punct) => punct.length === 1));
const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/**
 * Splits Rego source into tokens. Never throws: a malformed token becomes an `illegal`
 * token plus a `rego_parse_error`, and the parser stops when it reaches it.
 */
export function tokenize(source: string, file: string): LexResult {
  return new Lexer(source, file).run();
}

class Lexer {
  private offset = 0;
  private line = 1;
  private lineStart = 0;
  private readonly tokens: Token[] = [];
  private readonly diagnostics: Diagnostic[] = [];

  constructor(
    private readonly source: string,
    private readonly file: string,
  ) {}

  run(): LexResult {
    for (;;) {
      const { newline, space } = this.skipTrivia();
      const start = this.here();
      if (this.offset >= this.source.length) {
        this.push('eof', '', start, newline, space);
        return { tokens: this.tokens, diagnostics: this.diagnostics };
      }
      this.lexToken(start, newline, space);
    }
  }

  private lexToken(start: Location, newline: boolean, space: boolean): void {
    const char = this.source[this.offset];
    if (char === '"') return this.lexString(start, newline, space);
    if (char === '`') return this.lexRawString(start, newline, space);
    if (DIGIT.test(char)) return this.lexNumber(start, newline, space);
    IDENT.lastIndex = this.offset;
    const ident = IDENT.exec(this.source);
    if (ident) {
      this.offset += ident[0].length;
      this.push('ident', ident[0], start, newline, space);
      return;
    }
    const pair = this.source.slice(this.offset, this.offset + 2);
    const punct = TWO_CHAR_PUNCTUATION.has(pair)
      ? pair
      : ONE_CHAR_PUNCTUATION.has(char)
        ? char
        : null;
    if (punct) {
      this.offset += punct.length;
      this.push('punct', punct, start, newline, space);
      return;
    }
    const codePoint = this.source.codePointAt(this.offset) ?? 0;
    const text = String.fromCodePoint(codePoint);
    this.offset += text.length;
    this.fail(start, `illegal token '${text}'`);
    this.push('illegal', text, start, newline, space);
  }

  /** JSON number syntax; a leading sign is a separate token folded by the parser. */
  private lexNumber(start: Location, newline: boolean, space: boolean): void {
    NUMBER.lastIndex = this.offset;
    const match = NUMBER.exec(this.source);
    const text = match ? match[0] : this.source[this.offset];
    this.offset += text.length;
    const trailing = this.source[this.offset];
    if (
      /^0[0-9]/.test(text) ||
      (trailing !== undefined && (IDENT_PART.test(trailing) || trailing === '.'))
    ) {
      // `01`, `1.`, `1x`: OPA rejects these rather than splitting them into two tokens.
      while (this.offset < this.source.length && /[\p{L}\p{N}_.]/u.test(this.source[this.offset]))
        this.offset++;
      this.fail(start, `invalid number '${this.source.slice(start.offset, this.offset)}'`);
      this.push('illegal', this.source.slice(start.offset, this.offset), start, newline, space);
      return;
    }
    this.push('number', text, start, newline, space);
  }

  private lexString(start: Location, newline: boolean, space: boolean): void {
    this.offset++; // opening quote
    let value = '';
    for (;;) {
      if (this.offset >= this.source.length || this.source[this.offset] === '\n') {
        this.fail(start, 'non-terminated string');
        this.push('illegal', this.source.slice(start.offset, this.offset), start, newline, space);
        return;
      }
      const char = this.source[this.offset];
      if (char === '"') {
        this.offset++;
        break;
      }
      if (char !== '\\') {
        value += char;
        this.offset++;
        continue;
      }
      const escaped = this.readEscape();
      if (escaped === null) {
        this.fail(this.here(), 'illegal escape sequence in string');
        this.skipToStringEnd();
        this.push('illegal', this.source.slice(start.offset, this.offset), start, newline, space);
        return;
      }
      value += escaped;
    }
    this.push('string', this.source.slice(start.offset, this.offset), start, newline, space, value);
  }

  /** Reads one escape at the backslash; `\uXXXX` halves of a surrogate pair join naturally in UTF-16. */
  private readEscape(): string | null {
    const kind = this.source[this.offset + 1];
    if (kind !== undefined && kind in SIMPLE_ESCAPES) {
      this.offset += 2;
      return SIMPLE_ESCAPES[kind];
    }
    if (kind === 'u') {
      const hex = this.source.slice(this.offset + 2, this.offset + 6);
      if (/^[0-9a-fA-F]{4}$/.test(hex)) {
        this.offset += 6;
        return String.fromCharCode(parseInt(hex, 16));
      }
    }
    return null;
  }

  private skipToStringEnd(): void {
    while (
      this.offset < this.source.length &&
      this.source[this.offset] !== '"' &&
      this.source[this.offset] !== '\n'
    ) {
      this.offset += this.source[this.offset] === '\\' ? 2 : 1;
    }
    if (this.source[this.offset] === '"') this.offset++;
  }

  private lexRawString(start: Location, newline: boolean, space: boolean): void {
    const close = this.source.indexOf('`', this.offset + 1);
    if (close < 0) {
      this.fail(start, 'non-terminated raw string');
      this.advanceTo(this.source.length);
      this.push('illegal', this.source.slice(start.offset), start, newline, space);
      return;
    }
    const value = this.source.slice(this.offset + 1, close);
    this.advanceTo(close + 1);
    this.push('string', this.source.slice(start.offset, this.offset), start, newline, space, value);
  }

  /** Moves to `target`, keeping line bookkeeping right across line breaks (raw strings). */
  private advanceTo(target: number): void {
    while (this.offset < target) {
      if (this.source[this.offset] === '\n') {
        this.line++;
        this.lineStart = this.offset + 1;
      }
      this.offset++;
    }
  }

  private skipTrivia(): { newline: boolean; space: boolean } {
    let newline = false;
    let space = false;
    while (this.offset < this.source.length) {
      const char = this.source[this.offset];
      if (char === '\n') {
        newline = true;
        space = true;
        this.offset++;
        this.line++;
        this.lineStart = this.offset;
      } else if (char === ' ' || char === '\t' || char === '\r') {
        space = true;
        this.offset++;
      } else if (char === '#') {
        space = true;
        while (this.offset < this.source.length && this.source[this.offset] !== '\n') this.offset++;
      } else {
        break;
      }
    }
    return { newline, space };
  }

  private here(): Location {
    return {
      file: this.file,
      line: this.line,
      col: this.offset - this.lineStart + 1,
      offset: this.offset,
    };
  }

  private push(
    kind: TokenKind,
    text: string,
    start: Location,
    newline: boolean,
    space: boolean,
    value?: string,
  ): void {
    const token: Token = {
      kind,
      text,
      location: { ...start, end: this.offset },
      newlineBefore: newline,
      spaceBefore: space,
    };
    if (value !== undefined) token.value = value;
    this.tokens.push(token);
  }

  private fail(location: Location, message: string): void {
    this.diagnostics.push({ code: 'rego_parse_error', message, location, severity: 'error' });
  }
}
