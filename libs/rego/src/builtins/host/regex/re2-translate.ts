import {
  escapeCodePoint,
  normalizeRanges,
  rangesToClassBody,
  withCaseVariants,
  type CodeRange,
} from './char-ranges';
import { Re2Cursor } from './re2-cursor';
import { Re2SyntaxError } from './re2-syntax-error';

/** The JavaScript equivalent of an RE2 pattern. */
export interface TranslatedPattern {
  source: string;
  /** Always `u`: RE2 works on code points. */
  flags: string;
  /** Names of capture groups by 1-based index (undefined for unnamed groups). */
  groupNames: Array<string | undefined>;
}

interface Flags {
  caseInsensitive: boolean;
  multiLine: boolean;
  dotAll: boolean;
  ungreedy: boolean;
}

const MAX_REPEAT = 1000;

/**
 * Translates Go RE2 syntax to an equivalent JavaScript (`u`-mode) pattern, rejecting
 * what RE2 rejects (lookaround, backreferences, bad repeats) with Go's messages. Flags
 * (?i) (?m) (?s) (?U) are applied while translating, so scoped flags work too.
 */
export function translateRe2(pattern: string): TranslatedPattern {
  return new Re2Translator(pattern).translate();
}

class Re2Translator extends Re2Cursor {
  private flags: Flags = {
    caseInsensitive: false,
    multiLine: false,
    dotAll: false,
    ungreedy: false,
  };
  private readonly groupNames: Array<string | undefined> = [];

  translate(): TranslatedPattern {
    const source = this.alternation(0);
    if (this.position < this.chars.length) throw new Re2SyntaxError('unexpected )', this.pattern);
    return { source, flags: 'u', groupNames: this.groupNames };
  }

  /** Parses until an unmatched `)` or the end; `depth` > 0 means a `)` must follow. */
  private alternation(depth: number): string {
    let out = '';
    let lastAtom: { start: number; quantifiable: boolean } | undefined;
    let lastWasRepeat = '';
    while (this.position < this.chars.length) {
      const character = this.chars[this.position];
      if (character === ')') {
        if (depth === 0) throw new Re2SyntaxError('unexpected )', this.pattern);
        return out;
      }
      if (character === '|') {
        this.position++;
        out += '|';
        lastAtom = undefined;
        lastWasRepeat = '';
        continue;
      }
      const repeatStart = this.position;
      const repeat = this.repeatOperator();
      if (repeat !== undefined) {
        const written = this.chars.slice(repeatStart, this.position).join('');
        if (lastWasRepeat)
          throw new Re2SyntaxError('invalid nested repetition operator', lastWasRepeat + written);
        if (!lastAtom) throw new Re2SyntaxError('missing argument to repetition operator', written);
        // JavaScript refuses to repeat an assertion; a group makes it repeatable.
        if (!lastAtom.quantifiable)
          out = `${out.slice(0, lastAtom.start)}(?:${out.slice(lastAtom.start)})`;
        out += repeat;
        lastWasRepeat = written;
        continue;
      }
      lastWasRepeat = '';
      const start = out.length;
      const atom = this.atom(depth);
      if (atom === undefined) continue; // a flag setting such as (?i): no output
      out += atom.text;
      lastAtom = { start, quantifiable: atom.quantifiable };
    }
    if (depth > 0) throw new Re2SyntaxError('missing closing )', this.pattern);
    return out;
  }

