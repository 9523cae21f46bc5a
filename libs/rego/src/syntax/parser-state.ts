import type { Diagnostic } from '../diagnostics/diagnostic';
import type { RegoVersion, Term } from '../ast/nodes';
import type { Location } from './location';
import { tokenize } from './lexer';
import { describeToken, FUTURE_KEYWORDS, ALWAYS_KEYWORDS, type Token } from './tokens';

/** Deeper nesting than this is reported instead of risking a stack overflow. */
export const MAX_NESTING_DEPTH = 200;

/**
 * Rewinds allowed per top-level statement. Successful reads are memoized, so valid code
 * needs few; the cap bounds inputs whose nested brackets all fail to parse.
 */
const BACKTRACK_BUDGET = 256;

/** Thrown inside the parser to unwind to the nearest recovery point; never escapes `syntax/`. */
export class ParseAbort extends Error {
  constructor() {
    super('parse aborted');
  }
}

/**
 * The mutable state shared by the grammar files: the token stream, the cursor, the
 * keywords in force (they depend on the version and on `future.keywords` imports) and the
 * diagnostics collected so far.
 */
export class ParserState {
  readonly tokens: Token[];
  readonly diagnostics: Diagnostic[];
  position = 0;
  regoVersion: RegoVersion;
  /** Future keywords enabled in a v0 file by imports (all four in v1). */
  readonly futureKeywords = new Set<string>();
  /** Seen `import rego.v1` / `import future.keywords…` (OPA rejects combining them). */
  importedRegoV1 = false;
  importedFutureKeywords = false;
  /** `not { … }` bodies, enabled by `import future.keywords.not` or `import rego.v2`. */
  notBodies = false;
  /** Terms already read at a token position (see parsePostfix), with the position after them. */
  readonly termMemo = new Map<number, { term: Term; end: number }>();
  private depth = 0;
  private wildcardCounter = 0;
  private backtrackBudget = BACKTRACK_BUDGET;

  constructor(
    readonly source: string,
    readonly file: string,
    regoVersion: RegoVersion,
  ) {
    const lexed = tokenize(source, file);
    this.tokens = lexed.tokens;
    this.diagnostics = lexed.diagnostics;
    this.regoVersion = regoVersion;
    if (regoVersion === 'v1') this.enableAllFutureKeywords();
  }

  enableAllFutureKeywords(): void {
    for (const keyword of FUTURE_KEYWORDS) this.futureKeywords.add(keyword);
  }

  get current(): Token {
    return this.tokens[this.position];
  }

  peek(distance = 1): Token {
    return this.tokens[Math.min(this.position + distance, this.tokens.length - 1)];
  }

  advance(): Token {
    const token = this.current;
    if (token.kind !== 'eof') this.position++;
    return token;
  }

  /** The last consumed token; used to give nodes an end offset. */
  get previous(): Token {
    return this.tokens[Math.max(0, this.position - 1)];
  }

  isKeyword(word: string): boolean {
    return ALWAYS_KEYWORDS.has(word) || this.futureKeywords.has(word);
  }

  /** The current token is the keyword `word` (and `word` is a keyword here). */
  atKeyword(word: string): boolean {
    return this.current.kind === 'ident' && this.current.text === word && this.isKeyword(word);
  }

  atPunct(text: string): boolean {
    return this.current.kind === 'punct' && this.current.text === text;
  }

  eatPunct(text: string): boolean {
    if (!this.atPunct(text)) return false;
    this.advance();
    return true;
  }

  eatKeyword(word: string): boolean {
    if (!this.atKeyword(word)) return false;
    this.advance();
    return true;
  }

  expectPunct(text: string, context?: string): Token {
    if (!this.atPunct(text)) this.unexpected(context ?? `expected ${text}`);
    return this.advance();
  }

  /** Reports "unexpected X token" at the current token and unwinds. */
  unexpected(hint?: string): never {
    const token = this.current;
    if (token.kind === 'illegal') throw new ParseAbort(); // the lexer already reported it
    const what =
      token.kind === 'ident' && this.isKeyword(token.text)
        ? `${token.text} keyword`
        : `${describeToken(token)} token`;
    const location = token.kind === 'eof' ? this.previous.location : token.location;
    return this.fail(location, hint ? `unexpected ${what}: ${hint}` : `unexpected ${what}`);
  }

  fail(location: Location, message: string): never {
    this.report(location, message);
    throw new ParseAbort();
  }

  report(location: Location, message: string): void {
    this.diagnostics.push({ code: 'rego_parse_error', message, location, severity: 'error' });
  }

  /** Runs `parse` one nesting level deeper, failing cleanly past MAX_NESTING_DEPTH. */
  nested<T>(parse: () => T): T {
    if (this.depth >= MAX_NESTING_DEPTH) this.fail(this.current.location, 'nesting too deep');
    this.depth++;
    try {
      return parse();
    } finally {
      this.depth--;
    }
  }

  /**
   * Tries one reading of an ambiguous construct; on failure rewinds the cursor and drops
   * its diagnostics (wildcard numbering is not rewound: memoized terms keep their names) so the caller can try another reading (OPA does the same for
   * `[x | y, 5]`, an array with a union, and for `if { 1:2 | … }`, a comprehension body).
   */
  attempt<T>(parse: () => T | null): T | null {
    const position = this.position;
    const diagnosticCount = this.diagnostics.length;
    const depth = this.depth;
    // Rewinding can re-parse nested input; the budget keeps pathological inputs linear-ish.
    if (this.backtrackBudget <= 0) return parse();
    this.backtrackBudget--;
    let result: T | null = null;
    try {
      result = parse();
    } catch (error) {
      if (!(error instanceof ParseAbort)) throw error;
    }
    if (result === null) {
      this.position = position;
      this.diagnostics.length = diagnosticCount;
      this.depth = depth;
    }
    return result;
  }

  /** Each statement gets a fresh rewind budget. */
  startStatement(): void {
    this.backtrackBudget = BACKTRACK_BUDGET;
  }

  /** A fresh name for `_`; `$` cannot start a user variable, so it never clashes. */
  wildcardName(): string {
    return `$_${this.wildcardCounter++}`;
  }

  /** Location from `start` to the end of the last consumed token. */
  span(start: Location): Location {
    return { ...start, end: this.previous.location.end ?? start.end };
  }
}
