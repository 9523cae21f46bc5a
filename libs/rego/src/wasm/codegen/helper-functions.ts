import type { FunctionBody } from '../binary';
import { InstructionEmitter } from '../binary';
import type { CodegenContext } from './context';
import { MEMO_SLOT_SIZE, NUMBER_VALUE_SIZE } from './static-layout';

/**
 * `number_constant(index) -> value`: number constant `index`, a static value parsed from its
 * text on first use (`rt_number_text_at`) and kept for the life of the instance: static
 * memory is not part of the heap the runtime resets.
 */
export function numberConstantFunction(context: CodegenContext): FunctionBody {
  const { layout } = context;
  const emitter = new InstructionEmitter(1);
  const value = emitter.addLocal();
  const entry = emitter.addLocal();
  emitter
    .localGet(0)
    .i32Const(NUMBER_VALUE_SIZE)
    .i32Mul()
    .i32Const(layout.numberValues)
    .i32Add()
    .localTee(value)
    .i32Load()
    .i32Eqz();
  const build = emitter.if();
  emitter.localGet(0).i32Const(8).i32Mul().i32Const(layout.numberTable).i32Add().localSet(entry);
  emitter.localGet(value).localGet(entry).i32Load(0).localGet(entry).i32Load(4);
  emitter.call(context.rt('rt_number_text_at')).drop();
  emitter.end(build);
  emitter.localGet(value);
  return emitter.finish();
}

/**
 * The wrapper of host built-in `id`: memoises results per evaluation by argument list, so
 * that non-deterministic built-ins (time.now_ns, rand.intn, uuid.rfc4122, http.send, ...)
 * answer the same within one evaluation, as OPA guarantees. Memoising every host call,
 * not only the non-deterministic ones, needs no list of which are which and is cheap next
 * to the JSON round trip a host call costs. Undefined results are not memoised.
 */
export function hostBuiltinWrapper(
  context: CodegenContext,
  id: number,
  arity: number,
): FunctionBody {
  const { layout } = context;
  const memoAddress = layout.hostMemo + id * MEMO_SLOT_SIZE;
  const emitter = new InstructionEmitter(arity);
  const key = emitter.addLocal();
  const memo = emitter.addLocal();
  const result = emitter.addLocal();
  emitter.i32Const(arity).call(context.rt('rt_array_new')).localSet(key);
  for (let index = 0; index < arity; index++) {
    emitter.localGet(key).localGet(index).call(context.rt('rt_array_append'));
  }
  // The memo object belongs to this evaluation only if its slot has the current generation.
  emitter.i32Const(memoAddress).i32Load().localSet(memo);
  emitter.i32Const(memoAddress).i32Load(4).i32Const(layout.evalGeneration).i32Load().i32Ne();
  const create = emitter.if();
  emitter.call(context.rt('rt_object_new')).localSet(memo);
  emitter.i32Const(memoAddress).localGet(memo).i32Store();
  emitter.i32Const(memoAddress).i32Const(layout.evalGeneration).i32Load().i32Store(4);
  emitter.end(create);
  emitter.localGet(memo).localGet(key).call(context.rt('rt_value_get')).localTee(result).i32Eqz();
  const call = emitter.if();
  emitter.i32Const(id).i32Const(0);
  // opa-wasm reads arguments through JSON.parse, which rounds big integers: rt_host_arg
  // tags them so that they reach the host exactly (the memo key keeps the plain values).
  for (let index = 0; index < arity; index++)
    emitter.localGet(index).call(context.rt('rt_host_arg'));
  emitter.call(context.importedFunction(`opa_builtin${arity}`)).localTee(result);
  const store = emitter.if();
  emitter.localGet(memo).localGet(key).localGet(result).call(context.rt('rt_object_insert'));
  emitter.end(store);
  emitter.end(call);
  emitter.localGet(result);
  return emitter.finish();
}

/** `policy_builtins` / `policy_entrypoints`: an object mapping each name to its id. */
export function nameTableFunction(context: CodegenContext, names: readonly string[]): FunctionBody {
  const emitter = new InstructionEmitter(0);
  const object = emitter.addLocal();
  emitter.call(context.rt('rt_object_new')).localSet(object);
  names.forEach((name, id) => {
    const text = context.layout.text(name);
    emitter.localGet(object);
    emitter.i32Const(text.address).i32Const(text.length).call(context.rt('rt_string'));
    emitter.i32Const(id).call(context.rt('rt_number_int'));
    emitter.call(context.rt('rt_object_insert'));
  });
  emitter.localGet(object);
  return emitter.finish();
}

export function heapBaseFunction(context: CodegenContext): FunctionBody {
  const emitter = new InstructionEmitter(0);
  emitter.i32Const(context.layout.heapBase);
  return emitter.finish();
}

export const INVALID_ENTRYPOINT_MESSAGE = 'invalid entrypoint id';

/**
 * `policy_eval(input, data, entrypoint, result_set)`: starts a fresh evaluation (a new
 * evaluation generation, which invalidates every memo slot at once; `with` depth 0; the
 * built-in error mode), then dispatches on the entrypoint id to its plan. Only when the
 * 32-bit generation wraps around are the memo slots cleared, so that a slot written
 * 2^32 evaluations ago cannot pass for a current one.
 */
export function policyEvalFunction(context: CodegenContext): FunctionBody {
  const { layout } = context;
  const emitter = new InstructionEmitter(4);
  const generation = emitter.addLocal();
  emitter.i32Const(layout.evalGeneration).i32Load().i32Const(1).i32Add().localTee(generation);
  emitter.i32Eqz();
  const wrapped = emitter.if();
  if (layout.memoSize > 0)
    emitter.i32Const(layout.memoStart).i32Const(0).i32Const(layout.memoSize).memoryFill();
  emitter.i32Const(1).localSet(generation);
  emitter.end(wrapped);
  emitter.i32Const(layout.evalGeneration).localGet(generation).i32Store();
  emitter.i32Const(layout.withDepth).i32Const(0).i32Store();
  emitter
    .i32Const(context.options.strictBuiltinErrors ? 1 : 0)
    .call(context.rt('rt_set_strict_builtin_errors'));
  const invalid = emitter.block();
  const cases = context.planIndices.map(() => emitter.block()).reverse();
  emitter.localGet(2).brTable(cases, invalid);
  for (let id = 0; id < cases.length; id++) {
    emitter.end(cases[id]);
    emitter.localGet(0).localGet(1).localGet(3).call(context.planIndices[id]).return();
  }
  emitter.end(invalid);
  emitter
    .i32Const(layout.message(INVALID_ENTRYPOINT_MESSAGE))
    .call(context.rt('rt_abort'))
    .unreachable();
  return emitter.finish();
}
