/**
 * A stand-in for `checkModules`, used by the planner tests only while the checker is not
 * there: it produces what the checker's output contract promises for the common cases.
 * - rule, package and import names become absolute `data…` references, user function
 *   calls absolute operators;
 * - body literals are reordered greedily so that a literal comes after the literals
 *   binding the variables it reads.
 * It does not rename variables and reports nothing: it is not a checker.
 */
import type { Body, Literal, Module, Query, Rule, Term, VarTerm } from '../../src/ast/nodes';

interface Names {
  /** Rule / function name → absolute path (without `data`). */
  rules: Map<string, string[]>;
  /** Import alias → the imported reference (head var + path). */
  imports: Map<string, Term>;
}

export function resolveModules(
  modules: Module[],
  queries: Query[],
): { modules: Module[]; queries: Query[] } {
  return {
    modules: modules.map((module) => {
      const names = namesOf(module);
      return {
        ...module,
        rules: module.rules.map((rule) => resolveRule(rule, names)),
      };
    }),
    queries: queries.map((query) => {
      const names: Names = { rules: new Map(), imports: new Map() };
      enclosingVars = new Set();
      for (const literal of query.body) allVars(literal).forEach((name) => enclosingVars.add(name));
      return { ...query, body: reorder(resolveBody(query.body, names, new Set())) };
    }),
  };
}

function namesOf(module: Module): Names {
  const rules = new Map<string, string[]>();
  for (const rule of module.rules) {
    const first = rule.head.ref[0];
    if (first.type === 'string') rules.set(first.value, [...module.package.path, first.value]);
  }
  const imports = new Map<string, Term>();
  for (const imported of module.imports) {
    const path = imported.path;
    if (path.type !== 'ref' || path.head.type !== 'var') continue;
    if (path.head.name !== 'data' && path.head.name !== 'input') continue;
    const last = path.path[path.path.length - 1];
    const alias = imported.alias ?? (last?.type === 'string' ? last.value : null);
    if (alias) imports.set(alias, path);
  }
  return { rules, imports };
}

/** Variables of the rule being resolved, bound when its nested bodies run. */
let enclosingVars = new Set<string>();

function resolveRule(rule: Rule, names: Names): Rule {
  const locals = new Set<string>();
  collectDeclared(rule, locals);
  const argVars = new Set<string>();
  for (const arg of rule.head.args ?? []) collectVars(arg, argVars);
  argVars.forEach((name) => locals.add(name));
  const term = (value: Term): Term => resolveTerm(value, names, locals);
  // Nested bodies (comprehensions, every) may read any variable of the enclosing rule.
  enclosingVars = new Set(argVars);
  for (const literal of [...rule.body, ...rule.elseChain.flatMap((clause) => clause.body)]) {
    allVars(literal).forEach((name) => enclosingVars.add(name));
  }
  return {
    ...rule,
    head: {
      ...rule.head,
      ref: rule.head.ref.map((element, index) => (index === 0 ? element : term(element))),
      args: rule.head.args?.map(term) ?? null,
      key: rule.head.key && term(rule.head.key),
      value: rule.head.value && term(rule.head.value),
    },
    body: reorder(resolveBody(rule.body, names, locals), argVars),
    elseChain: rule.elseChain.map((clause) => ({
      ...clause,
      value: clause.value && term(clause.value),
      body: reorder(resolveBody(clause.body, names, locals), argVars),
    })),
  };
}

function resolveBody(body: Body, names: Names, locals: Set<string>): Body {
  const term = (value: Term): Term => resolveTerm(value, names, locals);
  return body.map((literal): Literal => {
    const withs = 'with' in literal ? literal.with : [];
    const resolvedWith = withs.map((modifier) => ({
      ...modifier,
      target: resolveWithTarget(modifier.target, names),
      value: term(modifier.value),
    }));
    switch (literal.type) {
      case 'some':
        return literal;
      case 'expr':
        return { ...literal, term: term(literal.term), with: resolvedWith };
      case 'somein':
        return {
          ...literal,
          key: literal.key && term(literal.key),
          value: term(literal.value),
          collection: term(literal.collection),
          with: resolvedWith,
        };
      case 'every':
        return {
          ...literal,
          domain: term(literal.domain),
          body: reorder(resolveBody(literal.body, names, locals), enclosingVars),
          with: resolvedWith,
        };
    }
  });
}

