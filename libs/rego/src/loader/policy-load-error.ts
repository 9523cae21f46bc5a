/** A compiled policy could not be loaded; the message says why and how to fix it. */
export class PolicyLoadError extends Error {
  override readonly name = 'PolicyLoadError';

  static missingBuiltins(names: readonly string[]): PolicyLoadError {
    const list = names.join(', ');
    return new PolicyLoadError(
      `the policy calls host built-in${names.length > 1 ? 's' : ''} ${list} that no host implementation provides; ` +
        'implement them in libs/rego/src/builtins/host or remove the calls',
    );
  }

  static noWasm(): PolicyLoadError {
    return new PolicyLoadError(
      'the compiled policy has no wasm module: compile it successfully first (check its diagnostics)',
    );
  }

  /** opa-wasm reports some failures by throwing strings; give them an Error with context. */
  static fromSdk(error: unknown): Error {
    if (error instanceof Error) return error;
    return new PolicyLoadError(`opa-wasm could not load the policy: ${String(error)}`);
  }
}
