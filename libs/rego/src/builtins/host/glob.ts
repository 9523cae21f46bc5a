import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { stringOperand } from './operands';
import { escapeCodePoint } from './regex/char-ranges';

/** Characters gobwas/glob treats as syntax (what glob.quote_meta escapes). */
const GLOB_META = new Set(['*', '?', '[', ']', '{', '}', ',', '\\']);

/**
 * Compiles a gobwas/glob pattern (OPA's glob library) to an anchored RegExp:
 * `*` any run of non-delimiter characters, `**` any run, `?` one non-delimiter
 * character, `[a-z]` / `[!a-z]` one character, `{a,b}` alternatives, `\` escapes.
 */
export function compileGlob(pattern: string, delimiters: string[]): RegExp {
  const notDelimiter =
    delimiters.length === 0
      ? '[^]'
      : `[^${delimiters.map((d) => escapeCodePoint(d.codePointAt(0)!)).join('')}]`;
  const characters = [...pattern];
  let position = 0;

  const fail = (problem: string): never => {
    throw new Error(`${problem} in glob pattern ${JSON.stringify(pattern)}`);
  };

  const sequence = (insideBraces: boolean): string => {
    let out = '';
    while (position < characters.length) {
      const character = characters[position];
      if (insideBraces && (character === ',' || character === '}')) return out;
      position++;
      switch (character) {
        case '*': {
          let run = 1;
          while (characters[position] === '*') {
            run++;
            position++;
          }
          // `**` crosses delimiters; a run of three is `**` then `*`.
          out += '[^]*'.repeat(Math.floor(run / 2)) + (run % 2 === 1 ? `${notDelimiter}*` : '');
          break;
        }
        case '?':
          out += notDelimiter;
          break;
        case '[':
          out += characterClass();
          break;
        case '{':
          out += alternatives();
          break;
        case '\\':
          if (position >= characters.length) fail('trailing backslash');
          out += escapeCodePoint(characters[position++].codePointAt(0)!);
          break;
        default:
          out += escapeCodePoint(character.codePointAt(0)!);
      }
    }
    if (insideBraces) fail('unclosed {');
    return out;
  };

  const alternatives = (): string => {
    const options: string[] = [];
    for (;;) {
      options.push(sequence(true));
      const separator = characters[position++];
      if (separator === '}') return `(?:${options.join('|')})`;
    }
  };

  const characterClass = (): string => {
    let negated = false;
    if (characters[position] === '!') {
      negated = true;
      position++;
    }
    let body = '';
    let empty = true;
    while (characters[position] !== ']') {
      if (position >= characters.length) fail('unclosed [');
      let low = characters[position++];
      if (low === '\\' && position < characters.length) low = characters[position++];
      if (
        characters[position] === '-' &&
        characters[position + 1] !== undefined &&
        characters[position + 1] !== ']'
      ) {
        const high = characters[position + 1];
        position += 2;
        if (high.codePointAt(0)! < low.codePointAt(0)!) fail(`invalid range ${low}-${high}`);
        body += `${escapeCodePoint(low.codePointAt(0)!)}-${escapeCodePoint(high.codePointAt(0)!)}`;
      } else {
        body += escapeCodePoint(low.codePointAt(0)!);
      }
      empty = false;
    }
    position++; // ']'
    if (empty) fail('empty character class');
    return `[${negated ? '^' : ''}${body}]`;
  };

  return new RegExp(`^${sequence(false)}$`, 'u');
}

/** Backslash-escapes glob metacharacters, as glob.quote_meta does. */
export function quoteGlobMeta(text: string): string {
  return [...text]
    .map((character) => (GLOB_META.has(character) ? `\\${character}` : character))
    .join('');
}

const CACHE_LIMIT = 500;
const cache = new Map<string, RegExp>();

function cachedGlob(pattern: string, delimiters: string[]): RegExp {
  const key = `${pattern}\u0000${delimiters.join('')}`;
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compileGlob(pattern, delimiters);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, compiled);
  }
  return compiled;
}

function delimitersOperand(value: unknown): string[] {
  // OPA: null means no delimiters at all; an empty array means the default ".".
  if (value === null) return [];
  if (!Array.isArray(value))
    throw BuiltinError.operandType('glob.match', 2, 'array or null', value);
  if (value.length === 0) return ['.'];
  return value.map((item) => {
    if (typeof item !== 'string' || [...item].length !== 1) {
      throw new BuiltinError('glob.match', 'operand 2 must be an array of one-character strings');
    }
    return item;
  });
}

/** Registers glob.match and glob.quote_meta. */
export function register(into: HostRegistry): void {
  define(into, 'glob.match', 3, (pattern: unknown, delimiters: unknown, value: unknown) => {
    const source = stringOperand('glob.match', 1, pattern);
    const separators = delimitersOperand(delimiters);
    const text = stringOperand('glob.match', 3, value);
    try {
      return cachedGlob(source, separators).test(text);
    } catch (error) {
      throw new BuiltinError('glob.match', (error as Error).message);
    }
  });

  define(into, 'glob.quote_meta', 1, (pattern: unknown) =>
    quoteGlobMeta(stringOperand('glob.quote_meta', 1, pattern)),
  );
}
