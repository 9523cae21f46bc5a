import type { Rule, Term } from '../ast/nodes';
import { pathsOverlap, type Overrides } from './overrides';
import type { RuleNode, RuleTree } from './rule-tree';

/** What a rule's definitions mention directly: `data` paths (their constant prefixes) and called names. */
interface DirectDependencies {
  dataPaths: string[][];
  calls: string[];
}

/**
 * Answers "does planning this node differently under these overrides change anything?",
 * following references and calls transitively, so that a `with` replans only the
 * functions that actually reach a replaced function or rule.
 */
export class DependencyIndex {
  private readonly direct = new Map<RuleNode, DirectDependencies>();
  private readonly answers = new Map<string, boolean>();

  constructor(private readonly tree: RuleTree) {}

  affects(overrides: Overrides, node: RuleNode): boolean {
    if (overrides.id === 0) return false;
    return this.reaches(overrides, node, new Set());
  }

  private reaches(overrides: Overrides, node: RuleNode, visiting: Set<RuleNode>): boolean {
    const cacheKey = `${overrides.id}:${JSON.stringify(node.path)}`;
    const cached = this.answers.get(cacheKey);
    if (cached !== undefined) return cached;
    if (visiting.has(node)) return false;
    visiting.add(node);
    const dependencies = this.directDependencies(node);
    let result = false;
    for (const name of dependencies.calls) {
      if (overrides.functionMocks.has(name)) result = true;
      else if (name.startsWith('data.')) {
        const callee = this.tree.find(name.split('.').slice(1));
        if (callee && this.reaches(overrides, callee, visiting)) result = true;
      }
      if (result) break;
    }
    for (const path of result ? [] : dependencies.dataPaths) {
      if (overrides.replacedDataPaths.some((replaced) => pathsOverlap(replaced, path))) {
        result = true;
        break;
      }
      if (this.referencedNodes(path).some((other) => this.reaches(overrides, other, visiting))) {
        result = true;
        break;
      }
    }
    visiting.delete(node);
    this.answers.set(cacheKey, result);
    return result;
  }

  /** Nodes whose rules a reference with this constant prefix may evaluate. */
  private referencedNodes(path: string[]): RuleNode[] {
    const found: RuleNode[] = [];
    let node: RuleNode | undefined = this.tree.root;
    for (const key of path) {
      if (node.rules.length > 0 || node.functions.length > 0) found.push(node);
      node = node.children.get(key);
      if (!node) return found;
    }
    found.push(...this.tree.nodes(node));
    return found;
  }

  private directDependencies(node: RuleNode): DirectDependencies {
    let dependencies = this.direct.get(node);
    if (!dependencies) {
      dependencies = { dataPaths: [], calls: [] };
      const rules: Rule[] = [...node.rules.map((anchored) => anchored.rule), ...node.functions];
      for (const rule of rules) collect(rule, dependencies);
      this.direct.set(node, dependencies);
    }
    return dependencies;
  }
}

/** Walks any AST value, recording data references and calls. */
function collect(value: unknown, into: DirectDependencies): void {
  if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const node = value as { type?: string } & Record<string, unknown>;
  if (node.type === 'ref') {
    const ref = node as unknown as { head: Term; path: Term[] };
    if (ref.head.type === 'var' && ref.head.name === 'data')
      into.dataPaths.push(constantPrefix(ref.path));
  } else if (node.type === 'var' && (node as unknown as { name: string }).name === 'data') {
    into.dataPaths.push([]);
  } else if (node.type === 'call') {
    into.calls.push((node as unknown as { operator: string[] }).operator.join('.'));
  }
  for (const [key, child] of Object.entries(node)) if (key !== 'location') collect(child, into);
}

function constantPrefix(path: Term[]): string[] {
  const prefix: string[] = [];
  for (const element of path) {
    if (element.type !== 'string') break;
    prefix.push(element.value);
  }
  return prefix;
}
