/**
 * A hand-assembled "policy" spliced into the runtime for tests: entrypoint 0 yields
 * `{"result": input}` when input is defined, entrypoint 1 yields `{"result": data}`, any
 * other id aborts. It uses only exported runtime functions, like CODEGEN's output.
 */
import { RuntimeInstance } from './runtime-harness';
import { exportedFunctions, replaceBodies, signedLeb, unsignedLeb } from './wasm-splice';

const I32_CONST = 0x41;
const CALL = 0x10;
const LOCAL_GET = 0x20;
const LOCAL_SET = 0x21;
const END = 0x0b;

export interface SplicedPolicy {
  bytes: Uint8Array;
  heapBase: number;
}

export function splicePolicy(runtimeBytes: Uint8Array): SplicedPolicy {
  const functions = exportedFunctions(runtimeBytes);
  const call = (name: string) => {
    const index = functions.get(name);
    if (index === undefined) throw new Error(`runtime does not export ${name}`);
    return [CALL, ...unsignedLeb(index)];
  };
  const probe = new RuntimeInstance(runtimeBytes);
  const scratch: number = probe.exports.rt_static_end();
  const heapBase = (scratch + 64 + 7) & ~7;

  // The key "result" is stored byte by byte below the heap base (our "static data").
  const storeKey = [...'result'].flatMap((character, offset) => [
    I32_CONST,
    ...signedLeb(scratch),
    I32_CONST,
    ...signedLeb(character.charCodeAt(0)),
    0x3a, // i32.store8
    0x00,
    ...unsignedLeb(offset),
  ]);
  const addResult = (sourceLocal: number) => [
    ...call('rt_object_new'),
    LOCAL_SET,
    4,
    LOCAL_GET,
    4,
    I32_CONST,
    ...signedLeb(scratch),
    I32_CONST,
    6,
    ...call('rt_string'),
    LOCAL_GET,
    sourceLocal,
    ...call('rt_object_insert'),
    LOCAL_GET,
    3,
    LOCAL_GET,
    4,
    ...call('rt_set_add'),
  ];
  const policyEval = [
    0x01,
    0x01,
    0x7f, // one extra i32 local (4)
    ...storeKey,
    // entrypoint 0: input
    LOCAL_GET,
    2,
    0x45,
    0x04,
    0x40, // local.get 2; i32.eqz; if
    LOCAL_GET,
    0,
    0x45,
    0x04,
    0x40,
    0x0f,
    END, // if input undefined: return
    ...addResult(0),
    0x0f, // return
    END,
    // entrypoint 1: data
    LOCAL_GET,
    2,
    I32_CONST,
    1,
    0x46,
    0x04,
    0x40, // local.get 2; i32.const 1; i32.eq; if
    ...addResult(1),
    0x0f,
    END,
    ...call('rt_var_assignment_conflict'), // stands in for "invalid entrypoint id"
    END,
  ];
  const policyHeapBase = [0x00, I32_CONST, ...signedLeb(heapBase), END];
  return {
    bytes: replaceBodies(runtimeBytes, {
      policy_eval: policyEval,
      policy_heap_base: policyHeapBase,
    }),
    heapBase,
  };
}
