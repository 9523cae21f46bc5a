import type { Literal, Term, WithModifier } from '../ast/nodes';
import { BUILTIN_CATALOGUE } from '../builtins/catalogue';
import type { Block, Local, Operand } from '../ir/ir';
import type { FunctionMock } from './overrides';
import { emit, isBoundVar, local, type Continuation, type FuncScope } from './scope';
import { planTerms } from './terms';

/** A `with` that replaces part of the input or data local at run time. */
interface RuntimeReplacement {
  local: Local;
  path: string[];
  value: Term;
}

/**
 * Plans a literal carrying `with` modifiers.
 *
 * Replacing a function or built-in, or a data path holding rules, is a compile-time
 * change: the literal (and every function it reaches that is affected) is planned under
 * new `Overrides`. Replacing input or data is a `WithStmt` around the literal. The rest
 * of the body must not see the replacement, so it is not planned inside the `WithStmt`:
 * the literal's solutions are collected there (a flag, plus the values of the variables
 * it binds) and the rest of the body runs afterwards, once per solution.
 */
export function planWith(
  scope: FuncScope,
  literal: Literal & { with: WithModifier[] },
  planLiteral: (next: Continuation) => void,
  next: Continuation,
): void {
  const replacements: RuntimeReplacement[] = [];
  const replacedDataPaths = [...scope.overrides.replacedDataPaths];
  const functionMocks = new Map(scope.overrides.functionMocks);
  for (const modifier of literal.with) {
    classify(scope, modifier, replacements, replacedDataPaths, functionMocks);
  }
  const outerOverrides = scope.overrides;
  const innerOverrides = scope.planner.overridesFor(replacedDataPaths, functionMocks);
  if (replacements.length === 0) {
    scope.overrides = innerOverrides;
    planLiteral(() => {
      scope.overrides = outerOverrides;
      next();
      scope.overrides = innerOverrides;
    });
    scope.overrides = outerOverrides;
    return;
  }
  const location = literal.location;
  planTerms(
    scope,
    replacements.map((replacement) => replacement.value),
    (values) => {
      const { emitter } = scope;
      const found = emitter.newLocal();
      const solutions = emitter.newLocal();
      const mayBind = mentionsUnboundVars(scope, literal);
      emit(scope, { type: 'ResetLocalStmt', target: found, location });
      if (mayBind) emit(scope, { type: 'MakeArrayStmt', capacity: 0, target: solutions, location });
      const boundBefore = new Set(scope.vars.keys());
      let newlyBound: string[] = [];
      const outer: Block = { stmts: [] };
      emit(scope, { type: 'BlockStmt', blocks: [outer], location });
      const outerDepth = emitter.depth + 1;
      const nest = (index: number): void => {
        if (index === replacements.length) {
          scope.overrides = innerOverrides;
          planLiteral(() => {
            newlyBound = [...scope.vars.keys()].filter((name) => !boundBefore.has(name));
            if (!mayBind) {
              // Without bindings one solution is all the rest of the body needs.
              const source: Operand = { kind: 'bool', value: true };
              emit(scope, { type: 'AssignVarStmt', source, target: found, location });
              emit(scope, { type: 'BreakStmt', index: emitter.breakIndexTo(outerDepth), location });
              return;
            }
            const tuple = emitter.newLocal();
            emit(scope, {
              type: 'MakeArrayStmt',
              capacity: newlyBound.length,
              target: tuple,
              location,
            });
            for (const name of newlyBound) {
              const value: Operand = local(scope.vars.get(name) as Local);
              emit(scope, { type: 'ArrayAppendStmt', value, array: tuple, location });
            }
            emit(scope, {
              type: 'ArrayAppendStmt',
              value: local(tuple),
              array: solutions,
              location,
            });
            const source: Operand = { kind: 'bool', value: true };
            emit(scope, { type: 'AssignVarStmt', source, target: found, location });
          });
          scope.overrides = outerOverrides;
          return;
        }
        const replacement = replacements[index];
        const block: Block = { stmts: [] };
        const path = replacement.path.map((key) => scope.planner.policy.string(key));
        const value = values[index];
        emit(scope, { type: 'WithStmt', local: replacement.local, path, value, block, location });
        emitter.into(block, () => nest(index + 1));
      };
      emitter.into(outer, () => nest(0));
      for (const name of [...scope.vars.keys()])
        if (!boundBefore.has(name)) scope.vars.delete(name);
      emit(scope, { type: 'IsDefinedStmt', source: found, location });
      if (newlyBound.length === 0) return next();
      const key = emitter.newLocal();
      const tuple = emitter.newLocal();
      const scan: Block = { stmts: [] };
      emit(scope, {
        type: 'ScanStmt',
        source: solutions,
        key,
        value: tuple,
        block: scan,
        location,
      });
      emitter.into(scan, () => {
        newlyBound.forEach((name, position) => {
          const target = emitter.newLocal();
          const index = emitter.newLocal();
          emit(scope, { type: 'MakeNumberIntStmt', value: position, target: index, location });
          emit(scope, {
            type: 'DotStmt',
            source: local(tuple),
            key: local(index),
            target,
            location,
          });
          scope.vars.set(name, target);
        });
        next();
      });
    },
  );
}

