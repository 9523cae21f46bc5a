/**
 * Stage: `with` may only replace `input…`, `data…` (documents or user functions) or a
 * built-in function, as in OPA; anything else (a local variable, an unknown name) is a
 * type error at the target.
 */
import type { Body, Term, WithModifier } from '../ast/nodes';
import { forEachTerm } from '../ast/walk';
import { report, type CheckContext, type CheckStage } from './check-context';

export const withTargetsStage: CheckStage = {
  name: 'with-targets',
  run(context) {
    for (const module of context.modules) {
      for (const rule of module.rules) {
        checkBody(context, rule.body);
        for (const clause of rule.elseChain) checkBody(context, clause.body);
        for (const term of [rule.head.key, rule.head.value, ...(rule.head.args ?? [])]) {
          if (term) forEachTerm(term, (inner) => checkNestedBodies(context, inner));
        }
      }
    }
    for (const query of context.queries) checkBody(context, query.body);
  },
};

function checkNestedBodies(context: CheckContext, term: Term): void {
  if (
    term.type === 'arraycomprehension' ||
    term.type === 'setcomprehension' ||
    term.type === 'objectcomprehension'
  ) {
    for (const literal of term.body)
      if (literal.type !== 'some')
        literal.with.forEach((modifier) => checkTarget(context, modifier));
  }
}

function checkBody(context: CheckContext, body: Body): void {
  for (const literal of body) {
    if (literal.type === 'some') continue;
    for (const modifier of literal.with) checkTarget(context, modifier);
    if (literal.type === 'every') checkBody(context, literal.body);
    const terms =
      literal.type === 'expr'
        ? [literal.term]
        : literal.type === 'somein'
          ? [literal.collection]
          : [literal.domain];
    for (const term of terms) forEachTerm(term, (inner) => checkNestedBodies(context, inner));
  }
}

function checkTarget(context: CheckContext, modifier: WithModifier): void {
  const target = modifier.target;
  const names: string[] = [];
  if (target.type === 'var') names.push(target.name);
  else if (target.head.type === 'var') {
    names.push(target.head.name);
    for (const part of target.path) names.push(part.type === 'string' ? part.value : '');
  }
  if (names[0] === 'input' || names[0] === 'data') return;
  if (context.catalogue.has(names.join('.'))) return;
  report(
    context,
    'rego_type_error',
    'with keyword target must reference existing input, data, or a function',
    target.location,
  );
}
