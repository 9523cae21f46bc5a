/**
 * Stage: order every body so each literal runs after the literals that bind what it reads,
 * and report variables nothing binds (`rego_unsafe_var_error`). Literals keep their source
 * order where possible: each round takes the first literal that can run. Comprehension and
 * `every` bodies are ordered with the variables bound where they are evaluated; rule heads
 * (key, value, ref variables) must be bound by the body; function arguments are bound on entry.
 */
import type {
  Body,
  ComprehensionTerm,
  EveryLiteral,
  Literal,
  Rule,
  Term,
  VarTerm,
} from '../ast/nodes';
import { forEachTermInLiteral } from '../ast/walk';
import { displayName, report, type CheckContext, type CheckStage } from './check-context';
import { SafetyAnalysis } from './safety-analysis';
import { patternVars, visitScopeLiteral, visitScopeTerm } from './scopes';

export const safetyStage: CheckStage = {
  name: 'safety',
  run(context) {
    const checker = new SafetyChecker(context);
    for (const module of context.modules) for (const rule of module.rules) checker.checkRule(rule);
    for (const query of context.queries) {
      const visible = scopeNames(query.body, []);
      query.body = checker.orderBody(query.body, new Set(), visible, new Set()).body;
    }
  },
};

/** Names mentioned at one scope level (body literals and extra terms such as a head). */
function scopeNames(
  body: Body,
  extraTerms: Term[],
  outer: ReadonlySet<string> = new Set(),
): Set<string> {
  const names = new Set(outer);
  const add = (variable: VarTerm): void => {
    if (variable.name !== 'input' && variable.name !== 'data') names.add(variable.name);
  };
  for (const term of extraTerms) visitScopeTerm(term, add, () => undefined);
  for (const literal of body)
    visitScopeLiteral(
      literal,
      add,
      () => undefined,
      () => undefined,
    );
  return names;
}

class SafetyChecker {
  private readonly analysis: SafetyAnalysis;
  /** Numbers the `$headN` variables; unique per compilation, so unique per rule. */
  private headCounter = 0;

  constructor(private readonly context: CheckContext) {
    this.analysis = new SafetyAnalysis(context);
  }

  checkRule(rule: Rule): void {
    const reported = new Set<string>();
    const args = rule.head.args ?? [];
    const argNames = new Set(
      args.flatMap((arg) => patternVars(arg).map((variable) => variable.name)),
    );
    const headTerms = [
      ...rule.head.ref.slice(1),
      ...(rule.head.key ? [rule.head.key] : []),
      ...(rule.head.value ? [rule.head.value] : []),
    ];
    const visible = scopeNames(rule.body, [...args, ...headTerms]);
    const ordered = this.orderBody(rule.body, argNames, visible, reported);
    rule.body = ordered.body;
    if (rule.head.value)
      rule.head.value = this.evaluateInBody(rule.head.value, ordered, visible, reported);
    if (rule.head.key)
      rule.head.key = this.evaluateInBody(rule.head.key, ordered, visible, reported);
    const finalHead = [
      ...rule.head.ref.slice(1),
      ...(rule.head.key ? [rule.head.key] : []),
      ...(rule.head.value ? [rule.head.value] : []),
    ];
    this.checkBoundTerms(finalHead, ordered.bound, visible, reported);
    for (const clause of rule.elseChain) {
      const clauseTerms = clause.value ? [clause.value] : [];
      const clauseVisible = scopeNames(clause.body, [...args, ...clauseTerms]);
      const clauseOrdered = this.orderBody(clause.body, argNames, clauseVisible, reported);
      clause.body = clauseOrdered.body;
      if (clause.value)
        clause.value = this.evaluateInBody(clause.value, clauseOrdered, clauseVisible, reported);
      this.checkBoundTerms(
        clause.value ? [clause.value] : [],
        clauseOrdered.bound,
        clauseVisible,
        reported,
      );
    }
  }

  /** Reorders `body` given the variables bound on entry; returns the new order and what is bound after it. */
  orderBody(
    body: Body,
    entryBound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
    reported: Set<string>,
  ): { body: Body; bound: Set<string> } {
    const bound = new Set(entryBound);
    const remaining = [...body];
    const ordered: Body = [];
    while (remaining.length > 0) {
      const index = remaining.findIndex(
        (literal) => this.analysis.analyzeLiteral(literal, bound, visible).needs.size === 0,
      );
      if (index < 0) {
        this.reportUnsafe(remaining, bound, visible, reported);
        ordered.push(...remaining);
        break;
      }
      const [literal] = remaining.splice(index, 1);
      const { outputs } = this.analysis.analyzeLiteral(literal, bound, visible);
      this.orderNested(literal, bound, visible, reported);
      for (const name of outputs) bound.add(name);
      ordered.push(literal);
    }
    return { body: ordered, bound };
  }

