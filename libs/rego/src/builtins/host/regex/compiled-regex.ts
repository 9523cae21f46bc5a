import { translateRe2 } from './re2-translate';

/** A compiled RE2 pattern: a sticky JavaScript RegExp plus Go's matching loops. */
export class CompiledRegex {
  private readonly sticky: RegExp;
  readonly groupNames: Array<string | undefined>;

  constructor(readonly pattern: string) {
    const translated = translateRe2(pattern);
    this.groupNames = translated.groupNames;
    // 'g' so lastIndex drives the search, as Go's FindAll loop needs.
    this.sticky = new RegExp(translated.source, `${translated.flags}g`);
  }

  /** Whether the pattern matches anywhere in `text` (unanchored, as Go's MatchString). */
  test(text: string): boolean {
    this.sticky.lastIndex = 0;
    return this.sticky.test(text);
  }

  /**
   * Go's FindAll: successive non-overlapping matches, at most `limit` (< 0: all). An
   * empty match right after the previous match is skipped, as Go does.
   */
  findAll(text: string, limit: number): RegExpExecArray[] {
    const matches: RegExpExecArray[] = [];
    let searchFrom = 0;
    let previousEnd = -1;
    while ((limit < 0 || matches.length < limit) && searchFrom <= text.length) {
      this.sticky.lastIndex = searchFrom;
      const match = this.sticky.exec(text);
      if (!match) break;
      const end = match.index + match[0].length;
      if (match[0].length === 0) {
        if (match.index !== previousEnd) matches.push(match);
        // Step over one whole code point so a surrogate pair is never split.
        searchFrom = match.index + (text.codePointAt(match.index)! > 0xffff ? 2 : 1);
      } else {
        matches.push(match);
        searchFrom = end;
      }
      previousEnd = end;
    }
    return matches;
  }
}

const CACHE_LIMIT = 500;
const cache = new Map<string, CompiledRegex>();

/** Compiles (or reuses) a pattern; throws Re2SyntaxError for an invalid one. */
export function compileRegex(pattern: string): CompiledRegex {
  let compiled = cache.get(pattern);
  if (!compiled) {
    compiled = new CompiledRegex(pattern);
    // Policies use a handful of patterns; a bounded cache keeps hostile input from growing it.
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, compiled);
  }
  return compiled;
}
