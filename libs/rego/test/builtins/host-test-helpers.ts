import { BuiltinError } from '../../src/builtins/builtin-error';
import { HOST_BUILTINS } from '../../src/builtins/host';

/** Calls a registered host built-in by its Rego name, as the loader would. */
export function call(name: string, ...args: unknown[]): unknown {
  const builtin = HOST_BUILTINS.get(name);
  if (!builtin) throw new Error(`no host built-in ${name}`);
  if (builtin.arity !== args.length) throw new Error(`${name} takes ${builtin.arity} arguments`);
  return builtin.impl(...args);
}

/** The BuiltinError a call throws, or a failure when it does not throw one. */
export function callError(name: string, ...args: unknown[]): BuiltinError {
  try {
    call(name, ...args);
  } catch (error) {
    if (error instanceof BuiltinError) return error;
    throw error;
  }
  throw new Error(`${name}(${JSON.stringify(args)}) did not throw`);
}
