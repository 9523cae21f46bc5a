import { PolicyCompileError } from '../errors/policy-compile.error';

/**
 * A policy source could not produce a snapshot: a module did not compile, a bundle could
 * not be read or its signature did not verify. Carries the diagnostics for the reload
 * record; at startup it becomes the error that stops the application.
 */
export class PolicySourceError extends Error {
  override readonly name = 'PolicySourceError';

  constructor(
    message: string,
    readonly diagnostics: string[],
    /** The module that did not compile (`global`, `tenant:<id>`), else null. */
    readonly module: string | null = null,
  ) {
    super(message);
  }

  static compileFailed(module: string, diagnostics: string[]): PolicySourceError {
    return new PolicySourceError(`the ${module} policy does not compile`, diagnostics, module);
  }

  static unreadable(origin: string, problem: string): PolicySourceError {
    return new PolicySourceError(`${origin}: ${problem}`, [`${origin}: ${problem}`]);
  }

  /** The source could not be reached (network, server error): worth retrying with backoff. */
  static unreachable(origin: string, problem: string): PolicySourceError {
    const error = PolicySourceError.unreadable(origin, problem);
    error.transient = true;
    return error;
  }

  /** True for failures of the transport, not of the content: the reloader backs off. */
  transient = false;

  /** The startup form: a compile failure reads as it always has, with a fix hint. */
  toStartupError(): Error {
    if (this.module) return PolicyCompileError.create(this.module, this.diagnostics);
    return new Error(
      `CoreSDK could not load the policies: ${this.message}\n` +
        'Check [policies].source / bundle_file / bundle_url / verification_key_file.',
    );
  }
}
