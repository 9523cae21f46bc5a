/** Bodies and their literals: expressions, `not`, `some`, `every`, `with` modifiers. */
import type {
  Body,
  EveryLiteral,
  Literal,
  RefTerm,
  Term,
  VarTerm,
  WithModifier,
} from '../ast/nodes';
import { makeCall, parseMembership, parsePostfix, parseRelation } from './parse-term';
import type { ParserState } from './parser-state';

/**
 * Literals separated by `;` or line breaks, up to (not including) `closer` (`}`, `]` or
 * `eof` for a query). An empty body is an error, as in OPA.
 */
export function parseBody(state: ParserState, closer: string): Body {
  return state.nested(() => {
    const body: Body = [];
    const atEnd = (): boolean =>
      closer === 'eof' ? state.current.kind === 'eof' : state.atPunct(closer);
    if (atEnd()) state.fail(state.current.location, 'found empty body');
    for (;;) {
      body.push(parseLiteral(state));
      if (state.eatPunct(';')) {
        if (atEnd()) return body;
        continue;
      }
      if (atEnd()) return body;
      if (state.current.newlineBefore && state.current.kind !== 'eof') continue;
      state.unexpected(closer === 'eof' ? 'expected \\n or ;' : `expected \\n or ; or ${closer}`);
    }
  });
}

export function parseLiteral(state: ParserState): Literal {
  const start = state.current.location;
  if (state.atKeyword('some')) return parseSome(state);
  if (state.atKeyword('every')) return parseEvery(state, false);
  const negated = state.eatKeyword('not');
  if (negated && state.atKeyword('every')) return parseEvery(state, true);
  const term =
    negated && state.notBodies && state.atPunct('{')
      ? parseNegatedBody(state)
      : parseExpressionTerm(state);
  const modifiers = parseWithModifiers(state);
  return { type: 'expr', negated, term, with: modifiers, location: state.span(start) };
}

/**
 * `not { a; b }` (after `not`): succeeds when the body has no solution. It is read as
 * `not [true | a; b][0]`: the element exists exactly when the body has a solution, and a
 * comprehension already gives the body its own scope for new variables while capturing
 * the outer ones, so the checks and the planner need nothing new. (Unlike OPA's
 * evaluator, the comprehension looks for every solution, not just the first.)
 */
function parseNegatedBody(state: ParserState): Term {
  const start = state.advance().location;
  const body = parseBody(state, '}');
  state.expectPunct('}', 'expected }');
  const location = state.span(start);
  const comprehension: Term = {
    type: 'arraycomprehension',
    head: { type: 'boolean', value: true, location },
    body,
    location,
  };
  return {
    type: 'ref',
    head: comprehension,
    path: [{ type: 'number', text: '0', location }],
    location,
  };
}

/**
 * The term of an expression literal: `t`, `k, v in xs`, `a = b` or `a := b`. Unification and
 * assignment only appear at this level (not nested inside other terms).
 */
export function parseExpressionTerm(state: ParserState): Term {
  const left = parseMembershipPair(state);
  if (state.atPunct('=') || state.atPunct(':=')) {
    const operator = state.advance().text === '=' ? 'eq' : 'assign';
    const right = parseMembershipPair(state);
    return makeCall([operator], [left, right], state.span(left.location));
  }
  return left;
}

/** A term, or `k, v in xs` (only at the top of a literal or of the right side of `=`/`:=`). */
function parseMembershipPair(state: ParserState): Term {
  const left = parseMembership(state);
  if (!state.atPunct(',') || !state.futureKeywords.has('in')) return left;
  state.advance();
  const value = parseRelation(state);
  if (!state.eatKeyword('in')) state.unexpected('expected in');
  const collection = parseRelation(state);
  return makeCall(['internal', 'member_3'], [left, value, collection], state.span(left.location));
}

export function parseWithModifiers(state: ParserState): WithModifier[] {
  const modifiers: WithModifier[] = [];
  while (state.atKeyword('with')) {
    const start = state.advance().location;
    const target = parsePostfix(state);
    if (target.type !== 'var' && target.type !== 'ref')
      state.fail(target.location, 'with target must be a reference');
    if (target.type === 'ref' && target.head.type !== 'var')
      state.fail(target.location, 'with target must be a reference');
    if (!state.eatKeyword('as')) state.unexpected('expected as');
    const value = parseMembership(state);
    modifiers.push({
      type: 'with',
      target: target as RefTerm | VarTerm,
      value,
      location: state.span(start),
    });
  }
  return modifiers;
}

/** `some x, y` or `some [k,] v in xs`. */
function parseSome(state: ParserState): Literal {
  const start = state.advance().location;
  const items: Term[] = [parseRelation(state)];
  while (state.eatPunct(',')) items.push(parseRelation(state));
  if (state.atKeyword('in')) {
    state.advance();
    if (items.length > 2)
      state.fail(items[2].location, 'unexpected , in some declaration: at most key and value');
    const collection = parseRelation(state);
    const modifiers = parseWithModifiers(state);
    const [key, value] = items.length === 2 ? [items[0], items[1]] : [null, items[0]];
    return { type: 'somein', key, value, collection, with: modifiers, location: state.span(start) };
  }
  const vars: VarTerm[] = [];
  for (const item of items) {
    if (item.type !== 'var')
      state.fail(item.location, `expected var in some declaration, got ${describeTerm(item)}`);
    vars.push(item);
  }
  return { type: 'some', vars, location: state.span(start) };
}

/** `every [k,] v in domain { body }`; `not every` is rejected as in OPA. */
function parseEvery(state: ParserState, negated: boolean): EveryLiteral {
  const start = state.current.location;
  if (negated) state.fail(start, 'unexpected every keyword: every cannot be negated');
  state.advance();
  const items: Term[] = [parseRelation(state)];
  while (state.eatPunct(',')) items.push(parseRelation(state));
  for (const item of items) {
    if (item.type !== 'var')
      state.fail(item.location, `expected var in every declaration, got ${describeTerm(item)}`);
  }
  if (items.length > 2)
    state.fail(items[2].location, 'unexpected , in every declaration: at most key and value');
  if (!state.eatKeyword('in')) state.unexpected('expected in');
  const domain = parseRelation(state);
  state.expectPunct('{', 'expected {');
  const body = parseBody(state, '}');
  state.expectPunct('}', 'expected }');
  const modifiers = parseWithModifiers(state);
  const [key, value] = items.length === 2 ? [items[0], items[1]] : [null, items[0]];
  return {
    type: 'every',
    key: key as VarTerm | null,
    value: value as VarTerm,
    domain,
    body,
    with: modifiers,
    location: state.span(start),
  };
}

/** The term kind as OPA names it in messages (`var`, `number`, `object`, …). */
export function describeTerm(term: Term): string {
  switch (term.type) {
    case 'arraycomprehension':
      return 'array comprehension';
    case 'setcomprehension':
      return 'set comprehension';
    case 'objectcomprehension':
      return 'object comprehension';
    default:
      return term.type;
  }
}
