/**
 * The rules of all modules grouped by the document they define. A group is keyed by the
 * rule's absolute constant path: `p[x]` in package `a` defines `data.a.p`, `a.b.c := 1`
 * defines `data.a.a.b.c`, `f(x)` defines `data.a.f`.
 */
import type { Module, Rule, RuleKind } from '../ast/nodes';

export interface RuleGroup {
  /** `['data', 'a', 'p']`. */
  path: string[];
  key: string;
  rules: Rule[];
  kinds: Set<RuleKind>;
  /** Arities of function definitions in this group (more than one is a conflict). */
  arities: Set<number>;
}

export interface RuleTable {
  groups: Map<string, RuleGroup>;
  /** Package path (dotted) → names its rules define at the package level (`p` for `p.q[x]`). */
  packageNames: Map<string, Set<string>>;
}

/** The absolute path of the document a rule defines: `data`, package, then the head's leading names. */
export function rulePath(rule: Rule): string[] {
  const path = ['data', ...rule.packagePath];
  for (const part of rule.head.ref) {
    if (part.type !== 'string') break;
    path.push(part.value);
  }
  return path;
}

export function ruleName(rule: Rule): string {
  const first = rule.head.ref[0];
  return first.type === 'string' ? first.value : '';
}

export function buildRuleTable(modules: Module[]): RuleTable {
  const groups = new Map<string, RuleGroup>();
  const packageNames = new Map<string, Set<string>>();
  for (const module of modules) {
    const packageKey = module.package.path.join('.');
    const names = packageNames.get(packageKey) ?? new Set<string>();
    packageNames.set(packageKey, names);
    for (const rule of module.rules) {
      names.add(ruleName(rule));
      const path = rulePath(rule);
      const key = path.join('.');
      let group = groups.get(key);
      if (!group) {
        group = { path, key, rules: [], kinds: new Set(), arities: new Set() };
        groups.set(key, group);
      }
      group.rules.push(rule);
      group.kinds.add(rule.kind);
      if (rule.kind === 'function') group.arities.add(rule.head.args?.length ?? 0);
    }
  }
  return { groups, packageNames };
}

/** The function group at an absolute operator path, if one is defined. */
export function functionGroup(table: RuleTable, operator: string[]): RuleGroup | undefined {
  const group = table.groups.get(operator.join('.'));
  return group && group.kinds.has('function') ? group : undefined;
}
