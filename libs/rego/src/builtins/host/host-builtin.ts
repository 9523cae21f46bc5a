/**
 * A built-in implemented in JavaScript and called from the Wasm module through
 * opa-wasm's `opa_builtinN` imports. Arguments arrive as JSON values (sets as arrays,
 * objects with non-string keys with their keys stringified); `undefined` means the call
 * is undefined; a thrown `BuiltinError` is an evaluation error.
 */
export interface HostBuiltin {
  name: string;
  arity: number;
  impl: (...args: unknown[]) => unknown;
  /**
   * Integers a double cannot hold arrive as exact `bigint`s (anywhere inside an argument)
   * instead of rounded numbers; only built-ins that handle `bigint` set it.
   */
  bigIntegers?: boolean;
}

export interface DefineOptions {
  bigIntegers?: boolean;
}

/** The registry every family registers into. */
export type HostRegistry = Map<string, HostBuiltin>;

/** Adds one built-in; a second registration of a name is a programming error. */
export function define(
  into: HostRegistry,
  name: string,
  arity: number,
  impl: (...args: any[]) => unknown,
  options: DefineOptions = {},
): void {
  if (into.has(name)) throw new Error(`host built-in registered twice: ${name}`);
  const builtin: HostBuiltin = { name, arity, impl };
  if (options.bigIntegers) builtin.bigIntegers = true;
  into.set(name, builtin);
}
