import type { Location } from '../syntax/location';
import type { Local, Operand, Stmt } from '../ir/ir';
import type { Emitter } from './emitter';
import type { Overrides } from './overrides';
import type { Planner } from './planner';

/** Continues planning the rest of a body once the current literal has succeeded. */
export type Continuation = () => void;
/** Continues planning with the value of the term just planned. */
export type ValueContinuation = (value: Operand) => void;

/**
 * The state while planning one function or plan. Planning is continuation-passing: a
 * literal emits its statements and then plans the rest of the body *inside* whatever
 * it opened (a scan's block, say), which is how iteration and backtracking become nested
 * blocks. `vars` maps each bound Rego variable to its local; nested constructs (negation,
 * comprehensions) restore it afterwards so their bindings do not leak.
 */
export interface FuncScope {
  planner: Planner;
  emitter: Emitter;
  vars: Map<string, Local>;
  overrides: Overrides;
  /** The locals holding input and data (always 0 and 1; `with` swaps their contents). */
  input: Local;
  data: Local;
}

export function emit(scope: FuncScope, stmt: Stmt): void {
  scope.emitter.emit(stmt);
}

export function local(index: Local): Operand {
  return { kind: 'local', local: index };
}

export function stringOperand(scope: FuncScope, value: string): Operand {
  return { kind: 'string', index: scope.planner.policy.string(value) };
}

/** The operand as a local (constants are copied into a fresh one), for statements that need a local. */
export function toLocal(scope: FuncScope, operand: Operand, location: Location): Local {
  if (operand.kind === 'local') return operand.local;
  const target = scope.emitter.newLocal();
  emit(scope, { type: 'AssignVarStmt', source: operand, target, location });
  return target;
}

/** Runs `plan` and then restores the variable bindings, so that the bindings it made stay inside. */
export function withNestedVars(scope: FuncScope, plan: () => void): void {
  const saved = new Map(scope.vars);
  try {
    plan();
  } finally {
    scope.vars = saved;
  }
}

export function isBoundVar(scope: FuncScope, name: string): boolean {
  if (name === WILDCARD) return false;
  return scope.vars.has(name) || name === 'input' || name === 'data';
}

/**
 * The wildcard. The parser renames each `_` to a unique generated variable; should one
 * still arrive, every occurrence is a fresh variable that is never bound.
 */
export const WILDCARD = '_';

/** Binds `name` to `target`, except the wildcard, which binds nothing. */
export function bindVar(scope: FuncScope, name: string, target: number): void {
  if (name !== WILDCARD) scope.vars.set(name, target);
}

/** Emits a statement that always fails: used where a pattern can never match. */
export function emitFailure(scope: FuncScope, location: Location): void {
  emit(scope, {
    type: 'EqualStmt',
    a: { kind: 'bool', value: true },
    b: { kind: 'bool', value: false },
    location,
  });
}
