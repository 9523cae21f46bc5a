import type { FunctionBody } from '../binary';
import { InstructionEmitter } from '../binary';
import type { CodegenContext } from './context';

/**
 * `constant(index) -> value`: the value of string (or number) constant `index`, built from
 * the static bytes on first use in an evaluation and cached in its slot until the next
 * evaluation zeroes the slots.
 */
export function constantFunction(context: CodegenContext, kind: 'string' | 'number'): FunctionBody {
  const { layout } = context;
  const table = kind === 'string' ? layout.stringTable : layout.numberTable;
  const cache = kind === 'string' ? layout.stringCache : layout.numberCache;
  const constructor = context.rt(kind === 'string' ? 'rt_string' : 'rt_number_text');
  const emitter = new InstructionEmitter(1);
  const slot = emitter.addLocal();
  const value = emitter.addLocal();
  const entry = emitter.addLocal();
  emitter
    .localGet(0)
    .i32Const(4)
    .i32Mul()
    .i32Const(cache)
    .i32Add()
    .localTee(slot)
    .i32Load()
    .localTee(value);
  emitter.i32Eqz();
  const build = emitter.if();
  emitter.localGet(0).i32Const(8).i32Mul().i32Const(table).i32Add().localSet(entry);
  emitter.localGet(entry).i32Load(0).localGet(entry).i32Load(4).call(constructor).localSet(value);
  emitter.localGet(slot).localGet(value).i32Store();
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
  const memoAddress = context.layout.hostMemo + id * 4;
  const emitter = new InstructionEmitter(arity);
  const key = emitter.addLocal();
  const memo = emitter.addLocal();
  const result = emitter.addLocal();
  emitter.i32Const(arity).call(context.rt('rt_array_new')).localSet(key);
  for (let index = 0; index < arity; index++) {
    emitter.localGet(key).localGet(index).call(context.rt('rt_array_append'));
  }
  emitter.i32Const(memoAddress).i32Load().localTee(memo).i32Eqz();
  const create = emitter.if();
  emitter.call(context.rt('rt_object_new')).localSet(memo);
  emitter.i32Const(memoAddress).localGet(memo).i32Store();
  emitter.end(create);
  emitter.localGet(memo).localGet(key).call(context.rt('rt_value_get')).localTee(result).i32Eqz();
  const call = emitter.if();
  emitter.i32Const(id).i32Const(0);
  for (let index = 0; index < arity; index++) emitter.localGet(index);
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
 * `policy_eval(input, data, entrypoint, result_set)`: starts a fresh evaluation (zeroes the
 * constant caches, memo slots and `with` depth; sets the built-in error mode), then
 * dispatches on the entrypoint id to its plan.
 */
export function policyEvalFunction(context: CodegenContext): FunctionBody {
  const { layout } = context;
  const emitter = new InstructionEmitter(4);
  emitter.i32Const(layout.slotsStart).i32Const(0).i32Const(layout.slotsSize).memoryFill();
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
