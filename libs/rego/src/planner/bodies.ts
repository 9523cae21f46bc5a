import type { Body, EveryLiteral, Literal, SomeInLiteral, Term } from '../ast/nodes';
import type { Block, Operand, Stmt } from '../ir/ir';
import type { Location } from '../syntax/location';
import { planCall } from './calls';
import {
  bindVar,
  emit,
  local,
  toLocal,
  withNestedVars,
  type Continuation,
  type FuncScope,
} from './scope';
import { planTerm, planTerms } from './terms';
import { unifyWithValue } from './unify';
import { planWith } from './with';

/** Plans the literals of `body` in order, then `next` (inside whatever the literals opened). */
export function planBody(scope: FuncScope, body: Body, next: Continuation): void {
  const step = (index: number): void => {
    if (index === body.length) return next();
    planLiteral(scope, body[index], () => step(index + 1));
  };
  step(0);
}

function planLiteral(scope: FuncScope, literal: Literal, next: Continuation): void {
  if (literal.type === 'some') return next();
  if (literal.with.length > 0) {
    return planWith(scope, literal, (inner) => planUnmodifiedLiteral(scope, literal, inner), next);
  }
  planUnmodifiedLiteral(scope, literal, next);
}

function planUnmodifiedLiteral(scope: FuncScope, literal: Literal, next: Continuation): void {
  switch (literal.type) {
    case 'some':
      return next();
    case 'expr':
      if (literal.negated) {
        return planNegation(
          scope,
          literal.location,
          (inner) => planTruth(scope, literal.term, inner),
          next,
        );
      }
      return planTruth(scope, literal.term, next);
    case 'somein':
      return planSomeIn(scope, literal, next);
    case 'every':
      return planEvery(scope, literal, next);
  }
}

/** An expression holds when its value is defined and not `false`. */
function planTruth(scope: FuncScope, term: Term, next: Continuation): void {
  const location = term.location;
  if (term.type === 'call' && term.args.length === 2 && !isMocked(scope, term.operator)) {
    const name = term.operator.join('.');
    if (name === 'equal' || name === 'neq') {
      // Comparisons as literals need no boolean value: compare and fail directly.
      return planTerms(scope, term.args, ([a, b]) => {
        emit(scope, { type: name === 'equal' ? 'EqualStmt' : 'NotEqualStmt', a, b, location });
        next();
      });
    }
  }
  const onValue = (value: Operand): void => {
    if (!(value.kind === 'bool' && value.value)) {
      emit(scope, { type: 'NotEqualStmt', a: value, b: { kind: 'bool', value: false }, location });
    }
    next();
  };
  if (term.type === 'call') return planCall(scope, term, onValue);
  planTerm(scope, term, onValue);
}

function isMocked(scope: FuncScope, operator: string[]): boolean {
  return scope.overrides.functionMocks.has(operator.join('.'));
}

/** `not …`: a `NotStmt` around the positive literal; its bindings stay inside. */
export function planNegation(
  scope: FuncScope,
  location: Location,
  planPositive: (next: Continuation) => void,
  next: Continuation,
): void {
  const block: Block = { stmts: [] };
  emit(scope, { type: 'NotStmt', block, location });
  scope.emitter.into(block, () =>
    withNestedVars(scope, () => planExistential(scope, location, planPositive)),
  );
  next();
}

/**
 * Emits code that runs to its end exactly when `planPositive` has at least one solution.
 * Without iteration that is the positive code itself. With iteration (scans) the end of
 * the code is reached whether or not any element matched, so the first solution sets a
 * flag and leaves the scans, and the flag is checked afterwards.
 */
