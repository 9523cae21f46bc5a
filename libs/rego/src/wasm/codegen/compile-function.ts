import { DATA_LOCAL, INPUT_LOCAL, type Func, type Plan } from '../../ir/ir';
import type { FunctionBody, Label } from '../binary';
import type { CodegenContext, CompiledFuncInfo } from './context';
import { FunctionCompiler } from './function-compiler';

/** Marks "evaluated, undefined" in a memo slot (no value lives at address 1). */
const MEMO_UNDEFINED = 1;

/** True for rule functions whose value depends only on input and data. */
export function isMemoisable(func: Func): boolean {
  return (
    func.params.length === 2 && func.params[0] === INPUT_LOCAL && func.params[1] === DATA_LOCAL
  );
}

/**
 * Compiles an IR function to `(params...) -> value` (0 = undefined). Rule functions of
 * input and data only are memoised per evaluation (a slot counts only in the evaluation
 * generation it was written in), except while a `with` is active (the
 * with-depth counter is non-zero): then input or data may differ from the evaluation's.
 */
export function compileFunc(context: CodegenContext, info: CompiledFuncInfo): FunctionBody {
  const { func } = info;
  const { layout } = context;
  const body: { label?: Label } = {};
  const fc = new FunctionCompiler(context, func.params, 0, {
    local: func.returnLocal,
    label: () => {
      if (!body.label) throw new Error('internal: return outside of the function body');
      return body.label;
    },
  });
  const { emitter } = fc;
  const returnLocal = fc.local(func.returnLocal);
  const memoSlot = info.memoSlot;

  if (memoSlot !== undefined) {
    emitWithDepthIsZero(fc);
    const outsideWith = emitter.if();
    // A slot written in an earlier evaluation carries an older generation: not memoised.
    emitter.i32Const(memoSlot).i32Load(4).i32Const(layout.evalGeneration).i32Load().i32Eq();
    const memoised = emitter.if();
    emitter.i32Const(memoSlot).i32Load().localSet(fc.scratch);
    // select(value, 0, value != MEMO_UNDEFINED)
    emitter
      .localGet(fc.scratch)
      .i32Const(0)
      .localGet(fc.scratch)
      .i32Const(MEMO_UNDEFINED)
      .i32Ne()
      .select();
    emitter.return();
    emitter.end(memoised);
    emitter.end(outsideWith);
  }

  body.label = emitter.block();
  fc.prepareBody(func.params, func.blocks, func.returnLocal);
  fc.compileBlocks(func.blocks);
  emitter.end(body.label);

  if (memoSlot !== undefined) {
    emitWithDepthIsZero(fc);
    const outsideWith = emitter.if();
    // select(value, MEMO_UNDEFINED, value != 0)
    emitter
      .i32Const(memoSlot)
      .localGet(returnLocal)
      .i32Const(MEMO_UNDEFINED)
      .localGet(returnLocal)
      .select();
    emitter.i32Store();
    emitter.i32Const(memoSlot).i32Const(layout.evalGeneration).i32Load().i32Store(4);
    emitter.end(outsideWith);
  }
  emitter.localGet(returnLocal);
  return emitter.finish();
}

/** Compiles a plan to `(input, data, result_set) -> ()`. */
export function compilePlan(context: CodegenContext, plan: Plan): FunctionBody {
  const fc = new FunctionCompiler(context, [INPUT_LOCAL, DATA_LOCAL], 1, undefined, 2);
  fc.prepareBody([INPUT_LOCAL, DATA_LOCAL], plan.blocks);
  fc.compileBlocks(plan.blocks);
  return fc.emitter.finish();
}

function emitWithDepthIsZero(fc: FunctionCompiler): void {
  fc.emitter.i32Const(fc.context.layout.withDepth).i32Load().i32Eqz();
}
