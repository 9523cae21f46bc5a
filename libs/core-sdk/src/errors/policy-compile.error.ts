/** A policy that does not compile stops startup; the message carries positioned diagnostics. */
export class PolicyCompileError extends Error {
  override readonly name = 'PolicyCompileError';

  static create(policy: string, diagnostics: string[]): PolicyCompileError {
    return new PolicyCompileError(
      `CoreSDK could not compile the ${policy} policy:\n${diagnostics.join('\n')}\n` +
        'Fix the policy files above (run `npx coresdk check <policies dir>` to check them without starting the app).',
    );
  }
}
