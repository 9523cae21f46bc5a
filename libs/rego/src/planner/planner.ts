import type { Diagnostic, DiagnosticCode } from '../diagnostics/diagnostic';
import type { Block, Func, Local } from '../ir/ir';
import { DATA_LOCAL, INPUT_LOCAL } from '../ir/ir';
import type { Location } from '../syntax/location';
import { DependencyIndex } from './dependencies';
import { planDocumentFunc } from './documents';
import { Emitter } from './emitter';
import { NO_OVERRIDES, overridesKey, type FunctionMock, type Overrides } from './overrides';
import { PolicyBuilder } from './policy-builder';
import type { RuleNode, RuleTree } from './rule-tree';
import { planFunctionFunc, planRuleFunc } from './rules';
import type { FuncScope } from './scope';

type FuncRole = 'rule' | 'document' | 'function';

/**
 * Policy-wide planning state: the tables, the document index and the functions planned so
 * far. Functions are planned on first use (per node, role and overrides), so a function
 * that a `with` makes different is planned once more under its own name while everything
 * it does not affect is shared.
 */
export class Planner {
  readonly policy = new PolicyBuilder();
  readonly diagnostics: Diagnostic[] = [];
  readonly dependencies: DependencyIndex;
  private readonly funcNames = new Map<string, string>();
  private stashSlots = 0;
  private readonly overridesByKey = new Map<string, Overrides>([['', NO_OVERRIDES]]);

  constructor(readonly tree: RuleTree) {
    this.dependencies = new DependencyIndex(tree);
  }

  /** The one `Overrides` object for these replacements (so equal `with`s share replanned functions). */
  overridesFor(replacedDataPaths: string[][], functionMocks: Map<string, FunctionMock>): Overrides {
    if (replacedDataPaths.length === 0 && functionMocks.size === 0) return NO_OVERRIDES;
    const key = overridesKey(replacedDataPaths, functionMocks);
    let overrides = this.overridesByKey.get(key);
    if (!overrides) {
      overrides = { id: this.overridesByKey.size, key, replacedDataPaths, functionMocks };
      this.overridesByKey.set(key, overrides);
    }
    return overrides;
  }

  /** A fresh slot number for a `with` replacement value stashed in data (see with.ts). */
  nextStashSlot(): number {
    return this.stashSlots++;
  }

  /** Name of the function computing the rules at `node` (complete, set or object rules). */
  ruleFunc(node: RuleNode, overrides: Overrides): string {
    return this.func('rule', node, overrides, (scope, name, root) =>
      planRuleFunc(scope, node, name, root),
    );
  }

  /** Name of the function building the whole document at `node` (base data merged with its rules). */
  documentFunc(node: RuleNode, overrides: Overrides): string {
    return this.func('document', node, overrides, (scope, name, root) =>
      planDocumentFunc(scope, node, name, root),
    );
  }

  /** Name of the function for the user function defined at `node`. */
  functionFunc(node: RuleNode, overrides: Overrides): string {
    return this.func('function', node, overrides, (scope, name, root) =>
      planFunctionFunc(scope, node, name, root),
    );
  }

  /** A scope for a new function or plan whose parameters occupy locals `0..parameterCount-1`. */
  newScope(root: Block, parameterCount: number, overrides: Overrides): FuncScope {
    return {
      planner: this,
      emitter: new Emitter(root, parameterCount),
      vars: new Map<string, Local>(),
      overrides,
      input: INPUT_LOCAL,
      data: DATA_LOCAL,
    };
  }

  error(message: string, location: Location, code: DiagnosticCode = 'rego_compile_error'): void {
    this.diagnostics.push({ code, message, location, severity: 'error' });
  }

  private func(
    role: FuncRole,
    node: RuleNode,
    requested: Overrides,
    plan: (scope: FuncScope, name: string, root: Block) => Func,
  ): string {
    // Overrides that cannot change this function's meaning reuse the unmodified plan.
    const overrides = this.dependencies.affects(requested, node) ? requested : NO_OVERRIDES;
    const cacheKey = `${role}|${overrides.id}|${JSON.stringify(node.path)}`;
    const existing = this.funcNames.get(cacheKey);
    if (existing) return existing;
    const suffix = role === 'document' && node.rules.length > 0 ? '$document' : '';
    const name = this.policy.uniqueFuncName(
      `g${overrides.id}.${['data', ...node.path].join('.')}${suffix}`,
    );
    // Registered before planning, so that a (rejected-by-the-checker) cycle cannot loop here.
    this.funcNames.set(cacheKey, name);
    const root: Block = { stmts: [] };
    const scope = this.newScope(root, 2, overrides);
    this.policy.addFunc(plan(scope, name, root));
    return name;
  }
}