  /** Orders the comprehension and `every` bodies of a literal placed with `bound` in force. */
  private orderNested(
    literal: Literal,
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
    reported: Set<string>,
  ): void {
    visitScopeLiteral(
      literal,
      () => undefined,
      (nested) => this.orderComprehension(nested, bound, visible, reported),
      (every) => this.orderEvery(every, bound, visible, reported),
    );
  }

  private orderComprehension(
    term: ComprehensionTerm,
    bound: ReadonlySet<string>,
    outerVisible: ReadonlySet<string>,
    reported: Set<string>,
  ): void {
    const heads = term.type === 'objectcomprehension' ? [term.key, term.value] : [term.head];
    const visible = scopeNames(term.body, heads, outerVisible);
    const ordered = this.orderBody(term.body, bound, visible, reported);
    term.body = ordered.body;
    if (term.type === 'objectcomprehension') {
      term.key = this.evaluateInBody(term.key, ordered, visible, reported);
      term.value = this.evaluateInBody(term.value, ordered, visible, reported);
    } else {
      term.head = this.evaluateInBody(term.head, ordered, visible, reported);
    }
    this.checkBoundTerms(
      term.type === 'objectcomprehension' ? [term.key, term.value] : [term.head],
      ordered.bound,
      visible,
      reported,
    );
  }

  private orderEvery(
    every: EveryLiteral,
    bound: ReadonlySet<string>,
    outerVisible: ReadonlySet<string>,
    reported: Set<string>,
  ): void {
    const declared = [every.key, every.value].filter(
      (variable): variable is VarTerm => variable !== null,
    );
    const visible = scopeNames(every.body, declared, outerVisible);
    const entry = new Set([...bound, ...declared.map((variable) => variable.name)]);
    every.body = this.orderBody(every.body, entry, visible, reported).body;
  }

  /**
   * A head value that iterates (`f(x) := o[_] == x`, `[xs[_] | true]`) is evaluated as a
   * last body literal `$headN = <value>`, as OPA rewrites it, so the head only names a
   * bound variable and the planner sees an ordinary body.
   */
  private evaluateInBody(
    term: Term,
    ordered: { body: Body; bound: Set<string> },
    visible: ReadonlySet<string>,
    reported: Set<string>,
  ): Term {
    const scanned = this.analysis.scan(term, visible);
    if (![...scanned.outputs].some((name) => !ordered.bound.has(name))) return term;
    const variable: VarTerm = {
      type: 'var',
      name: `$head${this.headCounter++}`,
      generated: true,
      location: term.location,
    };
    const literal: Literal = {
      type: 'expr',
      negated: false,
      term: {
        type: 'call',
        operator: ['eq'],
        args: [{ ...variable }, term],
        location: term.location,
      },
      with: [],
      location: term.location,
    };
    const { needs, outputs } = this.analysis.analyzeLiteral(literal, ordered.bound, visible);
    if (needs.size > 0) {
      this.reportUnsafe([literal], ordered.bound, visible, reported);
      return term;
    }
    this.orderNested(literal, ordered.bound, visible, reported);
    for (const name of outputs) ordered.bound.add(name);
    ordered.body.push(literal);
    return { ...variable };
  }

  /** Head-like terms (rule key/value/ref, comprehension heads) must only use bound variables. */
  private checkBoundTerms(
    terms: Term[],
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
    reported: Set<string>,
  ): void {
    for (const term of terms) {
      visitScopeTerm(
        term,
        (variable) => {
          if (variable.name !== 'input' && variable.name !== 'data' && !bound.has(variable.name))
            this.reportVar(variable, reported);
        },
        (nested) => this.orderComprehension(nested, bound, visible, reported),
      );
    }
  }

  /** One error per unsafe variable, at its first occurrence among the literals that could not run. */
  private reportUnsafe(
    literals: Literal[],
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
    reported: Set<string>,
  ): void {
    const unsafe = new Set<string>();
    for (const literal of literals) {
      for (const name of this.analysis.analyzeLiteral(literal, bound, visible).needs)
        unsafe.add(name);
    }
    for (const literal of literals) {
      forEachTermInLiteral(literal, (term) => {
        if (term.type === 'var' && unsafe.has(term.name)) {
          unsafe.delete(term.name);
          this.reportVar(term, reported);
        }
      });
    }
  }

  private reportVar(variable: VarTerm, reported: Set<string>): void {
    if (reported.has(variable.name)) return;
    reported.add(variable.name);
    report(
      this.context,
      'rego_unsafe_var_error',
      `var ${displayName(variable.name)} is unsafe`,
      variable.location,
    );
  }
}
