import { BuiltinError } from '../builtins/builtin-error';
import type { HostBuiltin } from '../builtins/host';
import { HOST_ALIAS_PREFIX } from '../builtins/host';
import { decodeBigIntegers } from './big-integer-arguments';
import { PolicyLoadError } from './policy-load-error';
import { formatPrintOperands } from './print';

/** OPA plans `print(a, b)` as `internal.print([{a...}, {b...}])`; the loader owns its output. */
export const PRINT_BUILTIN = 'internal.print';
/** `trace(note)` is a host built-in; its note also goes to the print sink, as OPA's tracer shows it. */
const TRACE_BUILTIN = 'trace';

export interface CustomBuiltinOptions {
  strictBuiltinErrors: boolean;
  print?: (line: string) => void;
}

type CustomBuiltin = (...args: unknown[]) => unknown;

/**
 * Builds opa-wasm's `customBuiltins` for the host built-ins a module names: each
 * implementation is wrapped so that a `BuiltinError` becomes "undefined" (the SDK maps a
 * JS `undefined` to address 0) or, in strict mode, an error whose message starts with
 * its OPA code (`eval_type_error:` for a bad operand, else `eval_builtin_error:`) like the
 * module's own strict errors. Names nobody implements fail
 * the load, listed together.
 */
export function buildCustomBuiltins(
  needed: readonly string[],
  registry: ReadonlyMap<string, HostBuiltin>,
  options: CustomBuiltinOptions,
): Record<string, CustomBuiltin> {
  const custom: Record<string, CustomBuiltin> = {};
  const missing: string[] = [];
  for (const name of needed) {
    if (name === PRINT_BUILTIN) {
      custom[name] = printBuiltin(options.print);
      continue;
    }
    // `coresdk.host.sprintf` is how a module names our sprintf past the SDK's own one.
    const builtin = registry.get(name) ?? registry.get(withoutHostAlias(name));
    if (builtin && name === TRACE_BUILTIN)
      custom[name] = traced(guarded(builtin, options.strictBuiltinErrors), options.print);
    else if (builtin) custom[name] = guarded(builtin, options.strictBuiltinErrors);
    else missing.push(name);
  }
  if (missing.length > 0) throw PolicyLoadError.missingBuiltins(missing);
  return custom;
}

function guarded(builtin: HostBuiltin, strict: boolean): CustomBuiltin {
  const asBigInt = builtin.bigIntegers === true;
  return (...args: unknown[]) => {
    try {
      for (let index = 0; index < args.length; index++)
        args[index] = decodeBigIntegers(args[index], asBigInt);
      return builtin.impl(...args);
    } catch (error) {
      if (!isBuiltinError(error)) throw error;
      if (strict) throw new Error(`${strictCodeOf(error)}: ${error.message}`);
      return undefined;
    }
  };
}

/** OPA's code for a strict built-in error (BuiltinError carries it; other errors are built-in errors). */
function strictCodeOf(error: Error): string {
  const code = (error as Partial<BuiltinError>).code;
  return code === 'eval_type_error' ? code : 'eval_builtin_error';
}

function isBuiltinError(error: unknown): error is Error {
  return error instanceof BuiltinError || (error instanceof Error && error.name === 'BuiltinError');
}

function printBuiltin(print: ((line: string) => void) | undefined): CustomBuiltin {
  return (operands: unknown) => {
    print?.(formatPrintOperands(operands));
    // print always succeeds: the module needs a defined value to continue.
    return true;
  };
}

function traced(trace: CustomBuiltin, print: ((line: string) => void) | undefined): CustomBuiltin {
  return (note: unknown) => {
    const result = trace(note);
    if (result === true) print?.(`trace: ${String(note)}`);
    return result;
  };
}

function withoutHostAlias(name: string): string {
  return name.startsWith(HOST_ALIAS_PREFIX) ? name.slice(HOST_ALIAS_PREFIX.length) : name;
}
