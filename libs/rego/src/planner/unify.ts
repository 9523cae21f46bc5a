import type { Term } from '../ast/nodes';
import type { Operand } from '../ir/ir';
import type { Location } from '../syntax/location';
import {
  bindVar,
  emit,
  emitFailure,
  isBoundVar,
  local,
  toLocal,
  type Continuation,
  type FuncScope,
} from './scope';
import { planInteger, planTerm } from './terms';

/**
 * Whether `term` is a pattern that binds variables when unified: an unbound variable, or
 * an array/object whose elements (object values) contain one. Variables inside refs,
 * calls and comprehensions do not count: those terms are evaluated, not matched.
 */
export function hasUnboundPatternVars(scope: FuncScope, term: Term): boolean {
  switch (term.type) {
    case 'var':
      return !isBoundVar(scope, term.name);
    case 'array':
      return term.items.some((item) => hasUnboundPatternVars(scope, item));
    case 'object':
      return term.entries.some(([, value]) => hasUnboundPatternVars(scope, value));
    default:
      return false;
  }
}

/** Plans `a = b` (and `a := b`): binds unbound variables on either side, else compares. */
export function unify(
  scope: FuncScope,
  a: Term,
  b: Term,
  location: Location,
  next: Continuation,
): void {
  const aBinds = hasUnboundPatternVars(scope, a);
  const bBinds = hasUnboundPatternVars(scope, b);
  if (aBinds && bBinds) return unifyPatterns(scope, a, b, location, next);
  if (aBinds) return planTerm(scope, b, (value) => unifyWithValue(scope, a, value, location, next));
  if (bBinds) return planTerm(scope, a, (value) => unifyWithValue(scope, b, value, location, next));
  planTerm(scope, a, (left) =>
    planTerm(scope, b, (right) => {
      emit(scope, { type: 'EqualStmt', a: left, b: right, location });
      next();
    }),
  );
}

/** Matches `pattern` against an already computed value, binding the pattern's unbound variables. */
export function unifyWithValue(
  scope: FuncScope,
  pattern: Term,
  value: Operand,
  location: Location,
  next: Continuation,
): void {
  if (pattern.type === 'var' && !isBoundVar(scope, pattern.name)) {
    // Planned values live in locals that are never reassigned while the variable is in
    // scope, so the variable can name them; input and data can be swapped by `with`, and
    // constants have no local: those are copied.
    if (value.kind === 'local' && value.local !== scope.input && value.local !== scope.data) {
      bindVar(scope, pattern.name, value.local);
      return next();
    }
    const target = scope.emitter.newLocal();
    emit(scope, { type: 'AssignVarStmt', source: value, target, location });
    bindVar(scope, pattern.name, target);
    return next();
  }
  if (pattern.type === 'array' && hasUnboundPatternVars(scope, pattern)) {
    const source = toLocal(scope, value, location);
    emit(scope, { type: 'IsArrayStmt', source: local(source), location });
    expectLength(scope, source, pattern.items.length, location);
    const step = (index: number): void => {
      if (index === pattern.items.length) return next();
      const element = scope.emitter.newLocal();
      const key = planInteger(scope, index, location);
      emit(scope, { type: 'DotStmt', source: local(source), key, target: element, location });
      unifyWithValue(scope, pattern.items[index], local(element), location, () => step(index + 1));
    };
    return step(0);
  }
  if (pattern.type === 'object' && hasUnboundPatternVars(scope, pattern)) {
    const source = toLocal(scope, value, location);
    emit(scope, { type: 'IsObjectStmt', source: local(source), location });
    expectLength(scope, source, pattern.entries.length, location);
    const step = (index: number): void => {
      if (index === pattern.entries.length) return next();
      const [keyTerm, valueTerm] = pattern.entries[index];
      planTerm(scope, keyTerm, (key) => {
        const element = scope.emitter.newLocal();
        emit(scope, { type: 'DotStmt', source: local(source), key, target: element, location });
        unifyWithValue(scope, valueTerm, local(element), location, () => step(index + 1));
      });
    };
    return step(0);
  }
  planTerm(scope, pattern, (patternValue) => {
    emit(scope, { type: 'EqualStmt', a: patternValue, b: value, location });
    next();
  });
}

/** Both sides bind variables: only matching composites can be unified element by element. */
function unifyPatterns(
  scope: FuncScope,
  a: Term,
  b: Term,
  location: Location,
  next: Continuation,
): void {
  if (a.type === 'array' && b.type === 'array') {
    if (a.items.length !== b.items.length) return emitFailure(scope, location);
    const step = (index: number): void => {
      if (index === a.items.length) return next();
      unify(scope, a.items[index], b.items[index], location, () => step(index + 1));
    };
    return step(0);
  }
  if (a.type === 'object' && b.type === 'object') {
    const pairs = matchObjectKeys(a.entries, b.entries);
    if (!pairs) return emitFailure(scope, location);
    const step = (index: number): void => {
      if (index === pairs.length) return next();
      unify(scope, pairs[index][0], pairs[index][1], location, () => step(index + 1));
    };
    return step(0);
  }
  if (a.type === 'var' || b.type === 'var') {
    scope.planner.error(
      'unification of two unbound variables is unsafe',
      location,
      'rego_unsafe_var_error',
    );
    return;
  }
  // An array against an object (or similar): can never match.
  emitFailure(scope, location);
}

/** Pairs the values of two object patterns by equal constant keys; null when the key sets differ. */
function matchObjectKeys(
  a: Array<[Term, Term]>,
  b: Array<[Term, Term]>,
): Array<[Term, Term]> | null {
  if (a.length !== b.length) return null;
  const pairs: Array<[Term, Term]> = [];
  for (const [key, value] of a) {
    const match = b.find(
      ([other]) => constantKey(other) !== null && constantKey(other) === constantKey(key),
    );
    if (!match) return null;
    pairs.push([value, match[1]]);
  }
  return pairs;
}

function constantKey(term: Term): string | null {
  switch (term.type) {
    case 'string':
      return `s:${term.value}`;
    case 'number':
      return `n:${Number(term.text)}`;
    case 'boolean':
      return `b:${term.value}`;
    case 'null':
      return 'null';
    default:
      return null;
  }
}

function expectLength(scope: FuncScope, source: number, length: number, location: Location): void {
  const actual = scope.emitter.newLocal();
  emit(scope, { type: 'LenStmt', source: local(source), target: actual, location });
  emit(scope, {
    type: 'EqualStmt',
    a: local(actual),
    b: planInteger(scope, length, location),
    location,
  });
}