function resolveWithTarget(target: Term, names: Names): VarTerm | Extract<Term, { type: 'ref' }> {
  const resolved = resolveTerm(target, names, new Set());
  return resolved.type === 'var' || resolved.type === 'ref' ? resolved : (target as VarTerm);
}

function resolveTerm(term: Term, names: Names, locals: Set<string>): Term {
  const recurse = (value: Term): Term => resolveTerm(value, names, locals);
  switch (term.type) {
    case 'var':
      return resolveName(term, names, locals) ?? term;
    case 'ref': {
      const head = recurse(term.head);
      const path = term.path.map(recurse);
      if (head.type === 'ref') return { ...term, head: head.head, path: [...head.path, ...path] };
      return { ...term, head, path };
    }
    case 'array':
      return { ...term, items: term.items.map(recurse) };
    case 'set':
      return { ...term, items: term.items.map(recurse) };
    case 'object':
      return {
        ...term,
        entries: term.entries.map(([key, value]) => [recurse(key), recurse(value)]),
      };
    case 'arraycomprehension':
    case 'setcomprehension': {
      const inner = new Set(locals);
      collectBodyDeclared(term.body, inner);
      return {
        ...term,
        head: resolveTerm(term.head, names, inner),
        body: reorder(resolveBody(term.body, names, inner), enclosingVars),
      };
    }
    case 'objectcomprehension': {
      const inner = new Set(locals);
      collectBodyDeclared(term.body, inner);
      return {
        ...term,
        key: resolveTerm(term.key, names, inner),
        value: resolveTerm(term.value, names, inner),
        body: reorder(resolveBody(term.body, names, inner), enclosingVars),
      };
    }
    case 'call':
      return {
        ...term,
        operator: resolveOperator(term.operator, names),
        args: term.args.map(recurse),
      };
    default:
      return term;
  }
}

function resolveName(term: VarTerm, names: Names, locals: Set<string>): Term | null {
  if (locals.has(term.name)) return null;
  const rulePath = names.rules.get(term.name);
  if (rulePath) {
    return {
      type: 'ref',
      head: { type: 'var', name: 'data', location: term.location },
      path: rulePath.map((key) => ({ type: 'string', value: key, location: term.location })),
      location: term.location,
    };
  }
  return names.imports.get(term.name) ?? null;
}

function resolveOperator(operator: string[], names: Names): string[] {
  const [first, ...rest] = operator;
  const rulePath = names.rules.get(first);
  if (rulePath) return ['data', ...rulePath, ...rest];
  const imported = names.imports.get(first);
  if (imported && imported.type === 'ref' && imported.head.type === 'var') {
    const keys = imported.path.map((element) => (element.type === 'string' ? element.value : '?'));
    return [imported.head.name, ...keys, ...rest];
  }
  return operator;
}

/** Variables a rule declares itself (`some`, `:=`, `some … in`, `every`): these shadow rule names. */
function collectDeclared(rule: Rule, into: Set<string>): void {
  collectBodyDeclared(rule.body, into);
  for (const clause of rule.elseChain) collectBodyDeclared(clause.body, into);
}

function collectBodyDeclared(body: Body, into: Set<string>): void {
  for (const literal of body) {
    if (literal.type === 'some') literal.vars.forEach((variable) => into.add(variable.name));
    if (literal.type === 'somein') {
      if (literal.key) collectVars(literal.key, into);
      collectVars(literal.value, into);
    }
    if (literal.type === 'every') {
      if (literal.key) into.add(literal.key.name);
      into.add(literal.value.name);
      collectBodyDeclared(literal.body, into);
    }
    if (
      literal.type === 'expr' &&
      literal.term.type === 'call' &&
      literal.term.operator[0] === 'assign'
    ) {
      collectVars(literal.term.args[0], into);
    }
  }
}

function collectVars(term: Term, into: Set<string>): void {
  if (term.type === 'var') into.add(term.name);
  else if (term.type === 'array' || term.type === 'set')
    term.items.forEach((item) => collectVars(item, into));
  else if (term.type === 'object') term.entries.forEach(([, value]) => collectVars(value, into));
}

// ---------------------------------------------------------------------------
// Safety reordering (greedy)

