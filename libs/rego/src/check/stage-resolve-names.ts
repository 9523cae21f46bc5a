/**
 * Stage: make every global name absolute. Import aliases are replaced by their path,
 * package-local rule names become `data.<package>.<name>`, calls of user functions get
 * their absolute operator. Names declared locally (`some`, `:=`, function arguments,
 * `every` variables) shadow globals within their scope.
 */
import type {
  Body,
  Import,
  Module,
  RefTerm,
  Rule,
  Term,
  VarTerm,
  WithModifier,
} from '../ast/nodes';
import { report, type CheckContext, type CheckStage } from './check-context';
import { functionGroup } from './rule-table';
import { declaredNames, declaredVars, patternVars } from './scopes';

/** An import alias or package name → the absolute reference it stands for. */
interface GlobalNames {
  aliases: Map<string, { head: 'data' | 'input'; path: string[] }>;
  packagePath: string[];
  packageNames: ReadonlySet<string>;
}

/** Scopes from outermost to innermost, each the set of names declared in it. */
type Scopes = Array<ReadonlySet<string>>;

export const resolveNamesStage: CheckStage = {
  name: 'resolve-names',
  run(context) {
    for (const module of context.modules) resolveModule(context, module);
    const none: GlobalNames = { aliases: new Map(), packagePath: [], packageNames: new Set() };
    for (const query of context.queries) {
      query.body = resolveBody(context, none, query.body, []);
    }
  },
};

function resolveModule(context: CheckContext, module: Module): void {
  const globals: GlobalNames = {
    aliases: collectAliases(context, module.imports),
    packagePath: module.package.path,
    packageNames: context.rules.packageNames.get(module.package.path.join('.')) ?? new Set(),
  };
  // Rego v1 forbids local variables named input or data; v0 allowed them.
  const shadowing = module.regoVersion === 'v1' ? context : null;
  for (const rule of module.rules) resolveRule(context, globals, rule, shadowing);
}

function collectAliases(context: CheckContext, imports: Import[]): GlobalNames['aliases'] {
  const aliases: GlobalNames['aliases'] = new Map();
  for (const node of imports) {
    const head = node.path.type === 'var' ? node.path : node.path.head;
    if (head.type !== 'var' || (head.name !== 'data' && head.name !== 'input')) continue; // future.*, rego.v1
    const path =
      node.path.type === 'ref'
        ? node.path.path.map((part) => (part.type === 'string' ? part.value : ''))
        : [];
    const alias = node.alias ?? (path.length > 0 ? path[path.length - 1] : head.name);
    if (aliases.has(alias)) {
      report(
        context,
        'rego_compile_error',
        `import must not shadow import ${alias}`,
        node.location,
      );
      continue;
    }
    aliases.set(alias, { head: head.name, path });
  }
  return aliases;
}

function resolveRule(
  context: CheckContext,
  globals: GlobalNames,
  rule: Rule,
  shadowing: CheckContext | null,
): void {
  const argNames = new Set(
    (rule.head.args ?? []).flatMap((arg) => patternVars(arg).map((variable) => variable.name)),
  );
  for (const arg of rule.head.args ?? []) rejectShadowing(shadowing, patternVars(arg));
  checkShadowing(shadowing, rule.body);
  const ruleScope: Scopes = [new Set([...argNames, ...declaredNames(rule.body)])];
  rule.head.ref = rule.head.ref.map((part, index) =>
    index === 0 ? part : resolveTerm(context, globals, part, ruleScope),
  );
  if (rule.head.key) rule.head.key = resolveTerm(context, globals, rule.head.key, ruleScope);
  if (rule.head.value) rule.head.value = resolveTerm(context, globals, rule.head.value, ruleScope);
  rule.body = resolveBody(context, globals, rule.body, [argNames]);
  for (const clause of rule.elseChain) {
    checkShadowing(shadowing, clause.body);
    const clauseScope: Scopes = [new Set([...argNames, ...declaredNames(clause.body)])];
    if (clause.value) clause.value = resolveTerm(context, globals, clause.value, clauseScope);
    clause.body = resolveBody(context, globals, clause.body, [argNames]);
  }
}

/** `input := 1`, `some data`: local variables must not hide the root documents. */
function checkShadowing(context: CheckContext | null, body: Body): void {
  for (const literal of body) rejectShadowing(context, declaredVars(literal));
}

function rejectShadowing(context: CheckContext | null, variables: VarTerm[]): void {
  if (!context) return;
  for (const variable of variables) {
    if (variable.name === 'input' || variable.name === 'data') {
      report(
        context,
        'rego_compile_error',
        `variables must not shadow ${variable.name} (use a different variable name)`,
        variable.location,
      );
    }
  }
}