  /** Reads `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` with an optional lazy `?`; undefined if none here. */
  private repeatOperator(): string | undefined {
    const character = this.peek();
    let operator: string;
    if (character === '*' || character === '+' || character === '?') {
      this.position++;
      operator = character;
    } else if (character === '{') {
      const rest = this.chars.slice(this.position).join('');
      const match = /^\{(\d+)(,(\d*))?\}/.exec(rest);
      if (!match) return undefined; // RE2 reads a `{` that starts no repeat as a literal
      const min = Number(match[1]);
      const max = match[2] === undefined ? min : match[3] === '' ? undefined : Number(match[3]);
      if (min > MAX_REPEAT || (max !== undefined && (max > MAX_REPEAT || max < min))) {
        throw new Re2SyntaxError('invalid repeat count', match[0]);
      }
      this.position += [...match[0]].length;
      operator = match[0];
    } else {
      return undefined;
    }
    let lazy = false;
    if (this.peek() === '?') {
      this.position++;
      lazy = true;
    }
    if (this.flags.ungreedy) lazy = !lazy;
    return lazy ? `${operator}?` : operator;
  }

  private atom(depth: number): { text: string; quantifiable: boolean } | undefined {
    const character = this.chars[this.position];
    switch (character) {
      case '(':
        return this.group(depth);
      case '[':
        return { text: this.characterClass(), quantifiable: true };
      case '.':
        this.position++;
        return { text: this.flags.dotAll ? '[^]' : '[^\\n]', quantifiable: true };
      case '^':
        this.position++;
        return { text: this.flags.multiLine ? '(?<![^\\n])' : '^', quantifiable: false };
      case '$':
        this.position++;
        return { text: this.flags.multiLine ? '(?![^\\n])' : '$', quantifiable: false };
      case '\\':
        return this.escape();
      default:
        this.position++;
        return { text: this.literal(character.codePointAt(0)!), quantifiable: true };
    }
  }

  private literal(code: number): string {
    if (!this.flags.caseInsensitive) return escapeCodePoint(code);
    const ranges = withCaseVariants([[code, code]]);
    return ranges.length === 1 && ranges[0][0] === ranges[0][1]
      ? escapeCodePoint(code)
      : `[${rangesToClassBody(ranges)}]`;
  }

