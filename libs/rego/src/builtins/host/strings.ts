import { BuiltinError } from '../builtin-error';
import { define, type HostRegistry } from './host-builtin';
import { integerOperand, stringOperand } from './operands';

/** A string, or an array/set of strings (sets arrive as arrays), as the any_*_match built-ins take. */
function stringsOperand(builtin: string, position: number, value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    return value as string[];
  if (Array.isArray(value))
    throw new BuiltinError(builtin, `operand ${position} must be array of strings`);
  throw BuiltinError.operandType(builtin, position, 'one of {string, set, array}', value);
}

function anyMatch(builtin: string, test: (text: string, affix: string) => boolean) {
  return (search: unknown, base: unknown) => {
    const texts = stringsOperand(builtin, 1, search);
    const affixes = stringsOperand(builtin, 2, base);
    return texts.some((text) => affixes.some((affix) => test(text, affix)));
  };
}

/**
 * OPA's strings.split_n: split on every separator (code points for ""), then keep the first
 * n parts (n > 0), the last -n parts (n < 0) or none (n = 0). Unlike Go's strings.SplitN
 * the kept parts are never re-joined, so `split_n("a.b.c", ".", 2)` is `["a", "b"]`.
 */
export function splitN(text: string, separator: string, limit: number): string[] {
  if (limit === 0) return [];
  // Go's strings.Split: "" splits into code points, and "" split by "" has no parts.
  const parts = separator === '' ? [...text] : text.split(separator);
  return limit > 0 ? parts.slice(0, limit) : parts.slice(Math.max(0, parts.length + limit));
}

/** Registers strings.any_prefix_match/any_suffix_match, strings.count, strings.split_n and indexof_n. */
export function register(into: HostRegistry): void {
  define(into, 'indexof_n', 2, (base: unknown, search: unknown) => {
    // Positions count code points, as OPA counts runes; matches may overlap.
    const text = [...stringOperand('indexof_n', 1, base)];
    const needle = [...stringOperand('indexof_n', 2, search)];
    if (needle.length === 0) throw new BuiltinError('indexof_n', 'empty search character');
    const found: number[] = [];
    for (let index = 0; index + needle.length <= text.length; index++) {
      if (needle.every((character, offset) => text[index + offset] === character))
        found.push(index);
    }
    return found;
  });

  define(into, 'strings.split_n', 3, (value: unknown, separator: unknown, count: unknown) =>
    splitN(
      stringOperand('strings.split_n', 1, value),
      stringOperand('strings.split_n', 2, separator),
      integerOperand('strings.split_n', 3, count),
    ),
  );

  define(
    into,
    'strings.any_prefix_match',
    2,
    anyMatch('strings.any_prefix_match', (text, prefix) => text.startsWith(prefix)),
  );
  define(
    into,
    'strings.any_suffix_match',
    2,
    anyMatch('strings.any_suffix_match', (text, suffix) => text.endsWith(suffix)),
  );
  define(into, 'strings.count', 2, (search: unknown, substring: unknown) => {
    const text = stringOperand('strings.count', 1, search);
    const needle = stringOperand('strings.count', 2, substring);
    // Go's strings.Count: an empty needle matches between every code point and at both ends.
    if (needle === '') return [...text].length + 1;
    return text.split(needle).length - 1;
  });
}
