import type { Block, Func, Operand } from '../ir/ir';
import { DATA_LOCAL, INPUT_LOCAL } from '../ir/ir';
import type { Location } from '../syntax/location';
import { isReplacedPath } from './overrides';
import { planFuncCall, planPath } from './refs';
import type { RuleNode } from './rule-tree';
import { emit, local, stringOperand, type FuncScope } from './scope';

/**
 * The function building the whole document at a node that has rules below it (`data.pkg`,
 * or a prefix shared by rules and base data): an object with one key per child document,
 * where an undefined rule is simply absent and functions never appear, completed with
 * the keys of the base data at the same path that no child document has. Iterating over
 * rules (`data.pkg[name]`) or reading a package scans or reads this object.
 */
export function planDocumentFunc(
  scope: FuncScope,
  node: RuleNode,
  name: string,
  root: Block,
): Func {
  const { planner } = scope;
  const location = firstLocation(node) ?? NOWHERE;
  const result = scope.emitter.newLocal();
  emit(scope, { type: 'MakeObjectStmt', target: result, location });
  for (const child of node.children.values()) {
    // A child replaced by `with` is in the base data the merge below reads.
    if (!planner.tree.hasDocument(child) || isReplacedPath(scope.overrides, child.path)) continue;
    const block: Block = { stmts: [] };
    emit(scope, { type: 'BlockStmt', blocks: [block], location });
    scope.emitter.into(block, () => {
      const func =
        child.rules.length > 0
          ? planner.ruleFunc(child, scope.overrides)
          : planner.documentFunc(child, scope.overrides);
      planFuncCall(scope, func, location, (value) =>
        emit(scope, {
          type: 'ObjectInsertStmt',
          key: stringOperand(scope, child.key),
          value,
          object: result,
          location,
        }),
      );
    });
  }
  const base = node.path.map((key) => ({ type: 'string' as const, value: key, location }));
  addMissingBaseKeys(scope, result, location, (next) =>
    planPath(scope, local(DATA_LOCAL), base, location, next),
  );
  emit(scope, { type: 'ReturnLocalStmt', source: result, location });
  return {
    name,
    path: ['data', ...node.path],
    params: [INPUT_LOCAL, DATA_LOCAL],
    returnLocal: result,
    blocks: [root],
    location,
  };
}

/**
 * Copies into `result` each key of the base document (when it is an object) that `result`
 * does not have yet. A child document already holds its own base data (its function
 * merged it), so merging the base again here would meet every base leaf twice; a key
 * present in both is the virtual child's, as a direct reference to it would read.
 */
function addMissingBaseKeys(
  scope: FuncScope,
  result: number,
  location: Location,
  planBase: (next: (value: Operand) => void) => void,
): void {
  const block: Block = { stmts: [] };
  emit(scope, { type: 'BlockStmt', blocks: [block], location });
  scope.emitter.into(block, () =>
    planBase((value) => {
      const base = scope.emitter.newLocal();
      const key = scope.emitter.newLocal();
      const baseValue = scope.emitter.newLocal();
      const existing = scope.emitter.newLocal();
      const scanBlock: Block = { stmts: [] };
      const absentBlock: Block = { stmts: [] };
      emit(scope, { type: 'AssignVarStmt', source: value, target: base, location });
      emit(scope, { type: 'IsObjectStmt', source: local(base), location });
      emit(scope, {
        type: 'ScanStmt',
        source: base,
        key,
        value: baseValue,
        block: scanBlock,
        location,
      });
      scanBlock.stmts.push(
        { type: 'NotStmt', block: absentBlock, location },
        {
          type: 'ObjectInsertStmt',
          key: local(key),
          value: local(baseValue),
          object: result,
          location,
        },
      );
      absentBlock.stmts.push({
        type: 'DotStmt',
        source: local(result),
        key: local(key),
        target: existing,
        location,
      });
    }),
  );
}

/** For the root document of a policy without rules, which has no source position. */
const NOWHERE: Location = { file: '', line: 0, col: 0, offset: 0 };

function firstLocation(node: RuleNode): Location | undefined {
  if (node.rules.length > 0) return node.rules[0].rule.location;
  for (const child of node.children.values()) {
    const found = firstLocation(child);
    if (found) return found;
  }
  return undefined;
}
