/**
 * Terms and operator expressions. Precedence, loosest first (as in OPA):
 * `in` < relations (`== != < <= > >=`) < `|` < `&` < `+ -` < `* / %` < single terms
 * (a primary with postfix `.x`, `[x]`, `(args)`, or a negative number literal).
 */
import type { Body, CallTerm, RefTerm, Term, VarTerm } from '../ast/nodes';
import type { Location } from './location';
import { parseBody } from './parse-body';
import type { ParserState } from './parser-state';
import { FUTURE_KEYWORDS } from './tokens';

const RELATION_OPERATORS: Readonly<Record<string, string>> = {
  '==': 'equal',
  '!=': 'neq',
  '<': 'lt',
  '<=': 'lte',
  '>': 'gt',
  '>=': 'gte',
};
const ARITH_OPERATORS: Readonly<Record<string, string>> = { '+': 'plus', '-': 'minus' };
const FACTOR_OPERATORS: Readonly<Record<string, string>> = { '*': 'mul', '/': 'div', '%': 'rem' };

export function makeCall(operator: string[], args: Term[], location: Location): CallTerm {
  return { type: 'call', operator, args, location };
}

function spanOf(first: Term, last: Term): Location {
  return { ...first.location, end: last.location.end ?? first.location.end };
}

/** A full term expression including `x in xs` (the level of call arguments and collection items). */
export function parseMembership(state: ParserState): Term {
  return state.nested(() => {
    let left = parseRelation(state);
    while (state.atKeyword('in')) {
      state.advance();
      const right = parseRelation(state);
      left = makeCall(['internal', 'member_2'], [left, right], spanOf(left, right));
    }
    return left;
  });
}

export function parseRelation(state: ParserState): Term {
  let left = parseBitOr(state);
  for (;;) {
    const operator =
      state.current.kind === 'punct' ? RELATION_OPERATORS[state.current.text] : undefined;
    if (!operator) return left;
    state.advance();
    const right = parseBitOr(state);
    left = makeCall([operator], [left, right], spanOf(left, right));
  }
}

function parseBitOr(state: ParserState): Term {
  let left = parseBitAnd(state);
  while (state.atPunct('|')) {
    state.advance();
    const right = parseBitAnd(state);
    left = makeCall(['or'], [left, right], spanOf(left, right));
  }
  return left;
}

function parseBitAnd(state: ParserState): Term {
  let left = parseArith(state);
  while (state.atPunct('&')) {
    state.advance();
    const right = parseArith(state);
    left = makeCall(['and'], [left, right], spanOf(left, right));
  }
  return left;
}

function parseArith(state: ParserState): Term {
  let left = parseFactor(state);
  for (;;) {
    const operator =
      state.current.kind === 'punct' ? ARITH_OPERATORS[state.current.text] : undefined;
    if (!operator) return left;
    state.advance();
    const right = parseFactor(state);
    left = makeCall([operator], [left, right], spanOf(left, right));
  }
}

function parseFactor(state: ParserState): Term {
  let left = parseUnary(state);
  for (;;) {
    const operator =
      state.current.kind === 'punct' ? FACTOR_OPERATORS[state.current.text] : undefined;
    if (!operator) return left;
    state.advance();
    const right = parseUnary(state);
    left = makeCall([operator], [left, right], spanOf(left, right));
  }
}

/**
 * A single term: a primary with its postfix parts, or a negative number literal. OPA has
 * no unary minus on other terms (`-x` is an error; write `0 - x`).
 */
export function parseUnary(state: ParserState): Term {
  if (!state.atPunct('-')) return parsePostfix(state);
  const minus = state.advance();
  if (state.current.kind !== 'number') state.unexpected('expected number');
  const number = state.advance();
  return { type: 'number', text: `-${number.text}`, location: state.span(minus.location) };
}

