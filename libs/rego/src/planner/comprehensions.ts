import type { ComprehensionTerm } from '../ast/nodes';
import type { Block } from '../ir/ir';
import { planBody } from './bodies';
import { emit, local, withNestedVars, type FuncScope, type ValueContinuation } from './scope';
import { planTerm } from './terms';

/**
 * A comprehension is a nested block that runs its body and adds the head once per
 * solution to a collection made just before it. The body reads outer variables directly
 * (the checker gives a captured variable the same name inside and out) and its own
 * bindings stay inside. The collection is always defined, possibly empty.
 */
export function planComprehension(
  scope: FuncScope,
  term: ComprehensionTerm,
  next: ValueContinuation,
): void {
  const location = term.location;
  const target = scope.emitter.newLocal();
  switch (term.type) {
    case 'arraycomprehension':
      emit(scope, { type: 'MakeArrayStmt', capacity: 0, target, location });
      break;
    case 'setcomprehension':
      emit(scope, { type: 'MakeSetStmt', target, location });
      break;
    case 'objectcomprehension':
      emit(scope, { type: 'MakeObjectStmt', target, location });
      break;
  }
  const block: Block = { stmts: [] };
  emit(scope, { type: 'BlockStmt', blocks: [block], location });
  scope.emitter.into(block, () =>
    withNestedVars(scope, () =>
      planBody(scope, term.body, () => {
        if (term.type === 'objectcomprehension') {
          planTerm(scope, term.key, (key) =>
            planTerm(scope, term.value, (value) =>
              // Two different values for one key is a conflict, as in OPA.
              emit(scope, { type: 'ObjectInsertOnceStmt', key, value, object: target, location }),
            ),
          );
          return;
        }
        planTerm(scope, term.head, (value) => {
          if (term.type === 'arraycomprehension') {
            emit(scope, { type: 'ArrayAppendStmt', value, array: target, location });
          } else {
            emit(scope, { type: 'SetAddStmt', value, set: target, location });
          }
        });
      }),
    ),
  );
  next(local(target));
}