/** Resolves a body as a new scope inside `outer`. */
function resolveBody(
  context: CheckContext,
  globals: GlobalNames,
  body: Body,
  outer: Scopes,
  extra: string[] = [],
): Body {
  const scopes: Scopes = [...outer, new Set([...declaredNames(body), ...extra])];
  const term = (inner: Term): Term => resolveTerm(context, globals, inner, scopes);
  const withModifiers = (modifiers: WithModifier[]): WithModifier[] =>
    modifiers.map((modifier) => ({
      ...modifier,
      target: term(modifier.target) as WithModifier['target'],
      value: term(modifier.value),
    }));
  return body.map((literal) => {
    switch (literal.type) {
      case 'some':
        return literal;
      case 'expr':
        return {
          ...literal,
          term: term(literal.term),
          with: withModifiers(literal.with),
        };
      case 'somein':
        return {
          ...literal,
          collection: term(literal.collection),
          with: withModifiers(literal.with),
        };
      case 'every': {
        const bound = [literal.key?.name, literal.value.name].filter(
          (name): name is string => name !== undefined,
        );
        const everyBody = literal.body;
        return {
          ...literal,
          domain: term(literal.domain),
          body: resolveBody(context, globals, everyBody, scopes, bound),
          with: withModifiers(literal.with),
        };
      }
    }
  });
}

function isDeclared(scopes: Scopes, name: string): boolean {
  return scopes.some((scope) => scope.has(name));
}

/** The absolute ref a global variable name stands for, or null when it is local. */
function globalRef(globals: GlobalNames, scopes: Scopes, variable: VarTerm): RefTerm | null {
  const { name, location } = variable;
  if (variable.generated || name === 'input' || name === 'data' || isDeclared(scopes, name))
    return null;
  const alias = globals.aliases.get(name);
  if (alias) {
    return {
      type: 'ref',
      head: { type: 'var', name: alias.head, location },
      path: alias.path.map((part) => ({ type: 'string', value: part, location })),
      location,
    };
  }
  if (globals.packageNames.has(name)) {
    return {
      type: 'ref',
      head: { type: 'var', name: 'data', location },
      path: [...globals.packagePath, name].map((part) => ({
        type: 'string',
        value: part,
        location,
      })),
      location,
    };
  }
  return null;
}

function resolveTerm(
  context: CheckContext,
  globals: GlobalNames,
  term: Term,
  scopes: Scopes,
): Term {
  const recurse = (inner: Term): Term => resolveTerm(context, globals, inner, scopes);
  switch (term.type) {
    case 'var': {
      const global = globalRef(globals, scopes, term);
      // A bare `input`/`data` alias (import input) collapses back to the plain root variable.
      if (global && global.path.length === 0) return global.head;
      return global ?? term;
    }
    case 'ref': {
      const path = term.path.map(recurse);
      if (term.head.type === 'var') {
        const global = globalRef(globals, scopes, term.head);
        if (global) return { ...term, head: global.head, path: [...global.path, ...path] };
        return { ...term, path };
      }
      return { ...term, head: recurse(term.head), path };
    }
    case 'array':
    case 'set':
      return { ...term, items: term.items.map(recurse) };
    case 'object':
      return {
        ...term,
        entries: term.entries.map(([key, value]) => [recurse(key), recurse(value)] as [Term, Term]),
      };
    case 'call':
      return {
        ...term,
        operator: resolveOperator(context, globals, scopes, term.operator),
        args: term.args.map(recurse),
      };
    case 'arraycomprehension':
    case 'setcomprehension': {
      const inner: Scopes = [...scopes, declaredNames(term.body)];
      return {
        ...term,
        head: resolveTerm(context, globals, term.head, inner),
        body: resolveBody(context, globals, term.body, scopes),
      };
    }
    case 'objectcomprehension': {
      const inner: Scopes = [...scopes, declaredNames(term.body)];
      return {
        ...term,
        key: resolveTerm(context, globals, term.key, inner),
        value: resolveTerm(context, globals, term.value, inner),
        body: resolveBody(context, globals, term.body, scopes),
      };
    }
    default:
      return term;
  }
}

/**
 * `f` → `data.pkg.f` for a package function; `lib.f` → `data.lib.f` through an import;
 * anything else stays as written (a built-in, checked by the calls stage).
 */
function resolveOperator(
  context: CheckContext,
  globals: GlobalNames,
  scopes: Scopes,
  operator: string[],
): string[] {
  const [first, ...rest] = operator;
  if (first === 'data' || isDeclared(scopes, first)) return operator;
  const alias = globals.aliases.get(first);
  if (alias) return [alias.head, ...alias.path, ...rest];
  if (globals.packageNames.has(first)) {
    const absolute = ['data', ...globals.packagePath, ...operator];
    if (functionGroup(context.rules, absolute) || !context.catalogue.has(operator.join('.')))
      return absolute;
  }
  return operator;
}
