import type { Body, ElseClause, Rule, Term } from '../ast/nodes';
import type { Block, Func, Local, Operand } from '../ir/ir';
import { DATA_LOCAL, INPUT_LOCAL } from '../ir/ir';
import type { Location } from '../syntax/location';
import { planBody } from './bodies';
import { planFuncCall } from './refs';
import type { AnchoredRule, RuleNode } from './rule-tree';
import { emit, local, type Continuation, type FuncScope } from './scope';
import { planTerm, planTerms } from './terms';
import { unifyWithValue } from './unify';

const TRUE_TERM = (location: Location): Term => ({ type: 'boolean', value: true, location });

/**
 * The function computing the rules at one node: a complete value (first else-clause that
 * succeeds wins, a second different value is a conflict, the default applies when nothing
 * else is defined), a set (`contains`), or an object (`p[k] := v`, ref heads, nested keys).
 *
 * Rule functions take only input and data, so their value is the same for a whole
 * evaluation: the backend memoises every function whose `path` is set and whose `params`
 * are exactly `[0, 1]` (and starts a fresh memo inside each `WithStmt`).
 */
export function planRuleFunc(scope: FuncScope, node: RuleNode, name: string, root: Block): Func {
  const location = node.rules[0].rule.location;
  const result = scope.emitter.newLocal();
  const descendants = [...scope.planner.tree.nodes(node)].filter(
    (other) => other !== node && other.rules.length > 0,
  );
  const collection = collectionKind(node.rules) ?? (descendants.length > 0 ? 'object' : null);
  if (collection === 'set') emit(scope, { type: 'MakeSetStmt', target: result, location });
  if (collection === 'object') emit(scope, { type: 'MakeObjectStmt', target: result, location });
  // Rules below a rule with a dynamic ref head (`p[q].r := …` and `p.a.r := 42`) build
  // one object together. The deepest keys are inserted first, so that a shallower value
  // landing on a key already holding deeper keys is a conflict (insert-once), as in OPA,
  // and no rule ever inserts into a value another rule produced.
  const items: Array<{ depth: number; plan: () => void }> = [];
  for (const anchored of node.rules) {
    if (anchored.rule.isDefault) continue;
    items.push({
      depth: definitionDepth(anchored),
      plan: () =>
        definitionBlock(scope, anchored.rule.location, () =>
          planRuleDefinition(scope, anchored, result, []),
        ),
    });
  }
  for (const descendant of descendants)
    items.push(...descendantItems(scope, node, descendant, result));
  items.sort((a, b) => b.depth - a.depth);
  for (const item of items) item.plan();
  planDefaults(scope, node.rules, result);
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

/** How many keys below the function's node a definition inserts at (a set counts its own key). */
function definitionDepth(anchored: AnchoredRule, prefixLength = 0): number {
  const { rule, dynamicPath } = anchored;
  const keys = rule.kind === 'set' && !rule.head.key ? dynamicPath.length - 1 : dynamicPath.length;
  return prefixLength + keys;
}

function descendantItems(
  scope: FuncScope,
  node: RuleNode,
  descendant: RuleNode,
  result: Local,
): Array<{ depth: number; plan: () => void }> {
  const relative = descendant.path
    .slice(node.path.length)
    .map((key): Operand => ({ kind: 'string', index: scope.planner.policy.string(key) }));
  const location = descendant.rules[0].rule.location;
  if (collectionKind(descendant.rules) === null) {
    // A complete value (with its else chain and default) is its own function's value.
    const plan = (): void => {
      const func = scope.planner.ruleFunc(descendant, scope.overrides);
      definitionBlock(scope, location, () =>
        planFuncCall(scope, func, location, (value) => {
          const container = nestedContainer(
            scope,
            result,
            relative.slice(0, -1),
            'object',
            location,
          );
          const key = relative[relative.length - 1];
          emit(scope, { type: 'ObjectInsertOnceStmt', key, value, object: container, location });
        }),
      );
    };
    return [{ depth: relative.length, plan }];
  }
  return descendant.rules
    .filter((anchored) => !anchored.rule.isDefault)
    .map((anchored) => ({
      depth: definitionDepth(anchored, relative.length),
      plan: () =>
        definitionBlock(scope, anchored.rule.location, () =>
          planRuleDefinition(scope, anchored, result, relative),
        ),
    }));
}

/** The function for a user function: input, data, then one parameter per argument. */
export function planFunctionFunc(
  scope: FuncScope,
  node: RuleNode,
  name: string,
  root: Block,
): Func {
  const definitions = node.functions;
  const location = definitions[0].location;
  const arity = definitions[0].head.args?.length ?? 0;
  const params: Local[] = [INPUT_LOCAL, DATA_LOCAL];
  for (let index = 0; index < arity; index++) params.push(scope.emitter.newLocal());
  const result = scope.emitter.newLocal();
  for (const rule of definitions) {
    if (rule.isDefault) continue;
    definitionBlock(scope, rule.location, () => {
      const args = rule.head.args ?? [];
      const step = (index: number): void => {
        if (index === args.length) return planValueChain(scope, rule, result);
        unifyWithValue(scope, args[index], local(params[index + 2]), rule.location, () =>
          step(index + 1),
        );
      };
      step(0);
    });
  }
  planDefaults(
    scope,
    definitions.map((rule) => ({ rule, dynamicPath: [] })),
    result,
  );
  emit(scope, { type: 'ReturnLocalStmt', source: result, location });
  return {
    name,
    path: ['data', ...node.path],
    params,
    returnLocal: result,
    blocks: [root],
    location,
  };
}

type CollectionKind = 'set' | 'object' | null;

function collectionKind(rules: AnchoredRule[]): CollectionKind {
  for (const { rule, dynamicPath } of rules) {
    if (rule.isDefault && dynamicPath.length === 0) continue;
    if (rule.kind === 'set') return dynamicPath.length > 0 && rule.head.key ? 'object' : 'set';
    if (dynamicPath.length > 0) return 'object';
  }
  return null;
}

/** Each definition is its own block with its own variables: its failure moves on to the next. */
function definitionBlock(scope: FuncScope, location: Location, plan: () => void): void {
  const block: Block = { stmts: [] };
  emit(scope, { type: 'BlockStmt', blocks: [block], location });
  const saved = scope.vars;
  scope.vars = new Map();
  try {
    scope.emitter.into(block, plan);
  } finally {
    scope.vars = saved;
  }
}

/** One definition; `prefix` are the constant keys of its node below the function's node. */
function planRuleDefinition(
  scope: FuncScope,
  anchored: AnchoredRule,
  result: Local,
  prefix: Operand[],
): void {
  const { rule, dynamicPath } = anchored;
  const location = rule.location;
  if (rule.kind === 'set') {
    // v0 `p[x] { … }` carries its element in the ref; `p contains x` in `key`.
    const element = rule.head.key ?? dynamicPath[dynamicPath.length - 1];
    const keys = rule.head.key ? dynamicPath : dynamicPath.slice(0, -1);
    return planBody(scope, rule.body, () =>
      planTerms(scope, [...keys, element], (operands) => {
        const value = operands[operands.length - 1];
        const keys = [...prefix, ...operands.slice(0, -1)];
        const container = nestedContainer(scope, result, keys, 'set', location);
        emit(scope, { type: 'SetAddStmt', value, set: container, location });
      }),
    );
  }
  if (dynamicPath.length === 0) return planValueChain(scope, rule, result);
  planBody(scope, rule.body, () =>
    planTerms(scope, [...dynamicPath, rule.head.value ?? TRUE_TERM(location)], (operands) => {
      const value = operands[operands.length - 1];
      const keys = [...prefix, ...operands.slice(0, -1)];
      const container = nestedContainer(scope, result, keys.slice(0, -1), 'object', location);
      const key = keys[keys.length - 1];
      emit(scope, { type: 'ObjectInsertOnceStmt', key, value, object: container, location });
    }),
  );
}

/**
 * The object (or, at the leaf, set) under `keys` inside `root`, created when missing:
 * multi-level ref heads (`a[x].b[y] := v`) build nested objects. Values are references,
 * so inserting into the nested collection updates the rule's value.
 */
function nestedContainer(
  scope: FuncScope,
  root: Local,
  keys: Operand[],
  leaf: 'set' | 'object',
  location: Location,
): Local {
  let container = root;
  keys.forEach((key, index) => {
    const child = scope.emitter.newLocal();
    const existing: Block = { stmts: [] };
    const created: Block = { stmts: [] };
    emit(scope, { type: 'ResetLocalStmt', target: child, location });
    existing.stmts.push({
      type: 'DotStmt',
      source: local(container),
      key,
      target: child,
      location,
    });
    created.stmts.push({ type: 'IsUndefinedStmt', source: child, location });
    const makeSet = leaf === 'set' && index === keys.length - 1;
    created.stmts.push(
      makeSet
        ? { type: 'MakeSetStmt', target: child, location }
        : { type: 'MakeObjectStmt', target: child, location },
    );
    created.stmts.push({
      type: 'ObjectInsertStmt',
      key,
      value: local(child),
      object: container,
      location,
    });
    emit(scope, { type: 'BlockStmt', blocks: [existing], location });
    emit(scope, { type: 'BlockStmt', blocks: [created], location });
    container = child;
  });
  return container;
}

/**
 * A value with its else chain. One clause: body, then `AssignVarOnce` of the value. More:
 * each clause runs only while no earlier clause produced a value, into a chain local that
 * is then assigned once to the result (so two definitions still conflict).
 */
function planValueChain(scope: FuncScope, rule: Rule, result: Local): void {
  const clauses: Array<Pick<ElseClause, 'value' | 'body' | 'location'>> = [
    { value: rule.head.value, body: rule.body, location: rule.location },
    ...rule.elseChain,
  ];
  if (clauses.length === 1)
    return planClause(scope, clauses[0].body, clauses[0].value, result, rule.location);
  const chain = scope.emitter.newLocal();
  const location = rule.location;
  emit(scope, { type: 'ResetLocalStmt', target: chain, location });
  clauses.forEach((clause, index) => {
    const block: Block = { stmts: [] };
    emit(scope, { type: 'BlockStmt', blocks: [block], location: clause.location });
    const saved = new Map(scope.vars);
    scope.emitter.into(block, () => {
      if (index > 0)
        emit(scope, { type: 'IsUndefinedStmt', source: chain, location: clause.location });
      planClause(scope, clause.body, clause.value, chain, clause.location);
    });
    scope.vars = saved;
  });
  const block: Block = { stmts: [] };
  emit(scope, { type: 'BlockStmt', blocks: [block], location });
  scope.emitter.into(block, () => {
    emit(scope, { type: 'IsDefinedStmt', source: chain, location });
    emit(scope, { type: 'AssignVarOnceStmt', source: local(chain), target: result, location });
  });
}

function planClause(
  scope: FuncScope,
  body: Body,
  value: Term | null,
  target: Local,
  location: Location,
): void {
  const done: Continuation = () =>
    planTerm(scope, value ?? TRUE_TERM(location), (operand) =>
      emit(scope, { type: 'AssignVarOnceStmt', source: operand, target, location }),
    );
  planBody(scope, body, done);
}

/**
 * `default p := v`: applies only when no other definition produced a value. A default at a
 * ground key below the node (`default p[true] := v`) fills that key when it is absent.
 */
function planDefaults(scope: FuncScope, anchoredRules: AnchoredRule[], result: Local): void {
  for (const { rule, dynamicPath } of anchoredRules) {
    if (!rule.isDefault) continue;
    const location = rule.location;
    const value = rule.head.value ?? TRUE_TERM(location);
    definitionBlock(scope, location, () => {
      if (dynamicPath.length === 0) {
        emit(scope, { type: 'IsUndefinedStmt', source: result, location });
        planTerm(scope, value, (source) =>
          emit(scope, { type: 'AssignVarStmt', source, target: result, location }),
        );
        return;
      }
      planTerms(scope, [...dynamicPath, value], (operands) => {
        const keys = operands.slice(0, -1);
        const container = nestedContainer(scope, result, keys.slice(0, -1), 'object', location);
        const key = keys[keys.length - 1];
        const probe: Block = { stmts: [] };
        const present = scope.emitter.newLocal();
        probe.stmts.push({
          type: 'DotStmt',
          source: local(container),
          key,
          target: present,
          location,
        });
        emit(scope, { type: 'NotStmt', block: probe, location });
        const source = operands[operands.length - 1];
        emit(scope, { type: 'ObjectInsertStmt', key, value: source, object: container, location });
      });
    });
  }
}
