import type { Func, Plan, Policy } from '../ir/ir';

/**
 * Collects what the planned functions and plans share: the string and number tables, the
 * built-ins called, the source files, and the functions themselves (in the order they were
 * finished, so that a golden file lists callees before their callers).
 */
export class PolicyBuilder {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly numbers: string[] = [];
  private readonly numberIndex = new Map<string, number>();
  private readonly builtins = new Map<string, number>();
  private readonly files: string[] = [];
  private readonly funcs: Func[] = [];
  private readonly plans: Plan[] = [];
  private readonly usedFuncNames = new Set<string>();

  /** Index of `value` in the string table, adding it on first use. */
  string(value: string): number {
    let index = this.stringIndex.get(value);
    if (index === undefined) {
      index = this.strings.length;
      this.strings.push(value);
      this.stringIndex.set(value, index);
    }
    return index;
  }

  /** Index of the JSON number text in the number table, adding it on first use. */
  number(text: string): number {
    let index = this.numberIndex.get(text);
    if (index === undefined) {
      index = this.numbers.length;
      this.numbers.push(text);
      this.numberIndex.set(text, index);
    }
    return index;
  }

  /** Records a built-in call; the backend needs every name and its arity. */
  builtin(name: string, arity: number): void {
    if (!this.builtins.has(name)) this.builtins.set(name, arity);
  }

  file(name: string): void {
    if (!this.files.includes(name)) this.files.push(name);
  }

  /** A function name not used yet: `base`, else `base#2`, `base#3`… */
  uniqueFuncName(base: string): string {
    let name = base;
    for (let suffix = 2; this.usedFuncNames.has(name); suffix++) name = `${base}#${suffix}`;
    this.usedFuncNames.add(name);
    return name;
  }

  addFunc(func: Func): void {
    this.funcs.push(func);
  }

  addPlan(plan: Plan): void {
    this.plans.push(plan);
  }

  build(): Policy {
    return {
      static: {
        strings: [...this.strings],
        numbers: [...this.numbers],
        builtins: [...this.builtins].map(([name, arity]) => ({ name, arity })),
        files: [...this.files],
      },
      plans: [...this.plans],
      funcs: [...this.funcs],
    };
  }
}