  private group(depth: number): { text: string; quantifiable: boolean } | undefined {
    const start = this.position;
    this.position++;
    const saved = { ...this.flags };
    let opening = '(';
    if (this.peek() === '?') {
      const rest = this.chars.slice(this.position).join('');
      const named = /^\?P?<([^>]*)>/.exec(rest);
      if (named) {
        const name = named[1];
        if (!/^[A-Za-z0-9_]+$/.test(name)) {
          throw new Re2SyntaxError('invalid named capture', `(${named[0]}`);
        }
        if (this.groupNames.includes(name))
          throw new Re2SyntaxError('duplicate capture group name', name);
        this.groupNames.push(name);
        this.position += [...named[0]].length;
        opening = `(?<${name}>`;
      } else {
        const flagGroup = /^\?([imsU-]*)(:|\))/.exec(rest);
        if (!flagGroup || !this.applyFlags(flagGroup[1])) {
          const shown = this.chars.slice(start, Math.min(start + 3, this.chars.length)).join('');
          throw new Re2SyntaxError(
            /^\(\?P?[<=]/.test(shown) && !/^\(\?[=!]/.test(shown)
              ? 'invalid named capture'
              : 'invalid or unsupported Perl syntax',
            shown,
          );
        }
        this.position += [...flagGroup[0]].length;
        // `(?i)` changes the flags for the rest of the enclosing group; no output.
        if (flagGroup[2] === ')') return undefined;
        opening = '(?:';
      }
    } else {
      this.groupNames.push(undefined);
    }
    const body = this.alternation(depth + 1);
    this.position++; // the closing ')'
    this.flags = saved;
    return { text: `${opening}${body})`, quantifiable: true };
  }

  /** Applies a flag string such as `i`, `-s`, `im-sU`; false if malformed. */
  private applyFlags(text: string): boolean {
    const malformed =
      text === '' || text.endsWith('-') || text.indexOf('-') !== text.lastIndexOf('-');
    if (malformed) return false;
    let value = true;
    for (const flag of text) {
      if (flag === '-') value = false;
      else if (flag === 'i') this.flags.caseInsensitive = value;
      else if (flag === 'm') this.flags.multiLine = value;
      else if (flag === 's') this.flags.dotAll = value;
      else if (flag === 'U') this.flags.ungreedy = value;
    }
    return true;
  }

  private escape(): { text: string; quantifiable: boolean } {
    const start = this.position;
    this.position++; // the backslash
    const next = this.peek();
    if (next === undefined) throw new Re2SyntaxError('trailing backslash at end of expression', '');
    switch (next) {
      case 'A':
        this.position++;
        return { text: '^', quantifiable: false };
      case 'z':
        this.position++;
        return { text: '$', quantifiable: false };
      case 'b':
      case 'B':
        this.position++;
        return { text: `\\${next}`, quantifiable: false };
      case 'Q': {
        this.position++;
        let text = '';
        while (this.position < this.chars.length) {
          if (this.peek() === '\\' && this.peek(1) === 'E') {
            this.position += 2;
            break;
          }
          text += this.literal(this.chars[this.position++].codePointAt(0)!);
        }
        // A \Q...\E run is a sequence of literals; group it only if it is repeated.
        return { text: text === '' ? '(?:)' : `(?:${text})`, quantifiable: true };
      }
    }
    const classRanges = this.classEscape();
    if (classRanges)
      return { text: `[${rangesToClassBody(this.fold(classRanges.ranges))}]`, quantifiable: true };
    const unicode = this.unicodeClassEscape(start);
    if (unicode) return { text: unicode, quantifiable: true };
    return { text: this.literal(this.characterEscape(start)), quantifiable: true };
  }

  private fold(ranges: CodeRange[]): CodeRange[] {
    return this.flags.caseInsensitive ? withCaseVariants(ranges) : normalizeRanges(ranges);
  }

  /** Parses `[...]` into a JavaScript class. */
  private characterClass(): string {
    const start = this.position;
    this.position++;
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.position++;
    }
    const ranges: CodeRange[] = [];
    const properties: string[] = [];
    let first = true;
    for (;;) {
      const character = this.peek();
      if (character === undefined)
        throw new Re2SyntaxError('missing closing ]', this.chars.slice(start).join(''));
      if (character === ']' && !first) {
        this.position++;
        break;
      }
      first = false;
      if (character === '[' && this.peek(1) === ':') {
        const posix = this.posixClass();
        if (posix) {
          ranges.push(...posix);
          continue;
        }
      }
      const itemStart = this.position;
      const low = this.classItem(ranges, properties);
      if (low === undefined) continue;
      if (this.peek() === '-' && this.peek(1) !== ']' && this.peek(1) !== undefined) {
        this.position++;
        const high = this.classItem(ranges, properties);
        if (high === undefined || high < low) {
          throw new Re2SyntaxError(
            'invalid character class range',
            this.chars.slice(itemStart, this.position).join(''),
          );
        }
        ranges.push([low, high]);
      } else {
        ranges.push([low, low]);
      }
    }
    const body = rangesToClassBody(this.fold(ranges)) + properties.join('');
    if (body === '') return negated ? '[^]' : '[]';
    return `[${negated ? '^' : ''}${body}]`;
  }

  /** One class member: returns its code point, or undefined after adding a class escape's ranges. */
  private classItem(ranges: CodeRange[], properties: string[]): number | undefined {
    const character = this.chars[this.position];
    if (character !== '\\') {
      this.position++;
      return character.codePointAt(0)!;
    }
    const start = this.position;
    this.position++;
    if (this.peek() === undefined)
      throw new Re2SyntaxError('missing closing ]', this.chars.slice(start).join(''));
    const perl = this.classEscape();
    if (perl) {
      ranges.push(...perl.ranges);
      return undefined;
    }
    const unicode = this.unicodeClassEscape(start);
    if (unicode) {
      properties.push(unicode);
      return undefined;
    }
    return this.characterEscape(start);
  }
}