/** A primary term followed by `.name`, `[term]` or `(args)` written without space before them. */
export function parsePostfix(state: ParserState): Term {
  // Collections first try a single term and may re-read it as part of a longer
  // expression; the memo keeps that re-reading linear (OPA keeps a term cache for the same).
  const start = state.position;
  const cached = state.termMemo.get(start);
  if (cached) {
    state.position = cached.end;
    return cached.term;
  }
  const term = parsePostfixUncached(state);
  state.termMemo.set(start, { term, end: state.position });
  return term;
}

function parsePostfixUncached(state: ParserState): Term {
  let term = parsePrimary(state);
  for (;;) {
    const token = state.current;
    if (token.kind !== 'punct' || token.spaceBefore) return term;
    if (token.text === '.' && canHaveRef(term)) {
      state.advance();
      const name = state.current;
      if (name.kind !== 'ident' || name.spaceBefore) state.unexpected('expected name after .');
      state.advance();
      const key: Term = { type: 'string', value: name.text, location: name.location };
      term = appendToRef(term, key, state);
    } else if (token.text === '[' && canHaveRef(term)) {
      state.advance();
      const key = parseMembership(state);
      state.expectPunct(']', 'expected ]');
      term = appendToRef(term, key, state);
    } else if (token.text === '(' && term.type !== 'call') {
      term = parseCall(state, term);
    } else {
      return term;
    }
  }
}

function canHaveRef(term: Term): boolean {
  switch (term.type) {
    case 'var':
    case 'ref':
    case 'call':
    case 'array':
    case 'object':
    case 'set':
    case 'arraycomprehension':
    case 'setcomprehension':
    case 'objectcomprehension':
      return true;
    default:
      return false;
  }
}

function appendToRef(term: Term, key: Term, state: ParserState): RefTerm {
  if (term.type === 'ref')
    return { ...term, path: [...term.path, key], location: state.span(term.location) };
  return { type: 'ref', head: term, path: [key], location: state.span(term.location) };
}

/** `name(args)` where name is a var or a ref of names (`strings.replace_n`, `data.lib.f`). */
function parseCall(state: ParserState, callee: Term): Term {
  const operator = operatorName(callee);
  if (!operator) state.unexpected('expected function name before (');
  state.advance(); // (
  const args = parseTermList(state, ')');
  if (operator.length === 1 && operator[0] === 'set' && args.length === 0) {
    return { type: 'set', items: [], location: state.span(callee.location) };
  }
  return makeCall(operator, args, state.span(callee.location));
}

function operatorName(callee: Term): string[] | null {
  if (callee.type === 'var') return callee.generated ? null : [callee.name];
  if (callee.type !== 'ref' || callee.head.type !== 'var' || callee.head.generated) return null;
  const names = [callee.head.name];
  for (const part of callee.path) {
    if (part.type !== 'string') return null;
    names.push(part.value);
  }
  return names;
}

/** Comma-separated terms up to `closer`, allowing a trailing comma; consumes the closer. */
export function parseTermList(
  state: ParserState,
  closer: string,
  hint = `expected ${closer}`,
): Term[] {
  const items: Term[] = [];
  while (!state.atPunct(closer)) {
    items.push(parseMembership(state));
    if (!state.eatPunct(',')) break;
  }
  state.expectPunct(closer, hint);
  return items;
}

function parsePrimary(state: ParserState): Term {
  const token = state.current;
  switch (token.kind) {
    case 'number':
      state.advance();
      return { type: 'number', text: token.text, location: token.location };
    case 'string':
      state.advance();
      return { type: 'string', value: token.value ?? '', location: token.location };
    case 'ident':
      return parseWord(state);
    case 'punct':
      if (token.text === '(') {
        state.advance();
        const inner = parseMembership(state);
        state.expectPunct(')', 'expected )');
        return inner;
      }
      if (token.text === '[') return state.nested(() => parseArray(state));
      if (token.text === '{') return state.nested(() => parseBraces(state));
      return state.unexpected();
    default:
      return state.unexpected();
  }
}

