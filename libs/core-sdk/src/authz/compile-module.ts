import { compile, formatDiagnostic, type RegoVersion } from '@coresdk/rego';
import type { PolicyFile } from './policy-files';
import type { CompiledModule } from './policy-snapshot.interface';

export interface ModuleCompileOptions {
  entrypoint: string;
  regoVersion: RegoVersion;
}

export type ModuleCompileResult =
  { ok: true; module: CompiledModule } | { ok: false; diagnostics: string[] };

/**
 * Compiles Rego files into one module. Failures come back as positioned diagnostics
 * (`file:line:col: code: message` plus the source line) rather than a throw, so a reload can
 * report them and keep the last good policy.
 */
export function compileModule(
  name: string,
  files: PolicyFile[],
  options: ModuleCompileOptions,
): ModuleCompileResult {
  let result: ReturnType<typeof compile>;
  try {
    result = compile(files, {
      entrypoints: [options.entrypoint],
      regoVersion: options.regoVersion,
    });
  } catch (error) {
    // The compiler reports through diagnostics; a throw is its own bug, still not ours to crash on.
    return { ok: false, diagnostics: [`${name}: compiler failed: ${(error as Error).message}`] };
  }
  const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
  if (!result.ok || !result.wasm || errors.length > 0) {
    const sources = new Map(files.map((file) => [file.path, file.source]));
    const diagnostics = errors.map((diagnostic) => formatDiagnostic(diagnostic, sources));
    return {
      ok: false,
      diagnostics:
        diagnostics.length > 0 ? diagnostics : [`${name}: the compiler produced no module`],
    };
  }
  return {
    ok: true,
    module: {
      name,
      wasm: result.wasm,
      hostBuiltins: result.hostBuiltins,
      pure: result.pure,
    },
  };
}
