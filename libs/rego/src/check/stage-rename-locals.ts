/**
 * Stage: give each local variable a name unique within its rule (or query). The outermost
 * scope keeps the names as written (query variables are results); a variable of a nested
 * comprehension or `every` body that is not captured from an enclosing scope gets a
 * generated `$name_N` name when its name is already taken. Also enforces OPA's
 * declaration rules: `x := …` twice in one scope, or after `x` was used, is an error.
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
import { report, type CheckContext, type CheckStage } from './check-context';
import { declaredVars, patternVars, visitScopeLiteral, visitScopeTerm } from './scopes';

/** Names already used in the rule, and a counter per name for generated ones. */
class NameAllocator {
  // A local that shadows a root document must not keep the root's name.
  private readonly used = new Set<string>(['input', 'data']);
  private readonly counters = new Map<string, number>();

  reserve(name: string): void {
    this.used.add(name);
  }

  /** The name itself when free, else `$name_N`. */
  claim(name: string): string {
    if (!this.used.has(name)) {
      this.used.add(name);
      return name;
    }
    const base = name.startsWith('$') ? name.slice(1) : name;
    let counter = this.counters.get(base) ?? 1;
    let candidate = `$${base}_${counter}`;
    while (this.used.has(candidate)) candidate = `$${base}_${++counter}`;
    this.counters.set(base, counter + 1);
    this.used.add(candidate);
    return candidate;
  }
}

const builtinRootsCache = new WeakMap<object, Set<string>>();

/** First segments of built-in names (`count`, `object` for `object.get`), per catalogue. */
function builtinRoots(context: CheckContext): Set<string> {
  let roots = builtinRootsCache.get(context.catalogue);
  if (!roots) {
    roots = new Set([...context.catalogue.keys()].map((name) => name.split('.')[0]));
    builtinRootsCache.set(context.catalogue, roots);
  }
  return roots;
}

/** User name → unique name, for the variables visible in a scope. */
type Visible = ReadonlyMap<string, string>;

/** What nested scopes of one scope level may capture. */
interface ScopeNames {
  /** Every variable of the scope and of enclosing scopes. */
  visible: Visible;
  /** The enclosing scopes' variables alone. */
  outer: Visible;
  /** Per literal, the names it declares (`:=`, `some`): not yet visible in earlier literals. */
  declaredAt: string[][];
}

/**
 * The variables a nested scope inside literal `index` may capture: a name declared by
 * `:=`/`some` at or after that literal is not in scope yet (OPA declares sequentially).
 */
function visibleAt(scope: ScopeNames, index: number): Visible {
  const later = scope.declaredAt.slice(index).flat();
  if (later.length === 0) return scope.visible;
  const visible = new Map(scope.visible);
  for (const name of later) {
    const outer = scope.outer.get(name);
    if (outer === undefined) visible.delete(name);
    else visible.set(name, outer);
  }
  return visible;
}

export const renameLocalsStage: CheckStage = {
  name: 'rename-locals',
  run(context) {
    for (const module of context.modules)
      for (const rule of module.rules) renameRule(context, rule);
    for (const query of context.queries) {
      const names = new NameAllocator();
      const scope = renameScope(context, names, query.body, [], new Map(), new Set());
      renameNested(context, names, query.body, [], scope);
    }
  },
};

function renameRule(context: CheckContext, rule: Rule): void {
  const names = new NameAllocator();
  const args = rule.head.args ?? [];
  const argVars = args.flatMap((arg) => patternVars(arg));
  const headTerms = [
    ...rule.head.ref.slice(1),
    ...(rule.head.key ? [rule.head.key] : []),
    ...(rule.head.value ? [rule.head.value] : []),
  ];
  const argNames = new Set(argVars.map((variable) => variable.name));
  const scope = renameScope(
    context,
    names,
    rule.body,
    [...args, ...headTerms],
    new Map(),
    argNames,
  );
  renameNested(context, names, rule.body, [...args, ...headTerms], scope);
  const argsOnly = new Map([...argNames].map((name) => [name, name]));
  for (const clause of rule.elseChain) {
    const clauseTerms = clause.value ? [clause.value] : [];
    const clauseScope = renameScope(context, names, clause.body, clauseTerms, argsOnly, argNames);
    renameNested(context, names, clause.body, clauseTerms, clauseScope);
  }
}

/**
 * Renames the variables of one scope level (its literals and extra terms such as a rule
 * head), returning the names visible inside nested scopes. `outer` maps captured names.
 */
