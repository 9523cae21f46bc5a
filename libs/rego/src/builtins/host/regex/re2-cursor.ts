import { PERL_CLASSES, POSIX_CLASSES, complementRanges, type CodeRange } from './char-ranges';
import { Re2SyntaxError } from './re2-syntax-error';

const UNICODE_CATEGORIES = new Set(
  'C Cc Cf Co Cs L Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs'.split(
    ' ',
  ),
);

/**
 * A position in an RE2 pattern plus the escape forms that read the same inside and
 * outside character classes (Perl classes, Unicode classes, character escapes, POSIX
 * classes). The translator builds on it.
 */
export class Re2Cursor {
  protected position = 0;
  protected readonly chars: string[];

  constructor(protected readonly pattern: string) {
    this.chars = [...pattern];
  }

  protected peek(offset = 0): string | undefined {
    return this.chars[this.position + offset];
  }

  /** \d \D \s \S \w \W as code ranges (already complemented for the upper-case forms). */
  protected classEscape(): { ranges: CodeRange[] } | undefined {
    const letter = this.peek();
    if (letter === undefined) return undefined;
    const base = PERL_CLASSES[letter.toLowerCase()];
    if (!base || !'dDsSwW'.includes(letter)) return undefined;
    this.position++;
    return { ranges: letter === letter.toUpperCase() ? complementRanges(base) : base };
  }

  /** \pL, \p{Greek}, \PL, \p{^Greek} as a JavaScript property escape; undefined if not one. */
  protected unicodeClassEscape(start: number): string | undefined {
    const letter = this.peek();
    if (letter !== 'p' && letter !== 'P') return undefined;
    this.position++;
    let name: string;
    if (this.peek() === '{') {
      const close = this.chars.indexOf('}', this.position);
      if (close < 0)
        throw new Re2SyntaxError('invalid character class range', this.chars.slice(start).join(''));
      name = this.chars.slice(this.position + 1, close).join('');
      this.position = close + 1;
    } else {
      const single = this.peek();
      if (single === undefined)
        throw new Re2SyntaxError('invalid character class range', this.chars.slice(start).join(''));
      name = single;
      this.position++;
    }
    let negated = letter === 'P';
    if (name.startsWith('^')) {
      negated = !negated;
      name = name.slice(1);
    }
    const property = unicodeProperty(name);
    if (!property)
      throw new Re2SyntaxError(
        'invalid character class range',
        this.chars.slice(start, this.position).join(''),
      );
    return `${negated ? '\\P' : '\\p'}{${property}}`;
  }

  /** A single-character escape (\n, \x41, \x{1F600}, \101, \.) as a code point. */
  protected characterEscape(start: number): number {
    const letter = this.chars[this.position++];
    const invalid = () =>
      new Re2SyntaxError(
        'invalid escape sequence',
        this.chars.slice(start, this.position).join(''),
      );
    switch (letter) {
      case 'a':
        return 7;
      case 'f':
        return 12;
      case 't':
        return 9;
      case 'n':
        return 10;
      case 'r':
        return 13;
      case 'v':
        return 11;
      case 'x': {
        if (this.peek() === '{') {
          const close = this.chars.indexOf('}', this.position);
          const hex = close < 0 ? '' : this.chars.slice(this.position + 1, close).join('');
          if (!/^[0-9A-Fa-f]{1,8}$/.test(hex) || parseInt(hex, 16) > 0x10ffff) {
            this.position = close < 0 ? this.chars.length : close + 1;
            throw invalid();
          }
          this.position = close + 1;
          return parseInt(hex, 16);
        }
        const hex = this.chars.slice(this.position, this.position + 2).join('');
        if (!/^[0-9A-Fa-f]{2}$/.test(hex)) throw invalid();
        this.position += 2;
        return parseInt(hex, 16);
      }
    }
    if (/[0-7]/.test(letter)) {
      // \1-\7 alone would be a backreference, which RE2 does not support.
      if (letter !== '0' && !/[0-7]/.test(this.peek() ?? '')) throw invalid();
      let octal = letter;
      while (octal.length < 3 && /[0-7]/.test(this.peek() ?? ''))
        octal += this.chars[this.position++];
      return parseInt(octal, 8);
    }
    const code = letter.codePointAt(0)!;
    if (code < 0x80 && !/[A-Za-z0-9]/.test(letter)) return code;
    throw invalid();
  }

  /** `[:alpha:]` / `[:^alpha:]` inside a class; undefined (nothing consumed) if this is not one. */
  protected posixClass(): CodeRange[] | undefined {
    const rest = this.chars.slice(this.position).join('');
    const match = /^\[:(\^?)([a-z]*):\]/.exec(rest);
    if (!match) return undefined;
    const ranges = POSIX_CLASSES[match[2]];
    if (!ranges) throw new Re2SyntaxError('invalid character class range', match[0]);
    this.position += match[0].length;
    return match[1] ? complementRanges(ranges) : ranges;
  }
}

/** The JavaScript property name for an RE2 Unicode class name, or undefined if unknown. */
function unicodeProperty(name: string): string | undefined {
  if (name === 'Any') return 'Any';
  const candidate = UNICODE_CATEGORIES.has(name) ? name : `Script=${name}`;
  try {
    new RegExp(`\\p{${candidate}}`, 'u');
    return candidate;
  } catch {
    return undefined;
  }
}
