// Host calls. CODEGEN normally calls env.opa_builtinN directly; these exports also keep
// every import referenced, so the import section always lists all of them in this order.

import {
  opa_abort,
  opa_builtin0,
  opa_builtin1,
  opa_builtin2,
  opa_builtin3,
  opa_builtin4,
  opa_println,
} from './env';
import { hostArgument } from './host-argument';

/** Calls host builtin `id` with `arity` (0..4) of the given arguments; 0 means undefined. */
export function rt_call_host_builtin(id: i32, arity: i32, a: i32, b: i32, c: i32, d: i32): i32 {
  switch (arity) {
    case 0:
      return <i32>opa_builtin0(id, 0);
    case 1:
      return <i32>opa_builtin1(id, 0, a);
    case 2:
      return <i32>opa_builtin2(id, 0, a, b);
    case 3:
      return <i32>opa_builtin3(id, 0, a, b, c);
    case 4:
      return <i32>opa_builtin4(id, 0, a, b, c, d);
  }
  return 0;
}

/** Prints a NUL-terminated string through the host. */
export function rt_println(message: i32): void {
  opa_println(message);
}

/** Aborts with a NUL-terminated message. */
export function rt_abort(message: i32): void {
  opa_abort(message);
  unreachable();
}

/**
 * A host built-in's argument as the host should see it: `value` itself, or a copy whose
 * integers kept as text are `{"__coresdk_bigint__": "<digits>"}` (see host-argument.ts).
 */
export function rt_host_arg(value: i32): i32 {
  return <i32>hostArgument(<usize>value);
}
