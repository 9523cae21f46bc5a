import { loadCompiledPolicySync } from '@coresdk/rego';
import type { CompiledModule } from './policy-snapshot.interface';

/**
 * Instantiates a module once, before it may decide anything: a module whose imports do not
 * link (a host built-in nobody implements, a foreign ABI) or that lacks the configured
 * entrypoint is refused here rather than failing requests later. Returns the problem, or
 * null for a module that is fit to swap in.
 */
export function validateModule(module: CompiledModule, entrypoint: string): string | null {
  try {
    const policy = loadCompiledPolicySync(module);
    const entrypoints = (policy.entrypoints ?? {}) as Record<string, number>;
    if (!Object.prototype.hasOwnProperty.call(entrypoints, entrypoint)) {
      const found = Object.keys(entrypoints).join(', ') || 'none';
      return `${module.name}: the module has no entrypoint ${entrypoint} (it has: ${found})`;
    }
    return null;
  } catch (error) {
    return `${module.name}: the module cannot be loaded: ${(error as Error).message ?? String(error)}`;
  }
}
