import type { NumberTerm, Term } from '../ast/nodes';
import type { Operand } from '../ir/ir';
import type { Location } from '../syntax/location';
import { planCall } from './calls';
import { planComprehension } from './comprehensions';
import { planDataDocument, planRef } from './refs';
import { emit, local, stringOperand, type FuncScope, type ValueContinuation } from './scope';

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/**
 * Plans the evaluation of `term` and continues with its value. A term whose evaluation
 * iterates (a reference with an unbound variable in its path) continues once per value.
 */
export function planTerm(scope: FuncScope, term: Term, next: ValueContinuation): void {
  switch (term.type) {
    case 'null': {
      const target = scope.emitter.newLocal();
      emit(scope, { type: 'MakeNullStmt', target, location: term.location });
      return next(local(target));
    }
    case 'boolean':
      return next({ kind: 'bool', value: term.value });
    case 'string':
      return next(stringOperand(scope, term.value));
    case 'number':
      return next(planNumber(scope, term));
    case 'var':
      return planVar(scope, term.name, term.location, next);
    case 'ref':
      return planRef(scope, term, next);
    case 'array':
      return planTerms(scope, term.items, (items) => {
        const target = scope.emitter.newLocal();
        const location = term.location;
        emit(scope, { type: 'MakeArrayStmt', capacity: items.length, target, location });
        for (const value of items)
          emit(scope, { type: 'ArrayAppendStmt', value, array: target, location });
        next(local(target));
      });
    case 'set':
      return planTerms(scope, term.items, (items) => {
        const target = scope.emitter.newLocal();
        const location = term.location;
        emit(scope, { type: 'MakeSetStmt', target, location });
        for (const value of items)
          emit(scope, { type: 'SetAddStmt', value, set: target, location });
        next(local(target));
      });
    case 'object':
      return planTerms(scope, term.entries.flat(), (operands) => {
        const target = scope.emitter.newLocal();
        const location = term.location;
        emit(scope, { type: 'MakeObjectStmt', target, location });
        for (let index = 0; index < operands.length; index += 2) {
          const [key, value] = [operands[index], operands[index + 1]];
          emit(scope, { type: 'ObjectInsertStmt', key, value, object: target, location });
        }
        next(local(target));
      });
    case 'arraycomprehension':
    case 'setcomprehension':
    case 'objectcomprehension':
      return planComprehension(scope, term, next);
    case 'call':
      return planCall(scope, term, next);
  }
}

/** Plans several terms left to right and continues with all their values. */
export function planTerms(
  scope: FuncScope,
  terms: readonly Term[],
  next: (values: Operand[]) => void,
): void {
  const values: Operand[] = [];
  const step = (index: number): void => {
    if (index === terms.length) return next([...values]);
    planTerm(scope, terms[index], (value) => {
      values[index] = value;
      step(index + 1);
    });
  };
  step(0);
}

export function planNumber(scope: FuncScope, term: NumberTerm): Operand {
  const target = scope.emitter.newLocal();
  const location = term.location;
  const asInteger = /^-?\d+$/.test(term.text) ? Number(term.text) : NaN;
  if (Number.isInteger(asInteger) && asInteger >= INT32_MIN && asInteger <= INT32_MAX) {
    emit(scope, { type: 'MakeNumberIntStmt', value: asInteger, target, location });
  } else {
    const index = scope.planner.policy.number(term.text);
    emit(scope, { type: 'MakeNumberRefStmt', index, target, location });
  }
  return local(target);
}

/** An integer constant as an operand (array indexes, lengths). */
export function planInteger(scope: FuncScope, value: number, location: Location): Operand {
  const target = scope.emitter.newLocal();
  emit(scope, { type: 'MakeNumberIntStmt', value, target, location });
  return local(target);
}

function planVar(
  scope: FuncScope,
  name: string,
  location: Location,
  next: ValueContinuation,
): void {
  const bound = scope.vars.get(name);
  if (bound !== undefined) return next(local(bound));
  if (name === 'input') {
    // A bare `input` is undefined when no input was given; the literal must fail then.
    emit(scope, { type: 'IsDefinedStmt', source: scope.input, location });
    return next(local(scope.input));
  }
  if (name === 'data') return planDataDocument(scope, [], location, next);
  scope.planner.error(`var ${name} is unsafe`, location, 'rego_unsafe_var_error');
}
