/**
 * Stage: reject recursion between rules and functions (Rego has no recursive rules). A
 * rule depends on every rule group whose document a `data` reference in it may read: the
 * constant prefix of the reference either lies inside the group's path or covers it
 * (`data.x` reads every rule of package x).
 */
import type { Rule, Term } from '../ast/nodes';
import { forEachTermInRule } from '../ast/walk';
import { report, type CheckStage } from './check-context';
import type { RuleGroup, RuleTable } from './rule-table';

export const recursionStage: CheckStage = {
  name: 'recursion',
  run(context) {
    const edges = dependencyEdges(context.rules);
    const reportedCycles = new Set<string>();
    for (const group of context.rules.groups.values()) {
      const cycle = findCycle(group.key, edges);
      if (!cycle) continue;
      const cycleKey = [...cycle.slice(0, -1)].sort().join(' ');
      if (reportedCycles.has(cycleKey)) continue;
      reportedCycles.add(cycleKey);
      report(
        context,
        'rego_recursion_error',
        `rule ${group.key} is recursive: ${cycle.join(' -> ')}`,
        group.rules[0].location,
      );
    }
  },
};

/** Group key → keys of the groups it reads. */
function dependencyEdges(table: RuleTable): Map<string, Set<string>> {
  const groups = [...table.groups.values()];
  const edges = new Map<string, Set<string>>();
  for (const group of groups) {
    const targets = new Set<string>();
    for (const rule of group.rules) {
      for (const prefix of dataPrefixes(rule)) {
        for (const candidate of groups) if (overlaps(prefix, candidate)) targets.add(candidate.key);
      }
    }
    edges.set(group.key, targets);
  }
  return edges;
}

interface DataPrefix {
  path: string[];
  /** The ref continues with a variable (or nothing) here, so it may reach deeper rules; a number key reaches none. */
  open: boolean;
}

function overlaps(prefix: DataPrefix, group: RuleGroup): boolean {
  if (!prefix.open && group.path.length > prefix.path.length) return false;
  return isCommonPrefix(prefix.path, group.path);
}

function isCommonPrefix(prefix: string[], path: string[]): boolean {
  const shorter = Math.min(prefix.length, path.length);
  for (let index = 0; index < shorter; index++) if (prefix[index] !== path[index]) return false;
  return true;
}

/** Constant prefixes (`data.a.p`) of the data references and user calls of a rule. */
function dataPrefixes(rule: Rule): DataPrefix[] {
  const prefixes: DataPrefix[] = [];
  // Pre-order visits a ref before its head; a head `data` is covered by the ref's prefix.
  const refHeads = new WeakSet<Term>();
  const visit = (term: Term): void => {
    if (term.type === 'call' && term.operator[0] === 'data')
      prefixes.push({ path: term.operator, open: false });
    if (term.type === 'var' && term.name === 'data' && !refHeads.has(term))
      prefixes.push({ path: ['data'], open: true });
    if (term.type === 'ref') refHeads.add(term.head);
    if (term.type === 'ref' && term.head.type === 'var' && term.head.name === 'data') {
      const path = ['data'];
      let open = true;
      for (const part of term.path) {
        if (part.type !== 'string') {
          open = !isScalar(part);
          break;
        }
        path.push(part.value);
      }
      prefixes.push({ path, open });
    }
  };
  forEachTermInRule(rule, visit); // bodies, with modifiers and else clauses included
  return prefixes;
}

function isScalar(term: Term): boolean {
  return term.type === 'number' || term.type === 'boolean' || term.type === 'null';
}

/** A path `start -> … -> start` if `start` lies on a cycle (depth-first, shortest found first). */
function findCycle(start: string, edges: Map<string, Set<string>>): string[] | null {
  const queue: string[][] = [[start]];
  const seen = new Set<string>();
  while (queue.length > 0) {
    const path = queue.shift() as string[];
    for (const next of edges.get(path[path.length - 1]) ?? []) {
      if (next === start) return [...path, start];
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push([...path, next]);
    }
  }
  return null;
}
