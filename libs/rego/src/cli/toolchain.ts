/**
 * The compiler pieces the commands use, loaded on demand (see load-toolchain.ts) so
 * that `--help` and usage errors work without loading the whole compiler.
 */
import { compile, queryFileName, type CompileResult } from '../compile';
import type { Capabilities } from '../builtins/capabilities';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { formatDiagnostic } from '../diagnostics/format';
import { loadCompiledPolicy } from '../loader';
import type { PolicyModule } from './policy-dir';

export { compile, loadCompiledPolicy, queryFileName };
export type { CompileResult };

/**
 * Formats diagnostics with source line and caret, once each (the global module's
 * diagnostics repeat in every tenant's compilation).
 */
export function formatDiagnostics(
  diagnostics: readonly Diagnostic[],
  sources: ReadonlyMap<string, string>,
): string[] {
  return [...new Set(diagnostics.map((diagnostic) => formatDiagnostic(diagnostic, sources)))];
}

export function compileModules(
  modules: PolicyModule[],
  options: {
    entrypoints: string[];
    queries?: Array<{ name: string; source: string }>;
    regoVersion: 'v0' | 'v1';
    capabilities?: Capabilities;
    strictBuiltinErrors?: boolean;
  },
): CompileResult {
  return compile(modules, options);
}
