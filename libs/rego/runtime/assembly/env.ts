// The only host functions the OPA SDK provides. AssemblyScript imports a file's declared
// functions from the module named after the file, so this file's name gives them the
// module `env` without decorators.

/** Fatal error: `message` is a NUL-terminated ASCII string. Never returns. */
export declare function opa_abort(message: usize): void;

/** Debug output of a NUL-terminated string. */
export declare function opa_println(message: usize): void;

export declare function opa_builtin0(id: i32, ctx: i32): usize;

export declare function opa_builtin1(id: i32, ctx: i32, a: usize): usize;

export declare function opa_builtin2(id: i32, ctx: i32, a: usize, b: usize): usize;

export declare function opa_builtin3(id: i32, ctx: i32, a: usize, b: usize, c: usize): usize;

export declare function opa_builtin4(
  id: i32,
  ctx: i32,
  a: usize,
  b: usize,
  c: usize,
  d: usize,
): usize;
