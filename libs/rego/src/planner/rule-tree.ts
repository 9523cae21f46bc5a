import type { Module, Rule, Term } from '../ast/nodes';

/**
 * A rule placed in the document tree: `node` is the longest string prefix of its head
 * reference, `dynamicPath` the rest (`a.b[x].c := v` sits at `a.b` with `[x, "c"]`).
 */
export interface AnchoredRule {
  rule: Rule;
  dynamicPath: Term[];
}

/** A node of `data`: a package, a path prefix, or a rule's anchor (or several at once). */
export interface RuleNode {
  key: string;
  /** Path below `data`. */
  path: string[];
  children: Map<string, RuleNode>;
  /** Rules whose value is this node's document (functions only when they take no arguments). */
  rules: AnchoredRule[];
  /** Function definitions at this path. */
  functions: Rule[];
}

/** The document index: every rule and function of the compiled modules by its `data` path. */
export class RuleTree {
  readonly root: RuleNode = newNode('data', []);

  constructor(modules: Module[]) {
    for (const module of modules) {
      // A package without rules still exists as an (empty) document.
      this.ensure(module.package.path);
      for (const rule of module.rules) this.add(rule);
    }
  }

  /** The node at `path` below `data`, if any rule lives at or below it. */
  find(path: readonly string[]): RuleNode | undefined {
    let node: RuleNode | undefined = this.root;
    for (const key of path) {
      node = node.children.get(key);
      if (!node) return undefined;
    }
    return node;
  }

  /**
   * Whether the node shows up in a document: rules, packages and path prefixes do (an
   * empty package or prefix is an empty object); a node holding only functions does not.
   */
  hasDocument(node: RuleNode): boolean {
    return node.rules.length > 0 || node.functions.length === 0;
  }

  /** All nodes carrying rules or functions, depth first. */
  *nodes(node: RuleNode = this.root): Generator<RuleNode> {
    yield node;
    for (const child of node.children.values()) yield* this.nodes(child);
  }

  private add(rule: Rule): void {
    const staticKeys: string[] = [];
    let index = 0;
    for (; index < rule.head.ref.length; index++) {
      const element = rule.head.ref[index];
      if (element.type !== 'string') break;
      staticKeys.push(element.value);
    }
    const node = this.ensure([...rule.packagePath, ...staticKeys]);
    if (rule.kind !== 'function') {
      node.rules.push({ rule, dynamicPath: rule.head.ref.slice(index) });
      return;
    }
    node.functions.push(rule);
    // OPA takes a function without parameters (`f() := v`) for a complete rule too:
    // `data.pkg.f` reads its value (with the conflict rules of a complete value) while
    // `f()` still calls it.
    if ((rule.head.args ?? []).length === 0) node.rules.push({ rule, dynamicPath: [] });
  }

  private ensure(path: readonly string[]): RuleNode {
    let node = this.root;
    for (const key of path) {
      let child = node.children.get(key);
      if (!child) {
        child = newNode(key, [...node.path, key]);
        node.children.set(key, child);
      }
      node = child;
    }
    return node;
  }
}

function newNode(key: string, path: string[]): RuleNode {
  return { key, path, children: new Map(), rules: [], functions: [] };
}