export function planExistential(
  scope: FuncScope,
  location: Location,
  planPositive: (next: Continuation) => void,
): void {
  const { emitter } = scope;
  const found = emitter.newLocal();
  const block: Block = { stmts: [] };
  const blockDepth = emitter.depth + 1;
  let reachedDepth = -1;
  let markers: Stmt[] = [];
  emitter.into(block, () =>
    planPositive(() => {
      reachedDepth = emitter.depth;
      markers = [
        { type: 'AssignVarStmt', source: { kind: 'bool', value: true }, target: found, location },
        { type: 'BreakStmt', index: emitter.breakIndexTo(blockDepth), location },
      ];
      for (const stmt of markers) emit(scope, stmt);
    }),
  );
  const stmts = block.stmts;
  const endsWithMarkers =
    stmts.length >= 2 &&
    stmts[stmts.length - 2] === markers[0] &&
    stmts[stmts.length - 1] === markers[1];
  if (reachedDepth === blockDepth && endsWithMarkers) {
    for (const stmt of stmts.slice(0, -2)) emit(scope, stmt);
    return;
  }
  emit(scope, { type: 'ResetLocalStmt', target: found, location });
  emit(scope, { type: 'BlockStmt', blocks: [block], location });
  emit(scope, { type: 'IsDefinedStmt', source: found, location });
}

/** `some k, v in xs`: scans `xs` and matches key and value against each element. */
function planSomeIn(scope: FuncScope, literal: SomeInLiteral, next: Continuation): void {
  const location = literal.location;
  planTerm(scope, literal.collection, (collection) => {
    const source = toLocal(scope, collection, location);
    const key = scope.emitter.newLocal();
    const value = scope.emitter.newLocal();
    const block: Block = { stmts: [] };
    emit(scope, { type: 'ScanStmt', source, key, value, block, location });
    scope.emitter.into(block, () => {
      const matchValue = (): void =>
        unifyWithValue(scope, literal.value, local(value), location, next);
      if (literal.key) unifyWithValue(scope, literal.key, local(key), location, matchValue);
      else matchValue();
    });
  });
}

/**
 * `every k, v in xs { body }` holds when no element makes the body fail: scan the domain,
 * and at the first element for which `not body` holds, set a flag and stop. A domain that
 * is not a collection makes the scan fail, which a second flag (set after a complete
 * scan) turns into failure, as in OPA.
 */
function planEvery(scope: FuncScope, literal: EveryLiteral, next: Continuation): void {
  const location = literal.location;
  planTerm(scope, literal.domain, (domain) => {
    const { emitter } = scope;
    const source = toLocal(scope, domain, location);
    const counterexample = emitter.newLocal();
    const scanned = emitter.newLocal();
    emit(scope, { type: 'ResetLocalStmt', target: counterexample, location });
    emit(scope, { type: 'ResetLocalStmt', target: scanned, location });
    const outer: Block = { stmts: [] };
    emit(scope, { type: 'BlockStmt', blocks: [outer], location });
    const outerDepth = emitter.depth + 1;
    emitter.into(outer, () => {
      const key = emitter.newLocal();
      const value = emitter.newLocal();
      const scan: Block = { stmts: [] };
      emit(scope, { type: 'ScanStmt', source, key, value, block: scan, location });
      emitter.into(scan, () =>
        withNestedVars(scope, () => {
          if (literal.key) bindVar(scope, literal.key.name, key);
          bindVar(scope, literal.value.name, value);
          planNegation(
            scope,
            location,
            (inner) => planBody(scope, literal.body, inner),
            () => {
              emit(scope, {
                type: 'AssignVarStmt',
                source: { kind: 'bool', value: true },
                target: counterexample,
                location,
              });
              emit(scope, { type: 'BreakStmt', index: emitter.breakIndexTo(outerDepth), location });
            },
          );
        }),
      );
      const done: Operand = { kind: 'bool', value: true };
      emit(scope, { type: 'AssignVarStmt', source: done, target: scanned, location });
    });
    emit(scope, { type: 'IsDefinedStmt', source: scanned, location });
    emit(scope, { type: 'IsUndefinedStmt', source: counterexample, location });
    next();
  });
}
