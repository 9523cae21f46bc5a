/**
 * What one literal needs and what it binds, given the variables bound before it. A
 * literal can run once everything it `needs` is bound; running it binds its `outputs`:
 * unbound variables in ref paths (`input.users[i]` iterates i), the left side of `:=`,
 * pattern variables of `=` whose other side is known, a call's extra output argument
 * (`count(xs, n)`), and `some … in` patterns. Negation and `every` bind nothing.
 */
import type { CallTerm, Literal, Term } from '../ast/nodes';
import { forEachTerm, forEachTermInBody } from '../ast/walk';
import type { CheckContext } from './check-context';
import { functionGroup } from './rule-table';
import { patternVars } from './scopes';

export interface LiteralNeeds {
  needs: Set<string>;
  outputs: Set<string>;
}

const ROOTS = new Set(['input', 'data']);
const WILDCARD = /^\$_\d+$/;

export class SafetyAnalysis {
  constructor(private readonly context: CheckContext) {}

  /** `visible`: names of enclosing scopes, which a comprehension body may capture. */
  analyzeLiteral(
    literal: Literal,
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
  ): LiteralNeeds {
    const result = this.analyzeLiteralCore(literal, bound, visible);
    if (literal.type !== 'some') {
      for (const modifier of literal.with) {
        if (this.namesBuiltin(modifier.value)) continue; // `with f as count`: a function, not a variable
        const scanned = this.scan(modifier.value, visible);
        for (const name of [...scanned.needs, ...scanned.outputs]) result.needs.add(name);
      }
    }
    for (const name of bound) result.needs.delete(name);
    return result;
  }

  private analyzeLiteralCore(
    literal: Literal,
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
  ): LiteralNeeds {
    switch (literal.type) {
      case 'some':
        return { needs: new Set(), outputs: new Set() };
      case 'somein': {
        const collection = this.scan(literal.collection, visible);
        const patterns = [literal.value, ...(literal.key ? [literal.key] : [])];
        return this.bindPatterns(patterns, collection, bound, visible);
      }
      case 'every': {
        const domain = this.scan(literal.domain, visible);
        const needs = new Set([...domain.needs, ...domain.outputs]);
        forEachTermInBody(literal.body, (term) => {
          if (term.type === 'var' && visible.has(term.name)) needs.add(term.name);
        });
        needs.delete(literal.value.name);
        if (literal.key) needs.delete(literal.key.name);
        return { needs, outputs: new Set() };
      }
      case 'expr':
        if (literal.negated) {
          // Nothing escapes a negation; only its own wildcards may stay unbound inside it.
          const scanned = this.scan(literal.term, visible);
          const needs = new Set([
            ...scanned.needs,
            ...[...scanned.outputs].filter((name) => !WILDCARD.test(name)),
          ]);
          return { needs, outputs: new Set() };
        }
        return this.analyzeTerm(literal.term, bound, visible);
    }
  }

  private analyzeTerm(
    term: Term,
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
  ): LiteralNeeds {
    if (term.type !== 'call') return this.scan(term, visible);
    const name = term.operator.join('.');
    if (name === 'assign' && term.args.length === 2) {
      const right = this.scan(term.args[1], visible);
      const outputs = new Set([
        ...right.outputs,
        ...patternVars(term.args[0]).map((variable) => variable.name),
      ]);
      return { needs: right.needs, outputs };
    }
    if (name === 'eq' && term.args.length === 2)
      return this.unify(term.args[0], term.args[1], bound, visible);
    const arity = this.arityOf(term);
    if (arity !== undefined && term.args.length === arity + 1) {
      const inputs = this.scanAll(term.args.slice(0, arity), visible);
      return this.bindPatterns([term.args[arity]], inputs, bound, visible);
    }
    return this.scan(term, visible);
  }

  /** `a = b`: arrays of equal length unify element-wise; otherwise one side must be known. */
  private unify(
    left: Term,
    right: Term,
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
  ): LiteralNeeds {
    if (
      left.type === 'array' &&
      right.type === 'array' &&
      left.items.length === right.items.length
    ) {
      const known = new Set(bound);
      const outputs = new Set<string>();
      let pending = left.items.map((item, index) => [item, right.items[index]] as const);
      for (let progress = true; progress && pending.length > 0;) {
        progress = false;
        pending = pending.filter(([a, b]) => {
          const pair = this.unify(a, b, known, visible);
          if ([...pair.needs].some((name) => !known.has(name))) return true;
          for (const name of pair.outputs) {
            outputs.add(name);
            known.add(name);
          }
          progress = true;
          return false;
        });
      }
      const needs = new Set<string>();
      for (const [a, b] of pending)
        for (const name of this.unify(a, b, known, visible).needs) needs.add(name);
      return { needs, outputs };
    }
    const pairs = objectPairs(left, right);
    if (pairs)
      return this.unify(
        { ...left, type: 'array', items: pairs.map(([a]) => a) },
        { ...right, type: 'array', items: pairs.map(([, b]) => b) },
        bound,
        visible,
      );
    const a = this.scan(left, visible);
    const b = this.scan(right, visible);
    const available = new Set([...bound, ...a.outputs, ...b.outputs]);
    const missing = (side: LiteralNeeds): string[] =>
      [...side.needs].filter((name) => !available.has(name));
    const outputs = new Set([...a.outputs, ...b.outputs]);
    const [missingA, missingB] = [missing(a), missing(b)];
    const bindable = (term: Term, names: string[]): boolean => {
      const candidates = new Set(patternVars(term).map((variable) => variable.name));
      return names.every((name) => candidates.has(name));
    };
    if (missingB.length === 0 && bindable(left, missingA))
      missingA.forEach((name) => outputs.add(name));
    else if (missingA.length === 0 && bindable(right, missingB))
      missingB.forEach((name) => outputs.add(name));
    else return { needs: new Set([...missingA, ...missingB]), outputs };
    return { needs: new Set(), outputs };
  }

