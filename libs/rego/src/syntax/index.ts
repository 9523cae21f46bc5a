/** The front end's public surface: parse a module, a query or a single term. */
import type { Module, Query, RegoVersion, Term } from '../ast/nodes';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { parseBody } from './parse-body';
import { parseModuleFrom } from './parse-module';
import { parseMembership } from './parse-term';
import { ParseAbort, ParserState } from './parser-state';

export interface ParseOptions {
  regoVersion: RegoVersion;
}

/** Parses a Rego module; `module` is null when there is any `rego_parse_error`. */
export function parseModule(
  source: string,
  file: string,
  options: ParseOptions,
): { module: Module | null; diagnostics: Diagnostic[] } {
  const state = new ParserState(source, file, options.regoVersion);
  const module = guard(state, () => parseModuleFrom(state));
  return { module: state.diagnostics.length > 0 ? null : module, diagnostics: state.diagnostics };
}

/** Parses a query: literals separated by `;` or line breaks. */
export function parseQuery(
  source: string,
  file: string,
  options: ParseOptions,
): { query: Query | null; diagnostics: Diagnostic[] } {
  const state = new ParserState(source, file, options.regoVersion);
  const body = guard(state, () => parseBody(state, 'eof'));
  const query: Query | null =
    body && state.diagnostics.length === 0 ? { type: 'query', file, body } : null;
  return { query, diagnostics: state.diagnostics };
}

/** Parses one Rego term (e.g. OPA's `input_term`, which may contain sets). */
export function parseTerm(
  source: string,
  file: string,
): { term: Term | null; diagnostics: Diagnostic[] } {
  const state = new ParserState(source, file, 'v1');
  const term = guard(state, () => {
    const parsed = parseMembership(state);
    if (state.current.kind !== 'eof') state.unexpected('expected end of term');
    return parsed;
  });
  return { term: state.diagnostics.length > 0 ? null : term, diagnostics: state.diagnostics };
}

/**
 * Runs a parse, turning an abort into "no result" and any unexpected exception (a parser
 * bug, or a stack overflow the depth guard missed) into a diagnostic: the front end must
 * never throw on any input.
 */
function guard<T>(state: ParserState, parse: () => T): T | null {
  try {
    return parse();
  } catch (error) {
    if (!(error instanceof ParseAbort)) {
      const message = error instanceof Error ? error.message : String(error);
      state.report(state.current.location, `internal parser error: ${message}`);
    }
    return null;
  }
}

export { tokenize } from './lexer';
export type { Token, TokenKind } from './tokens';
export type { Location } from './location';
export { formatLocation } from './location';
