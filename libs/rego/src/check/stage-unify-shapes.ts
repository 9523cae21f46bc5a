/**
 * Stage: unifications whose two sides are literals of shapes that can never match
 * (`[x, y] = [1, 2, 3]`, `[x] = {"k": 1}`, `{"a": x} = {"b": 1}`, `some [x, y] in [[1, 2, 3]]`)
 * are type errors at compile time, as OPA's type checker reports them ("match error").
 */
import type { Body, Literal, Term } from '../ast/nodes';
import { forEachTermInBody, forEachTermInRule } from '../ast/walk';
import { report, type CheckContext, type CheckStage } from './check-context';

export const unifyShapesStage: CheckStage = {
  name: 'unify-shapes',
  run(context) {
    for (const module of context.modules) {
      for (const rule of module.rules) {
        [rule.body, ...rule.elseChain.map((clause) => clause.body)].forEach((body) =>
          checkBody(context, body),
        );
        forEachTermInRule(rule, (term) => checkComprehension(context, term));
      }
    }
    for (const query of context.queries) {
      checkBody(context, query.body);
      forEachTermInBody(query.body, (term) => checkComprehension(context, term));
    }
  },
};

function checkComprehension(context: CheckContext, term: Term): void {
  if (
    term.type === 'arraycomprehension' ||
    term.type === 'setcomprehension' ||
    term.type === 'objectcomprehension'
  ) {
    checkBody(context, term.body);
  }
}

function checkBody(context: CheckContext, body: Body): void {
  for (const literal of body) checkLiteral(context, literal);
}

function checkLiteral(context: CheckContext, literal: Literal): void {
  if (literal.type === 'every') return checkBody(context, literal.body);
  if (literal.type === 'somein') {
    // Only a literal collection tells us its elements.
    if (literal.collection.type !== 'array' && literal.collection.type !== 'set') return;
    for (const element of literal.collection.items) {
      if (mismatch(literal.value, element)) return reportMismatch(context, literal.value, element);
    }
    return;
  }
  if (literal.type !== 'expr' || literal.negated || literal.term.type !== 'call') return;
  const name = literal.term.operator.join('.');
  if ((name === 'eq' || name === 'assign') && literal.term.args.length === 2) {
    const [left, right] = literal.term.args;
    if (mismatch(left, right)) reportMismatch(context, left, right);
  }
}

function reportMismatch(context: CheckContext, left: Term, right: Term): void {
  report(
    context,
    'rego_type_error',
    `match error\n\tleft  : ${shape(left)}\n\tright : ${shape(right)}`,
    left.location,
  );
}

/** Whether two terms are literals that cannot unify whatever their variables hold. */
function mismatch(left: Term, right: Term): boolean {
  const a = literalKind(left);
  const b = literalKind(right);
  if (a === null || b === null) return false;
  if (a !== b) return true;
  if (left.type === 'array' && right.type === 'array') {
    return (
      left.items.length !== right.items.length ||
      left.items.some((item, index) => mismatch(item, right.items[index]))
    );
  }
  if (left.type === 'object' && right.type === 'object') {
    const rightByKey = new Map(
      right.entries.map(([key, value]) => [constantKey(key), value] as const),
    );
    if (left.entries.length !== right.entries.length) return true;
    return left.entries.some(([key, value]) => {
      const keyText = constantKey(key);
      if (keyText === null) return false;
      const other = rightByKey.get(keyText);
      return other === undefined ? !rightByKey.has(null) : mismatch(value, other);
    });
  }
  // Equal kinds of scalars (`1 = 2`) are merely false at run time, not a type error.
  return false;
}

/** The kind of a literal term, or null when only run time knows (vars, refs, calls). */
function literalKind(term: Term): string | null {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
    case 'array':
    case 'object':
    case 'set':
      return term.type;
    case 'arraycomprehension':
      return 'array';
    case 'setcomprehension':
      return 'set';
    case 'objectcomprehension':
      return 'object';
    default:
      return null;
  }
}

function constantKey(term: Term): string | null {
  switch (term.type) {
    case 'null':
      return 'null';
    case 'boolean':
      return `b:${term.value}`;
    case 'number':
      return `n:${Number(term.text)}`;
    case 'string':
      return `s:${term.value}`;
    default:
      return null;
  }
}

function shape(term: Term): string {
  switch (term.type) {
    case 'array':
      return `array<${term.items.map(shape).join(', ')}>`;
    case 'object':
      return `object<${term.entries.map(([key, value]) => `${shape(key)}: ${shape(value)}`).join(', ')}>`;
    case 'string':
      return JSON.stringify(term.value);
    case 'number':
      return term.text;
    case 'boolean':
      return String(term.value);
    case 'null':
      return 'null';
    default:
      return literalKind(term) ?? 'any';
  }
}
