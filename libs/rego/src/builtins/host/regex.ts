import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { integerOperand, stringOperand } from './operands';
import { compileRegex, type CompiledRegex } from './regex/compiled-regex';
import { globsIntersect } from './regex/glob-intersection';
import { replaceAll, splitAll } from './regex/go-replace';
import { compileTemplate } from './regex/regex-template';

/** Compiles for a built-in, turning a syntax error into that built-in's error. */
function compileFor(builtin: string, pattern: string): CompiledRegex {
  try {
    return compileRegex(pattern);
  } catch (error) {
    throw new BuiltinError(builtin, (error as Error).message);
  }
}

function match(builtin: string) {
  return (pattern: unknown, value: unknown) => {
    const source = stringOperand(builtin, 1, pattern);
    const text = stringOperand(builtin, 2, value);
    return compileFor(builtin, source).test(text);
  };
}

/** Registers the regex family (Go RE2 syntax, translated to JavaScript). */
export function register(into: HostRegistry): void {
  define(into, 'regex.match', 2, match('regex.match'));
  define(into, 're_match', 2, match('re_match'));

  define(into, 'regex.is_valid', 1, (pattern: unknown) => {
    if (typeof pattern !== 'string') return false;
    try {
      compileRegex(pattern);
      return true;
    } catch {
      return false;
    }
  });

  define(into, 'regex.find_n', 3, (pattern: unknown, value: unknown, count: unknown) => {
    const source = stringOperand('regex.find_n', 1, pattern);
    const text = stringOperand('regex.find_n', 2, value);
    const limit = integerOperand('regex.find_n', 3, count);
    return compileFor('regex.find_n', source)
      .findAll(text, limit)
      .map((found) => found[0]);
  });

  define(
    into,
    'regex.find_all_string_submatch_n',
    3,
    (pattern: unknown, value: unknown, count: unknown) => {
      const name = 'regex.find_all_string_submatch_n';
      const source = stringOperand(name, 1, pattern);
      const text = stringOperand(name, 2, value);
      const limit = integerOperand(name, 3, count);
      // Go reports a group that did not take part in the match as "".
      return compileFor(name, source)
        .findAll(text, limit)
        .map((found) => [...found].map((group) => group ?? ''));
    },
  );

  define(into, 'regex.split', 2, (pattern: unknown, value: unknown) => {
    const source = stringOperand('regex.split', 1, pattern);
    const text = stringOperand('regex.split', 2, value);
    return splitAll(text, compileFor('regex.split', source));
  });

  define(into, 'regex.replace', 3, (base: unknown, pattern: unknown, value: unknown) => {
    const text = stringOperand('regex.replace', 1, base);
    const source = stringOperand('regex.replace', 2, pattern);
    const template = stringOperand('regex.replace', 3, value);
    return replaceAll(text, compileFor('regex.replace', source), template);
  });

  define(
    into,
    'regex.template_match',
    4,
    (template: unknown, value: unknown, start: unknown, end: unknown) => {
      const name = 'regex.template_match';
      const pattern = stringOperand(name, 1, template);
      const text = stringOperand(name, 2, value);
      const open = stringOperand(name, 3, start);
      const close = stringOperand(name, 4, end);
      for (const [which, delimiter] of [
        ['start', open],
        ['end', close],
      ] as const) {
        const length = Buffer.byteLength(delimiter);
        if (length !== 1) {
          throw new BuiltinError(
            name,
            `${which} delimiter has to be exactly one character long but is ${length} long`,
          );
        }
      }
      try {
        return compileTemplate(pattern, open, close).test(text);
      } catch (error) {
        throw new BuiltinError(name, (error as Error).message);
      }
    },
  );

  define(into, 'regex.globs_match', 2, (left: unknown, right: unknown) => {
    const first = stringOperand('regex.globs_match', 1, left);
    const second = stringOperand('regex.globs_match', 2, right);
    try {
      return globsIntersect(first, second);
    } catch (error) {
      throw new BuiltinError('regex.globs_match', (error as Error).message);
    }
  });
}
