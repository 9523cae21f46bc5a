/**
 * Runs a hand-built IR policy end to end: emitWasm, then the loader (which wraps the
 * unmodified opa-wasm), over every combination of load function and ABI evaluation path.
 */
import type { Policy } from '../../src/ir/ir';
import {
  loadCompiledPolicy,
  loadCompiledPolicySync,
  type LoadedPolicy,
  type LoadOptions,
} from '../../src/loader';
import { emitWasm } from '../../src/wasm';

export interface Variant {
  name: string;
  abiMinorVersion?: number;
  load: (
    compiled: { wasm: Uint8Array; hostBuiltins: string[] },
    options?: LoadOptions,
  ) => Promise<LoadedPolicy>;
}

const loaders = [
  { name: 'loadPolicy', load: loadCompiledPolicy },
  {
    name: 'loadPolicySync',
    load: async (...args: Parameters<typeof loadCompiledPolicySync>) =>
      loadCompiledPolicySync(...args),
  },
];
const paths = [
  { name: 'opa_eval fast path', abiMinorVersion: undefined },
  { name: 'context path (ABI 1.1)', abiMinorVersion: 1 },
];

export const VARIANTS: Variant[] = loaders.flatMap((loader) =>
  paths.map((path) => ({
    name: `${loader.name}, ${path.name}`,
    abiMinorVersion: path.abiMinorVersion,
    load: loader.load,
  })),
);

export function compileIr(
  policy: Policy,
  options: { strictBuiltinErrors?: boolean; abiMinorVersion?: number } = {},
) {
  const emitted = emitWasm(policy, options);
  if (emitted.diagnostics.length > 0) {
    throw new Error(
      `unexpected diagnostics: ${emitted.diagnostics.map((d) => d.message).join('; ')}`,
    );
  }
  return emitted;
}

export async function loadIr(
  variant: Variant,
  policy: Policy,
  options: LoadOptions & { strictBuiltinErrors?: boolean } = {},
): Promise<LoadedPolicy> {
  const compiled = compileIr(policy, {
    strictBuiltinErrors: options.strictBuiltinErrors,
    abiMinorVersion: variant.abiMinorVersion,
  });
  return variant.load(compiled, options);
}

/** The `result` of the single solution, or undefined for an empty result set. */
export function resultOf(resultSet: unknown): unknown {
  const solutions = resultSet as Array<{ result: unknown }>;
  if (!Array.isArray(solutions))
    throw new Error(`result set is not an array: ${JSON.stringify(resultSet)}`);
  if (solutions.length > 1) throw new Error(`more than one solution: ${JSON.stringify(resultSet)}`);
  return solutions[0]?.result;
}
