import type { CallTerm, Term } from '../ast/nodes';
import { BUILTIN_CATALOGUE } from '../builtins/catalogue';
import type { Operand } from '../ir/ir';
import type { Location } from '../syntax/location';
import type { FunctionMock } from './overrides';
import { emit, local, withNestedVars, type FuncScope, type ValueContinuation } from './scope';
import { planTerm, planTerms } from './terms';
import { unify, unifyWithValue } from './unify';

const TRUE: Operand = { kind: 'bool', value: true };

/**
 * Plans a call: `=`/`:=` unify; a user function is a `CallStmt` of its `Func` (input and
 * data first); anything else is a built-in `CallStmt` — the backend decides whether it runs
 * in the module or on the host. A call given one argument more than the function takes
 * (`count(xs, n)`) unifies its result with that last argument, and its own value is `true`.
 * A function or built-in replaced by `with` is planned as its replacement.
 */
export function planCall(scope: FuncScope, call: CallTerm, next: ValueContinuation): void {
  const name = call.operator.join('.');
  if ((name === 'eq' || name === 'assign') && call.args.length === 2) {
    return unify(scope, call.args[0], call.args[1], call.location, () => next(TRUE));
  }
  if (name === 'print' || name === 'internal.print') return planPrint(scope, call, next);
  const arity = arityOf(scope, call);
  if (arity === undefined) return;
  const inputs = call.args.slice(0, arity);
  const output: Term | undefined = call.args[arity];
  const finish = (result: Operand): void => {
    if (output === undefined) return next(result);
    unifyWithValue(scope, output, result, call.location, () => next(TRUE));
  };
  const mock = scope.overrides.functionMocks.get(name);
  if (mock) return planMockedCall(scope, mock, inputs, call.location, finish);
  planTerms(scope, inputs, (args) => emitCall(scope, call.operator, args, call.location, finish));
}

/** The number of arguments the called function takes, or undefined (with a diagnostic) if unknown. */
function arityOf(scope: FuncScope, call: CallTerm): number | undefined {
  const name = call.operator.join('.');
  if (call.operator[0] === 'data') {
    const node = scope.planner.tree.find(call.operator.slice(1));
    const definition = node?.functions[0];
    if (definition) return definition.head.args?.length ?? 0;
  } else {
    const signature = BUILTIN_CATALOGUE.get(name);
    if (signature) return signature.variadic ? call.args.length : signature.args.length;
  }
  scope.planner.error(`undefined function ${name}`, call.location, 'rego_type_error');
  return undefined;
}

function planMockedCall(
  scope: FuncScope,
  mock: FunctionMock,
  inputs: Term[],
  location: Location,
  next: ValueContinuation,
): void {
  // The arguments are still evaluated: an undefined argument makes the call undefined.
  if (mock.kind === 'value')
    return planTerms(scope, inputs, () => planTerm(scope, mock.value, next));
  // Inside the replacement no function replacement applies: it may call the original.
  planTerms(scope, inputs, (args) => {
    const outer = scope.overrides;
    scope.overrides = scope.planner.overridesFor(outer.replacedDataPaths, new Map());
    emitCall(scope, mock.operator, args, location, (value) => {
      scope.overrides = outer;
      next(value);
    });
    scope.overrides = outer;
  });
}

/** Emits the `CallStmt` of a user function or built-in with already planned arguments. */
function emitCall(
  scope: FuncScope,
  operator: string[],
  args: Operand[],
  location: Location,
  next: ValueContinuation,
): void {
  const { planner } = scope;
  const result = scope.emitter.newLocal();
  if (operator[0] === 'data') {
    const node = planner.tree.find(operator.slice(1));
    if (!node || node.functions.length === 0) {
      planner.error(`undefined function ${operator.join('.')}`, location, 'rego_type_error');
      return;
    }
    const func = planner.functionFunc(node, scope.overrides);
    const callArgs = [local(scope.input), local(scope.data), ...args];
    emit(scope, { type: 'CallStmt', func, args: callArgs, result, location });
    return next(local(result));
  }
  const name = operator.join('.');
  planner.policy.builtin(name, args.length);
  emit(scope, { type: 'CallStmt', func: name, args, result, location });
  if (BUILTIN_CATALOGUE.get(name)?.relation) {
    // A relation (walk) returns an array of its solutions; each one continues the body.
    const key = scope.emitter.newLocal();
    const value = scope.emitter.newLocal();
    const block = { stmts: [] };
    emit(scope, { type: 'ScanStmt', source: result, key, value, block, location });
    scope.emitter.into(block, () => next(local(value)));
    return;
  }
  next(local(result));
}

/**
 * `print(a, b)` must print even when an argument is undefined (OPA prints `<undefined>`),
 * so, as OPA does, each argument becomes the set of its values and the call is
 * `internal.print([{a…}, {b…}])`, whose result is always true.
 */
function planPrint(scope: FuncScope, call: CallTerm, next: ValueContinuation): void {
  const location = call.location;
  const sets: Operand[] = [];
  for (const arg of call.args) {
    const set = scope.emitter.newLocal();
    emit(scope, { type: 'MakeSetStmt', target: set, location });
    const block = { stmts: [] };
    emit(scope, { type: 'BlockStmt', blocks: [block], location });
    scope.emitter.into(block, () =>
      withNestedVars(scope, () =>
        planTerm(scope, arg, (value) => emit(scope, { type: 'SetAddStmt', value, set, location })),
      ),
    );
    sets.push(local(set));
  }
  const array = scope.emitter.newLocal();
  emit(scope, { type: 'MakeArrayStmt', capacity: sets.length, target: array, location });
  for (const value of sets) emit(scope, { type: 'ArrayAppendStmt', value, array, location });
  const result = scope.emitter.newLocal();
  scope.planner.policy.builtin('internal.print', 1);
  emit(scope, { type: 'CallStmt', func: 'internal.print', args: [local(array)], result, location });
  next(TRUE);
}