  /** Patterns (`some k, v in`, a call's output argument) bound from an already scanned source. */
  private bindPatterns(
    patterns: Term[],
    source: LiteralNeeds,
    bound: ReadonlySet<string>,
    visible: ReadonlySet<string>,
  ): LiteralNeeds {
    const needs = new Set(source.needs);
    const outputs = new Set(source.outputs);
    for (const pattern of patterns) {
      const scanned = this.scan(pattern, visible);
      const candidates = new Set(patternVars(pattern).map((variable) => variable.name));
      for (const name of scanned.outputs) outputs.add(name);
      for (const name of scanned.needs) {
        if (bound.has(name)) continue;
        if (candidates.has(name)) outputs.add(name);
        else needs.add(name);
      }
    }
    return { needs, outputs };
  }

  /** A `with` value spelled as a built-in's name (`count`, `object.get`). */
  private namesBuiltin(term: Term): boolean {
    const names: string[] = [];
    if (term.type === 'var') names.push(term.name);
    else if (term.type === 'ref' && term.head.type === 'var') {
      names.push(term.head.name);
      for (const part of term.path) {
        if (part.type !== 'string') return false;
        names.push(part.value);
      }
    } else return false;
    return this.context.catalogue.has(names.join('.'));
  }

  private arityOf(call: CallTerm): number | undefined {
    if (call.operator[0] === 'data') {
      const group = functionGroup(this.context.rules, call.operator);
      return group ? [...group.arities][0] : undefined;
    }
    const builtin = this.context.catalogue.get(call.operator.join('.'));
    if (!builtin || builtin.variadic || builtin.noResult) return undefined;
    return builtin.args.length;
  }

  private scanAll(terms: Term[], visible: ReadonlySet<string>): LiteralNeeds {
    const result: LiteralNeeds = { needs: new Set(), outputs: new Set() };
    for (const term of terms) this.scanInto(term, visible, result);
    return result;
  }

  /** Variables a term reads (`needs`) and ref-path variables it iterates (`outputs`). */
  scan(term: Term, visible: ReadonlySet<string>): LiteralNeeds {
    const result: LiteralNeeds = { needs: new Set(), outputs: new Set() };
    this.scanInto(term, visible, result);
    return result;
  }

  private scanInto(term: Term, visible: ReadonlySet<string>, into: LiteralNeeds): void {
    switch (term.type) {
      case 'var':
        if (!ROOTS.has(term.name)) into.needs.add(term.name);
        return;
      case 'ref':
        this.scanInto(term.head, visible, into);
        for (const part of term.path) {
          if (part.type === 'var' || part.type === 'array' || part.type === 'object') {
            const pattern = this.scan(part, visible);
            for (const name of pattern.outputs) into.outputs.add(name);
            const candidates = new Set(patternVars(part).map((variable) => variable.name));
            for (const name of pattern.needs)
              (candidates.has(name) ? into.outputs : into.needs).add(name);
          } else {
            this.scanInto(part, visible, into);
          }
        }
        return;
      case 'array':
      case 'set':
        for (const item of term.items) this.scanInto(item, visible, into);
        return;
      case 'object':
        for (const [key, value] of term.entries) {
          this.scanInto(key, visible, into);
          this.scanInto(value, visible, into);
        }
        return;
      case 'call':
        for (const arg of term.args) this.scanInto(arg, visible, into);
        return;
      case 'arraycomprehension':
      case 'setcomprehension':
      case 'objectcomprehension':
        // A closure reads the enclosing variables it mentions.
        forEachTerm(term, (inner) => {
          if (inner.type === 'var' && visible.has(inner.name)) into.needs.add(inner.name);
        });
        return;
      default:
        return;
    }
  }
}

/** Values of two objects with the same constant keys, paired by key; null otherwise. */
function objectPairs(left: Term, right: Term): Array<[Term, Term]> | null {
  if (
    left.type !== 'object' ||
    right.type !== 'object' ||
    left.entries.length !== right.entries.length
  )
    return null;
  const rightByKey = new Map<string, Term>();
  for (const [key, value] of right.entries) {
    const constant = constantKey(key);
    if (constant === null) return null;
    rightByKey.set(constant, value);
  }
  const pairs: Array<[Term, Term]> = [];
  for (const [key, value] of left.entries) {
    const constant = constantKey(key);
    const other = constant === null ? undefined : rightByKey.get(constant);
    if (other === undefined) return null;
    pairs.push([value, other]);
  }
  return pairs;
}

function constantKey(term: Term): string | null {
  switch (term.type) {
    case 'string':
      return `s${term.value}`;
    case 'number':
      return `n${term.text}`;
    case 'boolean':
      return `b${term.value}`;
    case 'null':
      return 'null';
    default:
      return null;
  }
}
