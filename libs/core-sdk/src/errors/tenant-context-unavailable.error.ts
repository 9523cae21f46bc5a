/**
 * Thrown when code reads the tenant outside an authenticated request: at startup, in a
 * background job, or on a `@Public()` route. It is a programming mistake, so it reaches a
 * client only as the generic 500 of the exception filter.
 */
export class TenantContextUnavailableError extends Error {
  override readonly name = 'TenantContextUnavailableError';

  /** Prefer `create()`, which writes the message with its fix. */
  constructor(message: string) {
    super(message);
  }

  static create(what: string): TenantContextUnavailableError {
    return new TenantContextUnavailableError(
      `${what} was read outside an authenticated request. The tenant exists only while ` +
        'TenantGuard-protected handlers run (not in constructors, background jobs, or ' +
        '@Public() routes); pass the tenant id explicitly to code that runs elsewhere.',
    );
  }
}
