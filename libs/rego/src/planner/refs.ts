import type { NumberTerm, RefTerm, Term } from '../ast/nodes';
import type { Block, Operand } from '../ir/ir';
import type { Location } from '../syntax/location';
import { isReplacedPath } from './overrides';
import type { RuleNode } from './rule-tree';
import { bindVar, emit, local, toLocal, type FuncScope, type ValueContinuation } from './scope';
import { planNumber, planTerm } from './terms';
import { hasUnboundPatternVars, unifyWithValue } from './unify';

/** Plans a reference: `input…`, `data…`, a local's path, or a path into a computed value. */
export function planRef(scope: FuncScope, ref: RefTerm, next: ValueContinuation): void {
  const head = ref.head;
  if (head.type === 'var' && !scope.vars.has(head.name)) {
    if (head.name === 'data') return planDataDocument(scope, ref.path, ref.location, next);
    if (head.name === 'input') {
      return planPath(scope, local(scope.input), ref.path, ref.location, next);
    }
  }
  planTerm(scope, head, (value) => planPath(scope, value, ref.path, ref.location, next));
}

/**
 * Walks `path` from `source`: a ground element is a `DotStmt`; an element with unbound
 * variables iterates (`ScanStmt`) and binds them from each key.
 */
export function planPath(
  scope: FuncScope,
  source: Operand,
  path: readonly Term[],
  location: Location,
  next: ValueContinuation,
): void {
  if (path.length === 0) return next(source);
  const [element, ...rest] = path;
  if (hasUnboundPatternVars(scope, element)) {
    const sourceLocal = toLocal(scope, source, location);
    const key = scope.emitter.newLocal();
    const value = scope.emitter.newLocal();
    const block = { stmts: [] };
    emit(scope, { type: 'ScanStmt', source: sourceLocal, key, value, block, location });
    scope.emitter.into(block, () => {
      if (element.type === 'var') {
        // The scan's key local is fresh per element: the variable can simply name it.
        bindVar(scope, element.name, key);
        planPath(scope, local(value), rest, location, next);
      } else {
        unifyWithValue(scope, element, local(key), location, () =>
          planPath(scope, local(value), rest, location, next),
        );
      }
    });
    return;
  }
  planTerm(scope, element, (key) => {
    const target = scope.emitter.newLocal();
    emit(scope, { type: 'DotStmt', source, key, target, location });
    planPath(scope, local(target), rest, location, next);
  });
}

/**
 * Plans `data` followed by `path`. Constant keys descend the rule tree; a rule node is a
 * call of its function; a key that leaves the tree reads base data; a variable (or the
 * end of the path) at a node holding rules below it needs the node's whole document.
 */
export function planDataDocument(
  scope: FuncScope,
  path: readonly Term[],
  location: Location,
  next: ValueContinuation,
): void {
  const { planner } = scope;
  let node: RuleNode = planner.tree.root;
  for (let index = 0; ; index++) {
    if (isReplacedPath(scope.overrides, node.path))
      return planBaseData(scope, path, location, next);
    const rest = path.slice(index);
    if (node.rules.length > 0) {
      // The rule function also covers the rules below this node (see planRuleFunc).
      const func = planner.ruleFunc(node, scope.overrides);
      return planFuncCall(scope, func, location, (value) =>
        planPath(scope, value, rest, location, next),
      );
    }
    const element = path[index] as Term | undefined;
    if (element?.type === 'string') {
      const child = node.children.get(element.value);
      if (child && planner.tree.hasDocument(child)) {
        node = child;
        continue;
      }
    }
    const literalKey = element !== undefined && isScalar(element);
    if (literalKey || !planner.tree.hasDocument(node)) {
      // Nothing virtual can lie under this key: it is base data.
      return planBaseData(scope, path, location, next);
    }
    const func = planner.documentFunc(node, scope.overrides);
    return planFuncCall(scope, func, location, (value) =>
      planPath(scope, value, rest, location, next),
    );
  }
}

/**
 * Reads base data. Base documents come from JSON, so object keys are strings; OPA's store
 * still accepts a number in the path (`data.x[2]`): an array index, or the object key
 * `"2"`. Such a key tries the number first and then its text.
 */
function planBaseData(
  scope: FuncScope,
  path: readonly Term[],
  location: Location,
  next: ValueContinuation,
): void {
  const walk = (source: Operand, rest: readonly Term[]): void => {
    const index = rest.findIndex((element) => element.type === 'number');
    if (index < 0) return planPath(scope, source, rest, location, next);
    planPath(scope, source, rest.slice(0, index), location, (container) => {
      const element = rest[index] as NumberTerm;
      const target = scope.emitter.newLocal();
      const asIndex: Block = { stmts: [] };
      const asKey: Block = { stmts: [] };
      emit(scope, { type: 'ResetLocalStmt', target, location });
      emit(scope, { type: 'BlockStmt', blocks: [asIndex], location });
      emit(scope, { type: 'BlockStmt', blocks: [asKey], location });
      emit(scope, { type: 'IsDefinedStmt', source: target, location });
      scope.emitter.into(asIndex, () => {
        const key = planNumber(scope, element);
        emit(scope, { type: 'DotStmt', source: container, key, target, location });
      });
      asKey.stmts.push({ type: 'IsUndefinedStmt', source: target, location });
      const key = { kind: 'string' as const, index: scope.planner.policy.string(element.text) };
      asKey.stmts.push({ type: 'DotStmt', source: container, key, target, location });
      walk(local(target), rest.slice(index + 1));
    });
  };
  walk(local(scope.data), path);
}

/** Calls a rule or document function with the current input and data. */
export function planFuncCall(
  scope: FuncScope,
  func: string,
  location: Location,
  next: ValueContinuation,
): void {
  const result = scope.emitter.newLocal();
  const args: Operand[] = [local(scope.input), local(scope.data)];
  emit(scope, { type: 'CallStmt', func, args, result, location });
  next(local(result));
}

function isScalar(term: Term): boolean {
  return (
    term.type === 'string' ||
    term.type === 'number' ||
    term.type === 'boolean' ||
    term.type === 'null'
  );
}