function renameScope(
  context: CheckContext,
  names: NameAllocator,
  body: Body,
  extraTerms: Term[],
  outer: Visible,
  preDeclared: ReadonlySet<string>,
): ScopeNames {
  checkDeclarations(context, body, preDeclared);
  // Original names, taken before renaming rewrites the variables in place.
  const declaredAt = body.map((literal) => declaredVars(literal).map((variable) => variable.name));
  const declaredHere = new Set(
    body.flatMap((literal) => declaredVars(literal).map((variable) => variable.name)),
  );
  const mapping = new Map<string, string>();
  const rename = (variable: VarTerm): void => {
    // The roots stay as they are unless v0 code declared a local of that name (`input := 1`).
    const isRoot = variable.name === 'input' || variable.name === 'data';
    const undeclared = !declaredHere.has(variable.name) && !outer.has(variable.name);
    if (isRoot && undeclared) return;
    // `with f as count` names a built-in, not a variable: keep the name in every scope.
    if (undeclared && builtinRoots(context).has(variable.name)) return;
    let unique = mapping.get(variable.name);
    if (unique === undefined) {
      const captured = declaredHere.has(variable.name) ? undefined : outer.get(variable.name);
      unique = captured ?? names.claim(variable.name);
      mapping.set(variable.name, unique);
    }
    if (unique !== variable.name) {
      variable.name = unique;
      variable.generated = true;
    }
  };
  const ignore = (): void => undefined;
  for (const term of extraTerms) visitScopeTerm(term, rename, ignore);
  for (const literal of body) visitScopeLiteral(literal, rename, ignore, ignore);
  const visible = new Map(outer);
  for (const [name, unique] of mapping) visible.set(name, unique);
  return { visible, outer, declaredAt };
}

/** Renames the comprehension and `every` scopes found at this level, recursively. */
function renameNested(
  context: CheckContext,
  names: NameAllocator,
  body: Body,
  extraTerms: Term[],
  scope: ScopeNames,
): void {
  for (const term of extraTerms) {
    visitScopeTerm(term, ignoreVar, (nested) =>
      renameComprehension(context, names, nested, scope.visible),
    );
  }
  body.forEach((literal, index) => {
    const visible = visitAt(scope, index);
    visitScopeLiteral(
      literal,
      ignoreVar,
      (nested) => renameComprehension(context, names, nested, visible()),
      (every) => renameEvery(context, names, every, visible()),
    );
  });
}

/** Lazily computes `visibleAt` (most literals hold no nested scope). */
function visitAt(scope: ScopeNames, index: number): () => Visible {
  let cached: Visible | undefined;
  return () => (cached ??= visibleAt(scope, index));
}

function ignoreVar(): void {
  return undefined;
}

function renameComprehension(
  context: CheckContext,
  names: NameAllocator,
  term: ComprehensionTerm,
  outer: Visible,
): void {
  const heads = term.type === 'objectcomprehension' ? [term.key, term.value] : [term.head];
  const scope = renameScope(context, names, term.body, heads, outer, new Set());
  renameNested(context, names, term.body, heads, scope);
}

/** `every k, v in xs { … }`: k and v are new variables of the every body. */
function renameEvery(
  context: CheckContext,
  names: NameAllocator,
  every: EveryLiteral,
  outer: Visible,
): void {
  const declared = [every.key, every.value].filter(
    (variable): variable is VarTerm => variable !== null,
  );
  const shadowed = new Map(outer);
  for (const variable of declared) shadowed.delete(variable.name);
  const scope = renameScope(
    context,
    names,
    every.body,
    declared,
    shadowed,
    new Set(declared.map((variable) => variable.name)),
  );
  renameNested(context, names, every.body, [], scope);
}

/**
 * OPA's declaration rules within one scope, in source order: `x := …` is an error when x
 * was declared (`:=`, `some`, a function argument) or used earlier in the same scope.
 */
function checkDeclarations(
  context: CheckContext,
  body: Body,
  preDeclared: ReadonlySet<string>,
): void {
  const declared = new Set(preDeclared);
  const seen = new Set<string>();
  for (const literal of body) {
    checkAssignTarget(context, literal);
    for (const variable of declaredVars(literal)) {
      if (variable.generated) continue;
      const how = literal.type === 'expr' ? 'assigned' : 'declared';
      if (declared.has(variable.name))
        report(
          context,
          'rego_compile_error',
          `var ${variable.name} ${how} above`,
          variable.location,
        );
      else if (seen.has(variable.name))
        report(
          context,
          'rego_compile_error',
          `var ${variable.name} referenced above`,
          variable.location,
        );
      declared.add(variable.name);
    }
    visitScopeLiteral(
      literal,
      (variable) => seen.add(variable.name),
      () => undefined,
      () => undefined,
    );
  }
}

/** `:=` assigns to variables or patterns of variables only. */
function checkAssignTarget(context: CheckContext, literal: Literal): void {
  if (
    literal.type !== 'expr' ||
    literal.term.type !== 'call' ||
    literal.term.operator.join('.') !== 'assign'
  )
    return;
  const target = literal.term.args[0];
  // A pattern with no variable at all binds nothing (`1 := x`); OPA rejects it.
  const isScalar =
    target.type === 'null' ||
    target.type === 'boolean' ||
    target.type === 'number' ||
    target.type === 'string';
  const offending = isScalar ? target : findNonPattern(target);
  if (offending)
    report(context, 'rego_compile_error', `cannot assign to ${offending.type}`, offending.location);
}

function findNonPattern(term: Term): Term | null {
  switch (term.type) {
    case 'var':
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
      return null;
    case 'array':
      for (const item of term.items) {
        const found = findNonPattern(item);
        if (found) return found;
      }
      return null;
    case 'object':
      for (const [, value] of term.entries) {
        const found = findNonPattern(value);
        if (found) return found;
      }
      return null;
    default:
      return term;
  }
}