/** Marks a requirement "one of these var sets is bound" (unification needs one known side). */
const ONE_SIDE_MARKER = '\u0000one-side:';

function reorder(body: Body, initiallyBound: Iterable<string> = []): Body {
  const bound = new Set<string>(['input', 'data', ...initiallyBound]);
  const remaining = [...body];
  const ordered: Body = [];
  while (remaining.length > 0) {
    const ready = (name: string): boolean =>
      name.startsWith(ONE_SIDE_MARKER)
        ? (JSON.parse(name.slice(ONE_SIDE_MARKER.length)) as string[][]).some((side) =>
            side.every((item) => bound.has(item)),
          )
        : bound.has(name);
    let index = remaining.findIndex((literal) => [...requiredVars(literal)].every(ready));
    if (index < 0) index = 0;
    const [literal] = remaining.splice(index, 1);
    ordered.push(literal);
    for (const name of allVars(literal)) bound.add(name);
  }
  return ordered;
}

/** Variables a literal reads before it can run (not the ones it may bind). */
function requiredVars(literal: Literal): Set<string> {
  const required = new Set<string>();
  const read = (term: Term): void => readVars(term, required);
  switch (literal.type) {
    case 'some':
      break;
    case 'expr': {
      const term = literal.term;
      if (literal.negated) {
        allTermVars(term, required);
      } else if (
        term.type === 'call' &&
        (term.operator[0] === 'eq' || term.operator[0] === 'assign')
      ) {
        // One side may bind: require what the non-pattern parts read, and one side readable.
        term.args.forEach((arg) => patternReads(arg, required));
        const sides = term.args.map((arg) => {
          const vars = new Set<string>();
          readVars(arg, vars);
          return vars;
        });
        required.add(ONE_SIDE_MARKER + JSON.stringify(sides.map((side) => [...side])));
      } else if (term.type === 'call') {
        term.args.forEach((arg, index) =>
          index === term.args.length - 1 && term.args.length > 1
            ? patternReads(arg, required)
            : read(arg),
        );
      } else read(term);
      break;
    }
    case 'somein':
      read(literal.collection);
      break;
    case 'every':
      read(literal.domain);
      break;
  }
  if ('with' in literal) for (const modifier of literal.with) read(modifier.value);
  return required;
}

/** Vars read by a term in an input position: ref path vars and pattern vars can bind instead. */
function readVars(term: Term, into: Set<string>): void {
  switch (term.type) {
    case 'var':
      into.add(term.name);
      return;
    case 'ref':
      if (term.head.type !== 'var') readVars(term.head, into);
      else into.add(term.head.name);
      return;
    case 'array':
    case 'set':
      return term.items.forEach((item) => readVars(item, into));
    case 'object':
      return term.entries.forEach(([key, value]) => (readVars(key, into), readVars(value, into)));
    case 'call':
      return term.args.forEach((arg) => readVars(arg, into));
    default:
      return;
  }
}

function patternReads(term: Term, into: Set<string>): void {
  switch (term.type) {
    case 'var':
      return;
    case 'array':
    case 'set':
      return term.items.forEach((item) => patternReads(item, into));
    case 'object':
      return term.entries.forEach(
        ([key, value]) => (readVars(key, into), patternReads(value, into)),
      );
    default:
      return readVars(term, into);
  }
}

function allVars(literal: Literal): Set<string> {
  const vars = new Set<string>();
  switch (literal.type) {
    case 'some':
      break;
    case 'expr':
      allTermVars(literal.term, vars);
      break;
    case 'somein':
      if (literal.key) allTermVars(literal.key, vars);
      allTermVars(literal.value, vars);
      allTermVars(literal.collection, vars);
      break;
    case 'every':
      allTermVars(literal.domain, vars);
      break;
  }
  return vars;
}

function allTermVars(term: Term, into: Set<string>): void {
  switch (term.type) {
    case 'var':
      into.add(term.name);
      return;
    case 'ref':
      allTermVars(term.head, into);
      return term.path.forEach((element) => allTermVars(element, into));
    case 'array':
    case 'set':
      return term.items.forEach((item) => allTermVars(item, into));
    case 'object':
      return term.entries.forEach(
        ([key, value]) => (allTermVars(key, into), allTermVars(value, into)),
      );
    case 'call':
      return term.args.forEach((arg) => allTermVars(arg, into));
    default:
      return;
  }
}
