// The runtime's export surface (see ../RUNTIME-API.md). Only this file's exports become
// Wasm exports.

export * from './abi-heap';
export * from './abi-eval';
export * from './abi-values';
export { policy_heap_base, rt_static_end } from './splice-heap';
export { policy_builtins, policy_entrypoints, policy_eval } from './splice';
export { rt_call_host_builtin, rt_host_arg, rt_println, rt_abort } from './host';
export { rt_set_strict_builtin_errors } from './builtins/support';
export * from './builtins/arithmetic';
export * from './builtins/aggregates';
export * from './builtins/collections';
export * from './builtins/encoding';
export * from './builtins/network';
export * from './builtins/numbers';
export * from './builtins/objects';
export * from './builtins/strings';
export * from './builtins/types';
