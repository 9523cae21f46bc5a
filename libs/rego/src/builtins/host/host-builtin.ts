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
}

/** The registry every family registers into. */
export type HostRegistry = Map<string, HostBuiltin>;

/** Adds one built-in; a second registration of a name is a programming error. */
export function define(
  into: HostRegistry,
  name: string,
  arity: number,
  impl: (...args: any[]) => unknown,
): void {
  if (into.has(name)) throw new Error(`host built-in registered twice: ${name}`);
  into.set(name, { name, arity, impl });
}
