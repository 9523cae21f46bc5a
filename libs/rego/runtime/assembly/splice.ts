// Splice points: placeholder functions whose bodies CODEGEN replaces with the policy's.
//
// The runtime only ever calls them through the function table (`call_indirect` on an
// index loaded from memory), so the optimiser can neither inline a placeholder body nor
// fold its result: whatever body CODEGEN puts at the function's index is what runs.

import { abortWith } from './errors';
import { objectNew } from './object';

/** Host builtin name → id. Placeholder: none. */
export function policy_builtins(): i32 {
  return <i32>objectNew(1);
}

/** Entrypoint name → id. Placeholder: none. */
export function policy_entrypoints(): i32 {
  return <i32>objectNew(2);
}

/** Runs plan `entrypoint`, adding its solutions to `resultSet`. Placeholder: no plans. */
export function policy_eval(input: i32, data: i32, entrypoint: i32, resultSet: i32): void {
  abortWith('invalid entrypoint id');
}

const builtinsFunction: () => i32 = policy_builtins;
const entrypointsFunction: () => i32 = policy_entrypoints;
const evalFunction: (input: i32, data: i32, entrypoint: i32, resultSet: i32) => void = policy_eval;

export function policyBuiltins(): usize {
  return <usize>builtinsFunction();
}

export function policyEntrypoints(): usize {
  return <usize>entrypointsFunction();
}

export function policyEval(input: usize, data: usize, entrypoint: i32, resultSet: usize): void {
  evalFunction(<i32>input, <i32>data, entrypoint, <i32>resultSet);
}
