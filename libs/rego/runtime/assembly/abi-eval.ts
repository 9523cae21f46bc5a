// ABI exports: evaluation contexts, the one-shot opa_eval, JSON/term parse and dump,
// builtins()/entrypoints(), and the data-editing path functions.

import { heapAlloc, heapTopSet } from './heap';
import { abortWith } from './errors';
import { jsonDump, resultSetJsonDump, termDump } from './json-dump';
import { jsonParse, termParse } from './json-parse';
import { setNew } from './object';
import { policyBuiltins, policyEntrypoints, policyEval } from './splice';
import { valueAddPath, valueFree, valueRemovePath } from './document';

// Context layout: [0 input][4 data][8 entrypoint][12 result set]
const CONTEXT_SIZE: usize = 16;

export function opa_eval_ctx_new(): i32 {
  const context = heapAlloc(CONTEXT_SIZE);
  memory.fill(context, 0, CONTEXT_SIZE);
  return <i32>context;
}

export function opa_eval_ctx_set_input(context: i32, input: i32): void {
  store<u32>(<usize>context, <u32>input);
}

export function opa_eval_ctx_set_data(context: i32, data: i32): void {
  store<u32>(<usize>context, <u32>data, 4);
}

export function opa_eval_ctx_set_entrypoint(context: i32, entrypoint: i32): void {
  store<i32>(<usize>context, entrypoint, 8);
}

export function opa_eval_ctx_get_result(context: i32): i32 {
  return load<i32>(<usize>context, 12);
}

/** Evaluates the context's entrypoint; the result set is stored in the context. */
export function eval(context: i32): i32 {
  const resultSet = setNew(1);
  policyEval(
    <usize>load<u32>(<usize>context),
    <usize>load<u32>(<usize>context, 4),
    load<i32>(<usize>context, 8),
    resultSet,
  );
  store<u32>(<usize>context, <u32>resultSet, 12);
  return 0;
}

/**
 * One-shot evaluation (ABI 1.2): the heap restarts at `heapPointer` (the input bytes lie
 * just below it), the input is parsed, the plan runs, and the result set is returned
 * serialised as JSON (`format` 0) or Rego terms (`format` 1).
 */
export function opa_eval(
  _reserved: i32,
  entrypoint: i32,
  data: i32,
  input: i32,
  inputLength: i32,
  heapPointer: i32,
  format: i32,
): i32 {
  heapTopSet(<usize>heapPointer);
  let inputValue: usize = 0;
  if (inputLength > 0) {
    inputValue = jsonParse(<usize>input, <usize>inputLength);
    if (inputValue == 0) abortWith('opa_eval: input is not valid JSON');
  }
  const resultSet = setNew(1);
  policyEval(inputValue, <usize>data, entrypoint, resultSet);
  return <i32>(format == 1 ? termDump(resultSet) : resultSetJsonDump(resultSet));
}

export function builtins(): i32 {
  return <i32>policyBuiltins();
}

export function entrypoints(): i32 {
  return <i32>policyEntrypoints();
}

export function opa_json_parse(text: i32, length: i32): i32 {
  if (length < 0) return 0;
  return <i32>jsonParse(<usize>text, <usize>length);
}

export function opa_value_parse(text: i32, length: i32): i32 {
  if (length < 0) return 0;
  return <i32>termParse(<usize>text, <usize>length);
}

export function opa_json_dump(value: i32): i32 {
  return <i32>jsonDump(<usize>value);
}

export function opa_value_dump(value: i32): i32 {
  return <i32>termDump(<usize>value);
}

export function opa_value_add_path(base: i32, path: i32, value: i32): i32 {
  return valueAddPath(<usize>base, <usize>path, <usize>value);
}

export function opa_value_remove_path(base: i32, path: i32): i32 {
  return valueRemovePath(<usize>base, <usize>path);
}

export function opa_value_free(value: i32): void {
  valueFree(<usize>value);
}
