import type { Diagnostic } from '../../diagnostics/diagnostic';
import type { Func, Plan } from '../../ir/ir';
import type { FuncType, FunctionBody } from '../binary';
import { ValType } from '../binary';
import type { RuntimeModule } from '../runtime-module';
import type { BuiltinResolution } from './builtin-resolution';
import type { StaticLayout } from './static-layout';

export interface CodegenOptions {
  strictBuiltinErrors: boolean;
}

export interface CompiledFuncInfo {
  func: Func;
  functionIndex: number;
  /** Address of its per-evaluation memo slot, when its only parameters are input and data. */
  memoSlot?: number;
}

/** Function types of generated functions: `n` i32 params, optionally one i32 result. */
export function i32Signature(params: number, returnsValue: boolean): FuncType {
  return {
    params: new Array<ValType>(params).fill(ValType.I32),
    results: returnsValue ? [ValType.I32] : [],
  };
}

/**
 * Everything the compilers of individual functions share: the runtime's functions by
 * name, the static layout, the index of every generated function, and the diagnostics.
 */
export class CodegenContext {
  readonly funcs = new Map<string, CompiledFuncInfo>();
  readonly planIndices: number[] = [];
  readonly hostFunctionIndices = new Map<string, number>();
  numberConstantFunction = -1;
  /** Generated functions in index order (filled as they are compiled). */
  readonly generated: Array<{ type: FuncType; body: FunctionBody; name: string } | undefined> = [];

  constructor(
    readonly runtime: RuntimeModule,
    readonly layout: StaticLayout,
    readonly builtins: BuiltinResolution,
    readonly options: CodegenOptions,
    readonly diagnostics: Diagnostic[],
  ) {}

  /** Index of a runtime export (`rt_*` / `opa_*`); throws a contract error when missing. */
  rt(exportName: string): number {
    return this.runtime.functionIndex(exportName);
  }

  importedFunction(name: string): number {
    return this.runtime.importedFunctionIndex(name);
  }

  /** Reserves the next function index for a generated function. */
  reserveFunction(): number {
    this.generated.push(undefined);
    return this.runtime.functionCount + this.generated.length - 1;
  }

  define(functionIndex: number, name: string, type: FuncType, body: FunctionBody): void {
    this.generated[functionIndex - this.runtime.functionCount] = { name, type, body };
  }

  registerFuncs(funcs: readonly Func[], planSlots: (func: Func) => number | undefined): void {
    for (const func of funcs) {
      this.funcs.set(func.name, {
        func,
        functionIndex: this.reserveFunction(),
        memoSlot: planSlots(func),
      });
    }
  }

  registerPlans(plans: readonly Plan[]): void {
    for (let index = 0; index < plans.length; index++)
      this.planIndices.push(this.reserveFunction());
  }
}
