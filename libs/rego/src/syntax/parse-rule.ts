/**
 * Rules: heads (`p`, `a.b[x]`, `f(x)`, `contains`, `:=`/`=` values, `default`), bodies
 * (`if { … }`, `if <literal>`, v0's bare `{ … }`) and `else` chains. The Rego version
 * decides which head forms are allowed and what `p[x]` without a value means.
 */
import type { Body, ElseClause, Rule, RuleHead, RuleKind, Term } from '../ast/nodes';
import type { Location } from './location';
import { describeTerm, parseBody, parseLiteral } from './parse-body';
import { parseMembership, parseTermList } from './parse-term';
import type { ParserState } from './parser-state';

interface ParsedHead {
  ref: Term[];
  args: Term[] | null;
  key: Term | null;
  value: Term | null;
  assign: boolean;
  hasContains: boolean;
  location: Location;
}

interface ParsedBody {
  body: Body;
  /** `null` when the rule has no body at all. */
  keyword: 'if' | 'braces' | null;
}

/** Parses one rule statement; v0's chained bodies `p { a } { b }` yield one rule per body. */
export function parseRule(state: ParserState, packagePath: string[]): Rule[] {
  const start = state.current.location;
  const isDefault = state.eatKeyword('default');
  const head = parseHead(state);
  const kind = ruleKind(state, head);
  const first = parseRuleBody(state, kind);
  checkBodyRules(state, head, kind, first, isDefault);
  const elseChain = parseElseChain(state, kind);
  const bodies = [first];
  while (state.regoVersion === 'v0' && first.keyword === 'braces' && state.atPunct('{')) {
    bodies.push(parseRuleBody(state, kind));
  }
  return bodies.map((parsed) =>
    buildRule(state, head, kind, parsed.body, isDefault, elseChain, packagePath, start),
  );
}

function buildRule(
  state: ParserState,
  parsed: ParsedHead,
  kind: RuleKind,
  body: Body,
  isDefault: boolean,
  elseChain: ElseClause[],
  packagePath: string[],
  start: Location,
): Rule {
  const legacySet = kind === 'set' && !parsed.hasContains;
  const head: RuleHead = {
    ref: legacySet ? parsed.ref.slice(0, -1) : parsed.ref,
    args: parsed.args,
    key: legacySet ? parsed.ref[parsed.ref.length - 1] : parsed.key,
    value: parsed.value,
    assign: parsed.assign,
    location: parsed.location,
  };
  return {
    type: 'rule',
    kind,
    isDefault,
    head,
    body,
    elseChain,
    packagePath,
    location: state.span(start),
  };
}

function parseHead(state: ParserState): ParsedHead {
  const nameToken = state.current;
  if (nameToken.kind !== 'ident' || state.isKeyword(nameToken.text)) failRuleName(state);
  state.advance();
  const ref: Term[] = [{ type: 'string', value: nameToken.text, location: nameToken.location }];
  for (;;) {
    const token = state.current;
    if (token.kind !== 'punct' || token.spaceBefore) break;
    if (token.text === '.') {
      state.advance();
      const name = state.current;
      if (name.kind !== 'ident' || name.spaceBefore) state.unexpected('expected name after .');
      state.advance();
      ref.push({ type: 'string', value: name.text, location: name.location });
    } else if (token.text === '[') {
      state.advance();
      ref.push(parseMembership(state));
      state.expectPunct(']', 'expected ]');
    } else {
      break;
    }
  }
  let args: Term[] | null = null;
  // OPA accepts `sum (a, b) := c` in a head (unlike a call, where `f (x)` is no call).
  if (state.atPunct('(') && !state.current.newlineBefore) {
    state.advance();
    args = parseTermList(state, ')');
  }
  let key: Term | null = null;
  let value: Term | null = null;
  let assign = false;
  const hasContains = state.atKeyword('contains');
  if (hasContains) {
    state.advance();
    key = parseMembership(state);
  } else if (state.atPunct(':=') || state.atPunct('=')) {
    assign = state.advance().text === ':=';
    value = parseMembership(state);
  }
  return {
    ref,
    args,
    key,
    value,
    assign,
    hasContains,
    location: state.span(nameToken.location),
  };
}

/** OPA's message for a statement that cannot start a rule names the kind of term found. */
function failRuleName(state: ParserState): never {
  const token = state.current;
  if (token.kind === 'ident')
    return state.fail(token.location, `${token.text} keyword cannot be used for rule name`);
  if (token.kind === 'number')
    return state.fail(token.location, 'number cannot be used for rule name');
  if (token.kind === 'string')
    return state.fail(token.location, 'string cannot be used for rule name');
  if (token.kind === 'punct' && token.text === '{')
    return state.fail(token.location, 'object cannot be used for rule name');
  if (token.kind === 'punct' && token.text === '[')
    return state.fail(token.location, 'array cannot be used for rule name');
  return state.unexpected();
}

