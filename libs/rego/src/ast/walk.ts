/**
 * Generic traversal of terms and bodies. Phases that need scoping (name resolution,
 * renaming, safety) write their own recursion; these helpers cover the common
 * "visit everything" and "rebuild with changes" cases.
 */
import type { Body, Literal, Rule, Term, WithModifier } from './nodes';

/** Calls `visit` on every term (pre-order), descending into comprehension bodies. */
export function forEachTerm(term: Term, visit: (term: Term) => void): void {
  visit(term);
  switch (term.type) {
    case 'ref':
      forEachTerm(term.head, visit);
      for (const part of term.path) forEachTerm(part, visit);
      return;
    case 'array':
    case 'set':
      for (const item of term.items) forEachTerm(item, visit);
      return;
    case 'object':
      for (const [key, value] of term.entries) {
        forEachTerm(key, visit);
        forEachTerm(value, visit);
      }
      return;
    case 'call':
      for (const arg of term.args) forEachTerm(arg, visit);
      return;
    case 'arraycomprehension':
    case 'setcomprehension':
      forEachTerm(term.head, visit);
      forEachTermInBody(term.body, visit);
      return;
    case 'objectcomprehension':
      forEachTerm(term.key, visit);
      forEachTerm(term.value, visit);
      forEachTermInBody(term.body, visit);
      return;
    default:
      return;
  }
}

export function forEachTermInBody(body: Body, visit: (term: Term) => void): void {
  for (const literal of body) forEachTermInLiteral(literal, visit);
}

export function forEachTermInLiteral(literal: Literal, visit: (term: Term) => void): void {
  switch (literal.type) {
    case 'expr':
      forEachTerm(literal.term, visit);
      break;
    case 'some':
      for (const variable of literal.vars) forEachTerm(variable, visit);
      return;
    case 'somein':
      if (literal.key) forEachTerm(literal.key, visit);
      forEachTerm(literal.value, visit);
      forEachTerm(literal.collection, visit);
      break;
    case 'every':
      if (literal.key) forEachTerm(literal.key, visit);
      forEachTerm(literal.value, visit);
      forEachTerm(literal.domain, visit);
      forEachTermInBody(literal.body, visit);
      break;
  }
  for (const modifier of literal.with) {
    forEachTerm(modifier.target, visit);
    forEachTerm(modifier.value, visit);
  }
}

/** Every term of a rule: head (ref, args, key, value), body and else chain. */
export function forEachTermInRule(rule: Rule, visit: (term: Term) => void): void {
  for (const part of rule.head.ref) forEachTerm(part, visit);
  for (const arg of rule.head.args ?? []) forEachTerm(arg, visit);
  if (rule.head.key) forEachTerm(rule.head.key, visit);
  if (rule.head.value) forEachTerm(rule.head.value, visit);
  forEachTermInBody(rule.body, visit);
  for (const clause of rule.elseChain) {
    if (clause.value) forEachTerm(clause.value, visit);
    forEachTermInBody(clause.body, visit);
  }
}

/**
 * Rebuilds a term bottom-up: children first, then `change` on the rebuilt node (return
 * `undefined` to keep it). Bodies of comprehensions are rebuilt with `changeBody` when
 * given (so a scoped phase can handle them), otherwise literal by literal.
 */
export function mapTerm(
  term: Term,
  change: (term: Term) => Term | undefined,
  changeBody?: (body: Body) => Body,
): Term {
  const recurse = (child: Term): Term => mapTerm(child, change, changeBody);
  const body = (inner: Body): Body => (changeBody ? changeBody(inner) : mapBody(inner, change));
  let rebuilt: Term;
  switch (term.type) {
    case 'ref':
      rebuilt = { ...term, head: recurse(term.head), path: term.path.map(recurse) };
      break;
    case 'array':
    case 'set':
      rebuilt = { ...term, items: term.items.map(recurse) };
      break;
    case 'object':
      rebuilt = {
        ...term,
        entries: term.entries.map(([key, value]) => [recurse(key), recurse(value)] as [Term, Term]),
      };
      break;
    case 'call':
      rebuilt = { ...term, args: term.args.map(recurse) };
      break;
    case 'arraycomprehension':
    case 'setcomprehension':
      rebuilt = { ...term, head: recurse(term.head), body: body(term.body) };
      break;
    case 'objectcomprehension':
      rebuilt = {
        ...term,
        key: recurse(term.key),
        value: recurse(term.value),
        body: body(term.body),
      };
      break;
    default:
      rebuilt = term;
  }
  return change(rebuilt) ?? rebuilt;
}

export function mapBody(body: Body, change: (term: Term) => Term | undefined): Body {
  return body.map((literal) => mapLiteral(literal, change));
}

export function mapLiteral(literal: Literal, change: (term: Term) => Term | undefined): Literal {
  const term = (inner: Term): Term => mapTerm(inner, change);
  const modifiers = (literal.type === 'some' ? [] : literal.with).map((modifier): WithModifier => ({
    ...modifier,
    target: term(modifier.target) as WithModifier['target'],
    value: term(modifier.value),
  }));
  switch (literal.type) {
    case 'expr':
      return { ...literal, term: term(literal.term), with: modifiers };
    case 'some':
      return {
        ...literal,
        vars: literal.vars.map((variable) => term(variable) as typeof variable),
      };
    case 'somein':
      return {
        ...literal,
        key: literal.key && term(literal.key),
        value: term(literal.value),
        collection: term(literal.collection),
        with: modifiers,
      };
    case 'every':
      return {
        ...literal,
        key: literal.key && (term(literal.key) as typeof literal.key),
        value: term(literal.value) as typeof literal.value,
        domain: term(literal.domain),
        body: mapBody(literal.body, change),
        with: modifiers,
      };
  }
}

/** Names of all variables in a term, comprehension bodies included. */
export function varNames(term: Term): Set<string> {
  const names = new Set<string>();
  forEachTerm(term, (inner) => {
    if (inner.type === 'var') names.add(inner.name);
  });
  return names;
}
