/**
 * Small builders for hand-made ASTs in the planner's structural tests, so they do not
 * depend on the parser. Terms are already "checked": rule references are absolute.
 */
import type {
  Body,
  CallTerm,
  Literal,
  Module,
  RefTerm,
  Rule,
  RuleKind,
  Term,
  VarTerm,
  WithModifier,
} from '../../src/ast/nodes';
import type { Location } from '../../src/syntax/location';

export const at: Location = { file: 'test.rego', line: 1, col: 1, offset: 0 };

export const str = (value: string): Term => ({ type: 'string', value, location: at });
export const num = (text: string | number): Term => ({
  type: 'number',
  text: String(text),
  location: at,
});
export const bool = (value: boolean): Term => ({ type: 'boolean', value, location: at });
export const v = (name: string): VarTerm => ({ type: 'var', name, location: at });
export const arr = (...items: Term[]): Term => ({ type: 'array', items, location: at });
export const call = (operator: string, ...args: Term[]): CallTerm => ({
  type: 'call',
  operator: operator.split('.'),
  args,
  location: at,
});

/** `ref('input', 'a', v('x'))`: strings become string terms, other terms stay. */
export function ref(head: string, ...path: Array<string | Term>): RefTerm {
  return {
    type: 'ref',
    head: v(head),
    path: path.map((element) => (typeof element === 'string' ? str(element) : element)),
    location: at,
  };
}

export const expr = (term: Term, withs: WithModifier[] = []): Literal => ({
  type: 'expr',
  negated: false,
  term,
  with: withs,
  location: at,
});
export const not = (term: Term): Literal => ({
  type: 'expr',
  negated: true,
  term,
  with: [],
  location: at,
});
export const someIn = (value: Term, collection: Term, key: Term | null = null): Literal => ({
  type: 'somein',
  key,
  value,
  collection,
  with: [],
  location: at,
});
export const every = (value: VarTerm, domain: Term, body: Body): Literal => ({
  type: 'every',
  key: null,
  value,
  domain,
  body,
  with: [],
  location: at,
});
export const withModifier = (target: RefTerm | VarTerm, value: Term): WithModifier => ({
  type: 'with',
  target,
  value,
  location: at,
});

export function rule(
  packagePath: string[],
  name: string | Term[],
  options: {
    kind?: RuleKind;
    value?: Term | null;
    key?: Term | null;
    args?: Term[];
    body?: Body;
    isDefault?: boolean;
  } = {},
): Rule {
  return {
    type: 'rule',
    kind: options.kind ?? (options.args ? 'function' : 'complete'),
    isDefault: options.isDefault ?? false,
    head: {
      ref: typeof name === 'string' ? [str(name)] : name,
      args: options.args ?? null,
      key: options.key ?? null,
      value: options.value ?? null,
      assign: true,
      location: at,
    },
    body: options.body ?? [],
    elseChain: [],
    packagePath,
    location: at,
  };
}

export function module(packagePath: string[], rules: Rule[]): Module {
  return {
    type: 'module',
    file: 'test.rego',
    regoVersion: 'v1',
    package: { type: 'package', path: packagePath, location: at },
    imports: [],
    rules,
  };
}
