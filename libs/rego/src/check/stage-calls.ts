/**
 * Stage: every call names a known function with a fitting number of arguments. User
 * functions are looked up in the rule table, built-ins in the catalogue (narrowed by the
 * capabilities when given). A constant argument of the wrong type (`count(1)`) is a
 * compile-time type error, as in OPA; anything less obvious is left to run time.
 */
import type { Body, CallTerm, Module, Term } from '../ast/nodes';
import type { BuiltinSignature } from '../builtins/builtin-signature';
import { formatTypeSpec, isAssignable, T, type TypeSpec } from '../builtins/type-spec';
import { forEachTermInBody, forEachTermInRule } from '../ast/walk';
import { report, type CheckContext, type CheckStage } from './check-context';
import { functionGroup } from './rule-table';

export const checkCallsStage: CheckStage = {
  name: 'calls',
  run(context) {
    for (const module of context.modules) {
      for (const rule of module.rules) {
        const statements = statementCalls(
          [rule.body, ...rule.elseChain.map((clause) => clause.body)],
          (visit) => forEachTermInRule(rule, visit),
        );
        forEachTermInRule(rule, (term) => {
          if (term.type === 'call') checkCall(context, term, module, statements.has(term));
        });
      }
    }
    for (const query of context.queries) {
      const statements = statementCalls([query.body], (visit) =>
        forEachTermInBody(query.body, visit),
      );
      forEachTermInBody(query.body, (term) => {
        if (term.type === 'call') checkCall(context, term, null, statements.has(term));
      });
    }
  },
};

/**
 * Calls that are a whole literal (`count(xs, n)`): only these may pass one extra argument,
 * the output. A call used as a value (`x := count(xs, n)`) must match the arity exactly.
 */
function statementCalls(
  bodies: Body[],
  forEachTerm: (visit: (term: Term) => void) => void,
): Set<Term> {
  const calls = new Set<Term>();
  const visitBody = (body: Body): void => {
    for (const literal of body) {
      if (literal.type === 'expr' && literal.term.type === 'call') calls.add(literal.term);
      if (literal.type === 'every') visitBody(literal.body);
    }
  };
  bodies.forEach(visitBody);
  forEachTerm((term) => {
    if (
      term.type === 'arraycomprehension' ||
      term.type === 'setcomprehension' ||
      term.type === 'objectcomprehension'
    ) {
      visitBody(term.body);
    }
  });
  return calls;
}

function checkCall(
  context: CheckContext,
  call: CallTerm,
  module: Module | null,
  isStatement: boolean,
): void {
  const name = call.operator.join('.');
  if (call.operator[0] === 'data') {
    const group = functionGroup(context.rules, call.operator);
    if (!group)
      return report(context, 'rego_type_error', `undefined function ${name}`, call.location);
    const arity = [...group.arities][0];
    if (call.args.length !== arity && !(isStatement && call.args.length === arity + 1)) {
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
  if (!checkArity(context, call, builtin, name, isStatement)) return;
  checkConstantArguments(context, call, builtin, name);
}

function checkArity(
  context: CheckContext,
  call: CallTerm,
  builtin: BuiltinSignature,
  name: string,
  isStatement: boolean,
): boolean {
  if (builtin.variadic) return true;
  const arity = builtin.args.length;
  // One extra argument is the output (`count(xs, n)`), except for statements like print.
  const allowed = isStatement && !builtin.noResult ? [arity, arity + 1] : [arity];
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