function parseWord(state: ParserState): Term {
  const token = state.current;
  const location = token.location;
  switch (token.text) {
    case 'null':
      state.advance();
      return { type: 'null', location };
    case 'true':
    case 'false':
      state.advance();
      return { type: 'boolean', value: token.text === 'true', location };
  }
  // `contains("abc", "b")` calls the builtin even where `contains` is a keyword.
  const isCall =
    state.peek().text === '(' && !state.peek().spaceBefore && FUTURE_KEYWORDS.includes(token.text);
  if (state.isKeyword(token.text) && !isCall) return state.unexpected();
  state.advance();
  return parseVarName(state, token.text, location);
}

export function parseVarName(state: ParserState, name: string, location: Location): VarTerm {
  if (name === '_') return { type: 'var', name: state.wildcardName(), generated: true, location };
  return { type: 'var', name, location };
}

/**
 * `[a, b]` or `[head | body]`. As in OPA, only a single term (no operators) before `|`
 * starts a comprehension; `[x + 1 | y]` is an array holding a union. When the part after
 * `|` is no body (`[x | y, 5]`), the brackets are read again as an array.
 */
function parseArray(state: ParserState): Term {
  const open = state.advance();
  if (state.eatPunct(']')) return { type: 'array', items: [], location: state.span(open.location) };
  const afterOpen = state.position;
  const head = parseUnary(state);
  if (state.atPunct('|')) {
    const comprehension = state.attempt((): Term | null => {
      state.advance();
      const body = parseComprehensionBody(state, ']');
      return { type: 'arraycomprehension', head, body, location: state.span(open.location) };
    });
    if (comprehension) return comprehension;
  }
  state.position = afterOpen;
  const items = parseTermList(state, ']');
  return { type: 'array', items, location: state.span(open.location) };
}

/** `{}` (empty object), `{k: v, …}`, `{a, b}` (set), `{x | body}`, `{k: v | body}`; comprehensions as for arrays. */
function parseBraces(state: ParserState): Term {
  const open = state.advance();
  if (state.eatPunct('}'))
    return { type: 'object', entries: [], location: state.span(open.location) };
  const afterOpen = state.position;
  const head = parseUnary(state);
  if (state.atPunct('|')) {
    const comprehension = state.attempt((): Term | null => {
      state.advance();
      const body = parseComprehensionBody(state, '}');
      return { type: 'setcomprehension', head, body, location: state.span(open.location) };
    });
    if (comprehension) return comprehension;
  }
  if (!state.atPunct(':')) {
    state.position = afterOpen;
    const key = parseMembership(state);
    if (!state.atPunct(':')) return finishSet(state, open.location, key);
    return parseObjectRest(state, open.location, key);
  }
  return parseObjectRest(state, open.location, head);
}

function finishSet(state: ParserState, start: Location, first: Term): Term {
  const items = [first];
  if (state.eatPunct(',')) items.push(...parseTermList(state, '}', 'expected } or ,'));
  else state.expectPunct('}', 'expected } or ,');
  return { type: 'set', items, location: state.span(start) };
}

/** After the first key, at `:`: the first value, then a comprehension body or more entries. */
function parseObjectRest(state: ParserState, start: Location, key: Term): Term {
  state.advance(); // :
  const afterColon = state.position;
  const value = parseUnary(state);
  if (state.atPunct('|')) {
    const comprehension = state.attempt((): Term | null => {
      state.advance();
      const body = parseComprehensionBody(state, '}');
      return { type: 'objectcomprehension', key, value, body, location: state.span(start) };
    });
    if (comprehension) return comprehension;
  }
  state.position = afterColon;
  const entries: Array<[Term, Term]> = [[key, parseMembership(state)]];
  while (state.eatPunct(',')) {
    if (state.atPunct('}')) break;
    const nextKey = parseMembership(state);
    state.expectPunct(':', 'expected :');
    entries.push([nextKey, parseMembership(state)]);
  }
  state.expectPunct('}', 'expected } or ,');
  return { type: 'object', entries, location: state.span(start) };
}

function parseComprehensionBody(state: ParserState, closer: string): Body {
  const body = parseBody(state, closer);
  state.expectPunct(closer, `expected ${closer}`);
  return body;
}
