/**
 * Stage: a variable declared with `some x` must be used, as OPA requires ("declared var x
 * unused"). Runs after renaming, when each name denotes one variable, so counting its
 * occurrences in the rule (or query) is exact.
 */
import type { Body, SomeDeclLiteral, Term } from '../ast/nodes';
import { forEachTermInBody, forEachTermInRule } from '../ast/walk';
import { displayName, report, type CheckContext, type CheckStage } from './check-context';

export const unusedSomeStage: CheckStage = {
  name: 'unused-some',
  run(context) {
    for (const module of context.modules) {
      for (const rule of module.rules) {
        const bodies = [rule.body, ...rule.elseChain.map((clause) => clause.body)];
        checkDeclarations(context, bodies, (visit) => forEachTermInRule(rule, visit));
      }
    }
    for (const query of context.queries) {
      checkDeclarations(context, [query.body], (visit) => forEachTermInBody(query.body, visit));
    }
  },
};

function checkDeclarations(
  context: CheckContext,
  bodies: Body[],
  forEachTerm: (visit: (term: Term) => void) => void,
): void {
  const declarations: SomeDeclLiteral[] = [];
  const uses = new Map<string, number>();
  for (const body of bodies) collectSome(body, declarations);
  forEachTerm((term) => {
    if (term.type === 'var') uses.set(term.name, (uses.get(term.name) ?? 0) + 1);
    if (
      term.type === 'arraycomprehension' ||
      term.type === 'setcomprehension' ||
      term.type === 'objectcomprehension'
    ) {
      collectSome(term.body, declarations);
    }
  });
  for (const declaration of declarations) {
    for (const variable of declaration.vars) {
      // The declaration itself is one occurrence.
      if ((uses.get(variable.name) ?? 0) <= 1) {
        report(
          context,
          'rego_compile_error',
          `declared var ${displayName(variable.name)} unused`,
          variable.location,
        );
      }
    }
  }
}

/** `some x` literals of a body and of its `every` bodies (comprehensions are found by the term walk). */
function collectSome(body: Body, into: SomeDeclLiteral[]): void {
  for (const literal of body) {
    if (literal.type === 'some') into.push(literal);
    if (literal.type === 'every') collectSome(literal.body, into);
  }
}
