/**
 * Stage: rule definitions that cannot coexist, reported as OPA does at compile time:
 * one document defined by different kinds of rules (complete and partial, rule and
 * function), functions of different arities, several `default` rules, a non-constant
 * default value, and a complete rule whose path is a prefix of another rule's path.
 */
import type { Term } from '../ast/nodes';
import { printTerm } from '../ast/print';
import { report, type CheckContext, type CheckStage } from './check-context';
import type { RuleGroup } from './rule-table';

export const conflictsStage: CheckStage = {
  name: 'conflicts',
  run(context) {
    const groups = [...context.rules.groups.values()];
    for (const group of groups) {
      checkKinds(context, group);
      checkDefaults(context, group);
    }
    checkPrefixes(context, groups);
    checkRootNames(context);
  },
};

function checkKinds(context: CheckContext, group: RuleGroup): void {
  if (group.kinds.size > 1 || group.arities.size > 1) {
    report(
      context,
      'rego_type_error',
      `conflicting rules ${group.key} found`,
      group.rules[group.rules.length - 1].location,
    );
  }
}

function checkDefaults(context: CheckContext, group: RuleGroup): void {
  const defaults = group.rules.filter((rule) => rule.isDefault);
  // `default p[true] := 1` and `default p[false] := 2` define different documents.
  const seen = new Set<string>();
  for (const rule of defaults) {
    const key = rule.head.ref.map((part) => printTerm(part)).join('/');
    if (seen.has(key))
      report(
        context,
        'rego_type_error',
        `multiple default rules ${group.key} found`,
        rule.location,
      );
    seen.add(key);
  }
  for (const rule of defaults) {
    const offending = rule.head.value && nonConstant(rule.head.value);
    if (offending)
      report(
        context,
        'rego_compile_error',
        `default rule ${group.key} value cannot contain ${offending.type}`,
        offending.location,
      );
  }
}

function nonConstant(term: Term): Term | null {
  switch (term.type) {
    case 'null':
    case 'boolean':
    case 'number':
    case 'string':
    case 'arraycomprehension':
    case 'setcomprehension':
    case 'objectcomprehension':
      return null;
    case 'array':
    case 'set':
      return term.items.map(nonConstant).find((found) => found !== null) ?? null;
    case 'object':
      return (
        term.entries
          .flat()
          .map(nonConstant)
          .find((found) => found !== null) ?? null
      );
    default:
      return term;
  }
}

/** `p := 1` and `p.q := 2` both define data…p.q: OPA rejects the pair. */
function checkPrefixes(context: CheckContext, groups: RuleGroup[]): void {
  const byKey = new Map(groups.map((group) => [group.key, group]));
  for (const group of groups) {
    for (let length = group.path.length - 1; length > 1; length--) {
      const prefix = byKey.get(group.path.slice(0, length).join('.'));
      if (!prefix) continue;
      // Only a rule defining exactly that document clashes: `p[x] := …` or `p[q] contains r`
      // beside `p.b := …` is allowed (the general ref decides per key at run time).
      if (!prefix.rules.some((rule) => rule.head.ref.every((part) => part.type === 'string')))
        continue;
      report(
        context,
        'rego_type_error',
        `rule ${prefix.key} conflicts with [${group.key}]`,
        group.rules[0].location,
      );
    }
  }
}

/** Rego v1 forbids rules named `input` or `data`: every reference to the root would hit them. */
function checkRootNames(context: CheckContext): void {
  for (const module of context.modules) {
    if (module.regoVersion !== 'v1') continue;
    for (const rule of module.rules) {
      const [name] = rule.head.ref;
      if (name.type === 'string' && (name.value === 'input' || name.value === 'data')) {
        report(
          context,
          'rego_compile_error',
          `rules must not shadow ${name.value} (use a different rule name)`,
          name.location,
        );
      }
    }
  }
}
