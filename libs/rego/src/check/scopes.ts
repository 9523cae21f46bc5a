/**
 * Which variables a body declares and which it mentions at its own level. A comprehension
 * or `every` body is a nested scope: its variables are local to it unless the enclosing
 * scope has a variable of the same name, which it then captures (closure).
 */
import type { Body, ComprehensionTerm, EveryLiteral, Literal, Term, VarTerm } from '../ast/nodes';

/** Variables of a pattern (`:=` left side, `some … in` key/value, function argument). */
export function patternVars(term: Term, into: VarTerm[] = []): VarTerm[] {
  switch (term.type) {
    case 'var':
      into.push(term);
      break;
    case 'array':
    case 'set':
      for (const item of term.items) patternVars(item, into);
      break;
    case 'object':
      for (const [, value] of term.entries) patternVars(value, into);
      break;
    default:
      break;
  }
  return into;
}

/** Names a body declares at its own level: `some x`, `some k, v in …` patterns, `x := …` left sides. */
export function declaredNames(body: Body): Set<string> {
  const names = new Set<string>();
  for (const literal of body) {
    for (const variable of declaredVars(literal)) names.add(variable.name);
  }
  return names;
}

/** The variables one literal declares. */
export function declaredVars(literal: Literal): VarTerm[] {
  switch (literal.type) {
    case 'some':
      return literal.vars;
    case 'somein':
      return [...(literal.key ? patternVars(literal.key) : []), ...patternVars(literal.value)];
    case 'expr':
      if (
        !literal.negated &&
        literal.term.type === 'call' &&
        literal.term.operator.join('.') === 'assign'
      ) {
        return patternVars(literal.term.args[0]);
      }
      return [];
    default:
      return [];
  }
}

export function isComprehension(term: Term): term is ComprehensionTerm {
  return (
    term.type === 'arraycomprehension' ||
    term.type === 'setcomprehension' ||
    term.type === 'objectcomprehension'
  );
}

/**
 * Visits the variables of a term at the current scope level (not inside comprehensions)
 * and reports each comprehension met, so the caller can treat it as a nested scope.
 */
export function visitScopeTerm(
  term: Term,
  onVar: (variable: VarTerm) => void,
  onNested: (nested: ComprehensionTerm) => void,
): void {
  switch (term.type) {
    case 'var':
      onVar(term);
      return;
    case 'ref':
      visitScopeTerm(term.head, onVar, onNested);
      for (const part of term.path) visitScopeTerm(part, onVar, onNested);
      return;
    case 'array':
    case 'set':
      for (const item of term.items) visitScopeTerm(item, onVar, onNested);
      return;
    case 'object':
      for (const [key, value] of term.entries) {
        visitScopeTerm(key, onVar, onNested);
        visitScopeTerm(value, onVar, onNested);
      }
      return;
    case 'call':
      for (const arg of term.args) visitScopeTerm(arg, onVar, onNested);
      return;
    case 'arraycomprehension':
    case 'setcomprehension':
    case 'objectcomprehension':
      onNested(term);
      return;
    default:
      return;
  }
}

/** Like `visitScopeTerm` for a whole literal; an `every` body is reported as nested. */
export function visitScopeLiteral(
  literal: Literal,
  onVar: (variable: VarTerm) => void,
  onNested: (nested: ComprehensionTerm) => void,
  onEvery: (every: EveryLiteral) => void,
): void {
  const visit = (term: Term): void => visitScopeTerm(term, onVar, onNested);
  switch (literal.type) {
    case 'expr':
      visit(literal.term);
      break;
    case 'some':
      literal.vars.forEach(onVar);
      return;
    case 'somein':
      if (literal.key) visit(literal.key);
      visit(literal.value);
      visit(literal.collection);
      break;
    case 'every':
      visit(literal.domain);
      onEvery(literal);
      break;
  }
  // A `with` target names input, data or a function, never a local variable.
  for (const modifier of literal.with) visit(modifier.value);
}

/** Names of the variables a term mentions at its own level. */
export function scopeVarNames(term: Term): Set<string> {
  const names = new Set<string>();
  visitScopeTerm(
    term,
    (variable) => names.add(variable.name),
    () => undefined,
  );
  return names;
}
