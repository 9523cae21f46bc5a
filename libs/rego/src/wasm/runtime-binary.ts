import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { RuntimeModule } from './runtime-module';

const RUNTIME_RELATIVE_PATH = join('libs', 'rego', 'runtime', 'build', 'runtime.wasm');

/** Raised when `runtime.wasm` has not been built yet. */
export class RuntimeNotBuiltError extends Error {
  constructor(searchedFrom: string) {
    super(
      `runtime not built: run npm run build:runtime (no ${RUNTIME_RELATIVE_PATH} above ${searchedFrom})`,
    );
    this.name = 'RuntimeNotBuiltError';
  }
}

let cached: { path: string; modifiedAt: number; runtime: RuntimeModule } | undefined;

/**
 * Finds `libs/rego/runtime/build/runtime.wasm` by walking up from this file, so that it is
 * found from the sources (ts-jest, tsx) and from the compiled `dist/libs/rego/src/...` alike.
 */
export function findRuntimeWasm(startDirectory = __dirname): string {
  let directory = startDirectory;
  for (;;) {
    const candidate = join(directory, RUNTIME_RELATIVE_PATH);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new RuntimeNotBuiltError(startDirectory);
    directory = parent;
  }
}

/** The decoded runtime, read once and re-read only when the file changes (rebuilds in dev). */
export function loadRuntime(): RuntimeModule {
  const path = findRuntimeWasm();
  const modifiedAt = statSync(path).mtimeMs;
  if (cached && cached.path === path && cached.modifiedAt === modifiedAt) return cached.runtime;
  const runtime = RuntimeModule.fromBytes(new Uint8Array(readFileSync(path)));
  cached = { path, modifiedAt, runtime };
  return runtime;
}
