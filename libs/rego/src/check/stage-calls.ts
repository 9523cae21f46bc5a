/**
 * Stage: every call names a known function with a fitting number of arguments. User
 * functions are looked up in the rule table, built-ins in the catalogue (narrowed by the
 * capabilities when given). A constant argument of the wrong type (`count(1)`) is a
 * compile-time type error, as in OPA; anything less obvious is left to run time.
 */
import type { CallTerm, Module, Term } from '../ast/nodes';
import type { BuiltinSignature } from '../builtins/builtin-signature';
import { formatTypeSpec, isAssignable, T, type TypeSpec } from '../builtins/type-spec';
import { forEachTermInBody, forEachTermInRule } from '../ast/walk';
import { report, type CheckContext, type CheckStage } from './check-context';
import { functionGroup } from './rule-table';

export const checkCallsStage: CheckStage = {
  name: 'calls',
  run(context) {
    for (const module of context.modules) {
      for (const rule of module.rules)
        forEachTermInRule(rule, (term) => term.type === 'call' && checkCall(context, term, module));
    }
    for (const query of context.queries)
      forEachTermInBody(
        query.body,
        (term) => term.type === 'call' && checkCall(context, term, null),
      );
  },
};

function checkCall(context: CheckContext, call: CallTerm, module: Module | null): void {
  const name = call.operator.join('.');
  if (call.operator[0] === 'data') {
    const group = functionGroup(context.rules, call.operator);
    if (!group)
      return report(context, 'rego_type_error', `undefined function ${name}`, call.location);
    const arity = [...group.arities][0];
    if (call.args.length !== arity && call.args.length !== arity + 1) {
      report(
        context,
        'rego_type_error',
        `${name}: arity mismatch: have ${call.args.length} arguments, want ${arity}`,
        call.location,
      );
    }
    return;
  }
  const builtin = context.catalogue.get(name);
  if (!builtin || (context.allowedBuiltins && !context.allowedBuiltins.has(name))) {
    return report(context, 'rego_type_error', `undefined function ${name}`, call.location);
  }
  if (builtin.deprecated && module?.regoVersion === 'v1') {
    return report(
      context,
      'rego_type_error',
      `deprecated built-in function calls in expression: ${name}`,
      call.location,
    );
  }
  if (!checkArity(context, call, builtin, name)) return;
  checkConstantArguments(context, call, builtin, name);
}

function checkArity(
  context: CheckContext,
  call: CallTerm,
  builtin: BuiltinSignature,
  name: string,
): boolean {
  if (builtin.variadic) return true;
  const arity = builtin.args.length;
  // One extra argument is the output (`count(xs, n)`), except for statements like print.
  const allowed = builtin.noResult ? [arity] : [arity, arity + 1];
  if (allowed.includes(call.args.length)) return true;
  const want = builtin.args.map(formatTypeSpec).join(', ');
  report(
    context,
    'rego_type_error',
    `${name}: arity mismatch\n\thave: (${call.args.map(describeArgument).join(', ')})\n\twant: (${want})`,
    call.location,
  );
  return false;
}

function checkConstantArguments(
  context: CheckContext,
  call: CallTerm,
  builtin: BuiltinSignature,
  name: string,
): void {
  builtin.args.forEach((expected, index) => {
    const argument = call.args[index];
    const actual = argument && constantType(argument);
    if (!actual || isAssignable(expected, actual)) return;
    const have = call.args.slice(0, builtin.args.length).map(describeArgument).join(', ');
    const want = builtin.args.map(formatTypeSpec).join(', ');
    report(
      context,
      'rego_type_error',
      `${name}: invalid argument(s)\n\thave: (${have})\n\twant: (${want})`,
      argument.location,
    );
  });
}

/** The type of a literal argument; null when only run time knows (vars, refs, calls). */
function constantType(term: Term): TypeSpec | null {
  switch (term.type) {
    case 'null':
      return T.null;
    case 'boolean':
      return T.boolean;
    case 'number':
      return T.number;
    case 'string':
      return T.string;
    case 'array':
    case 'arraycomprehension':
      return T.array();
    case 'set':
    case 'setcomprehension':
      return T.set();
    case 'object':
    case 'objectcomprehension':
      return T.object();
    default:
      return null;
  }
}

function describeArgument(term: Term): string {
  const type = constantType(term);
  return type ? formatTypeSpec(type) : 'any';
}