function ruleKind(state: ParserState, head: ParsedHead): RuleKind {
  if (head.args) {
    if (head.hasContains) state.fail(head.location, 'function rules cannot use contains');
    if (head.ref.length > 1 && head.ref.slice(1).some((part) => part.type !== 'string')) {
      state.fail(head.location, 'function name must be a plain reference');
    }
    return 'function';
  }
  if (head.hasContains) return 'set';
  // v0 reads `p[x] { … }` and `p.x { … }` (no value, no `if`) as partial sets; v1, and v0
  // with `if`, as `p[x] := true`.
  if (
    state.regoVersion === 'v0' &&
    head.value === null &&
    head.ref.length === 2 &&
    !state.atKeyword('if')
  )
    return 'set';
  if (head.ref.slice(1).some((part) => part.type !== 'string')) return 'object';
  return 'complete';
}

function parseRuleBody(state: ParserState, kind: RuleKind): ParsedBody {
  if (state.atKeyword('if')) {
    state.advance();
    if (state.atPunct('{')) {
      // As in OPA, `if {` first reads one literal, so `if { 1 | 1 }` and `if { 1:2 | … }`
      // are comprehensions; a set literal (`if { x }`) is re-read as a braced body.
      const literal = state.attempt(() => {
        const parsed = parseLiteral(state);
        return parsed.type === 'expr' && parsed.term.type === 'set' ? null : parsed;
      });
      if (literal) return { body: [literal], keyword: 'if' };
      return { body: parseBracedBody(state), keyword: 'if' };
    }
    return { body: [parseLiteral(state)], keyword: 'if' };
  }
  if (state.atPunct('{')) {
    if (state.regoVersion === 'v1') {
      state.fail(
        state.current.location,
        `\`if\` keyword is required before ${kind === 'function' ? 'function' : 'rule'} body`,
      );
    }
    return { body: parseBracedBody(state), keyword: 'braces' };
  }
  return { body: [], keyword: null };
}

function parseBracedBody(state: ParserState): Body {
  state.advance(); // {
  const body = parseBody(state, '}');
  state.expectPunct('}', 'expected }');
  return body;
}

function checkBodyRules(
  state: ParserState,
  head: ParsedHead,
  kind: RuleKind,
  parsed: ParsedBody,
  isDefault: boolean,
): void {
  if (isDefault) {
    if (head.value === null) state.fail(head.location, 'default rule must have a value');
    if (parsed.keyword !== null) state.fail(head.location, 'default rules must not have a body');
    if (kind === 'set')
      state.fail(head.location, 'default rules cannot be multi-value (contains) rules');
    const offending = head.value && nonConstantPart(head.value);
    if (offending)
      state.fail(
        offending.location,
        `default rule value cannot contain ${describeTerm(offending)}`,
      );
    return;
  }
  const hasValue = head.value !== null || head.hasContains;
  if (parsed.keyword !== null || hasValue) return;
  if (state.regoVersion === 'v1') {
    state.fail(
      head.location,
      `${kind === 'function' ? 'function' : 'rule'} must have value assignment and/or body declaration`,
    );
  }
  // v0 accepts `p[x]` alone (a constant set member) but not a bare name.
  if (kind !== 'set') state.fail(head.location, 'var cannot be used for rule name');
}

/** The first part of a default value that is not a constant (vars, refs, calls). */
export function nonConstantPart(term: Term): Term | null {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
    case 'arraycomprehension':
    case 'setcomprehension':
    case 'objectcomprehension':
      return null; // a closed query of its own: its variables are local to it
    case 'array':
    case 'set':
      return firstNonConstant(term.items);
    case 'object':
      return firstNonConstant(term.entries.flat());
    default:
      return term;
  }
}

function firstNonConstant(terms: Term[]): Term | null {
  for (const term of terms) {
    const found = nonConstantPart(term);
    if (found) return found;
  }
  return null;
}

/** `else [= v | := v] [if] { … }` links; the value defaults to `true`. */
function parseElseChain(state: ParserState, kind: RuleKind): ElseClause[] {
  const chain: ElseClause[] = [];
  while (state.atKeyword('else')) {
    const start = state.advance().location;
    if (kind !== 'complete' && kind !== 'function')
      state.fail(start, 'else keyword cannot be used on multi-value rules');
    let value: Term | null = null;
    if (state.atPunct(':=') || state.atPunct('=')) {
      state.advance();
      value = parseMembership(state);
    } else if (!state.atKeyword('if') && !state.atPunct('{')) {
      state.unexpected('expected else value term or rule body');
    }
    const parsed = parseRuleBody(state, kind);
    chain.push({ value, body: parsed.body, location: state.span(start) });
  }
  return chain;
}