function classify(
  scope: FuncScope,
  modifier: WithModifier,
  replacements: RuntimeReplacement[],
  replacedDataPaths: string[][],
  functionMocks: Map<string, FunctionMock>,
): void {
  const target = modifier.target;
  const head = target.type === 'var' ? target : target.head;
  const rest = target.type === 'var' ? [] : target.path;
  if (head.type !== 'var' || rest.some((element) => element.type !== 'string')) {
    scope.planner.error(
      'with target must be a constant reference',
      modifier.location,
      'rego_compile_error',
    );
    return;
  }
  const path = rest.map((element) => (element as { value: string }).value);
  if (head.name === 'input') {
    replacements.push({ local: scope.input, path, value: modifier.value });
    return;
  }
  if (head.name === 'data') {
    const node = scope.planner.tree.find(path);
    if (node && node.functions.length > 0) {
      const mock = mockFor(scope, modifier, replacements);
      functionMocks.set(['data', ...path].join('.'), mock);
      // A function without parameters is also a document (see RuleTree): a value replaces
      // what `data.pkg.f` reads too.
      if (node.rules.length === 0 || mock.kind !== 'value') return;
    }
    replacements.push({ local: scope.data, path, value: modifier.value });
    // Rules at or below the path now read what the WithStmt wrote into data.
    if (node && scope.planner.tree.hasDocument(node)) replacedDataPaths.push(path);
    return;
  }
  functionMocks.set([head.name, ...path].join('.'), mockFor(scope, modifier, replacements));
}

/** Whether the literal names a variable not bound yet (outside nested bodies): it may bind it. */
function mentionsUnboundVars(scope: FuncScope, literal: Literal): boolean {
  const visit = (value: unknown): boolean => {
    if (Array.isArray(value)) return value.some(visit);
    if (value === null || typeof value !== 'object') return false;
    const node = value as Record<string, unknown>;
    if (node.type === 'var') return !isBoundVar(scope, node.name as string);
    return Object.entries(node).some(
      ([key, child]) => key !== 'location' && key !== 'with' && key !== 'body' && visit(child),
    );
  };
  return visit(literal);
}

/** Where a replacement value that needs evaluating is kept for the functions that use it. */
const STASH_KEY = '__coresdk_with_value__';

/**
 * A replacement that names a function (user or built-in) calls it; anything else is a
 * value. A constant value is planned at each replaced call. A value with variables (a
 * local, a comprehension) can only be evaluated here, but the calls it replaces may sit
 * in other functions: it is stashed in the data local under a reserved key for the
 * duration of the `with`, and the replaced calls read it from there.
 */
function mockFor(
  scope: FuncScope,
  modifier: WithModifier,
  replacements: RuntimeReplacement[],
): FunctionMock {
  const value = modifier.value;
  const operator = functionName(scope, value);
  if (operator) return { kind: 'function', operator };
  if (!hasVariables(value)) return { kind: 'value', value };
  const slot = String(scope.planner.nextStashSlot());
  replacements.push({ local: scope.data, path: [STASH_KEY, slot], value });
  const location = value.location;
  const stashed: Term = {
    type: 'ref',
    head: { type: 'var', name: 'data', location },
    path: [STASH_KEY, slot].map((key) => ({ type: 'string' as const, value: key, location })),
    location,
  };
  return { kind: 'value', value: stashed };
}

function hasVariables(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasVariables);
  if (value === null || typeof value !== 'object') return false;
  const node = value as Record<string, unknown>;
  if (node.type === 'var') return true;
  return Object.entries(node).some(([key, child]) => key !== 'location' && hasVariables(child));
}

function functionName(scope: FuncScope, term: Term): string[] | null {
  const head = term.type === 'var' ? term : term.type === 'ref' ? term.head : null;
  const rest = term.type === 'ref' ? term.path : [];
  if (!head || head.type !== 'var' || scope.vars.has(head.name)) return null;
  if (rest.some((element) => element.type !== 'string')) return null;
  const operator = [head.name, ...rest.map((element) => (element as { value: string }).value)];
  if (head.name === 'data') {
    const node = scope.planner.tree.find(operator.slice(1));
    return node && node.functions.length > 0 ? operator : null;
  }
  return BUILTIN_CATALOGUE.has(operator.join('.')) ? operator : null;
}
