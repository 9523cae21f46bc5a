/**
 * CoreSDK hooks into the HTTP server natively (to audit every request and to give
 * `TenantContext` its scope), which it knows how to do for Nest's Express and Fastify
 * adapters only.
 */
export class UnsupportedHttpAdapterError extends Error {
  override readonly name = 'UnsupportedHttpAdapterError';

  /** Prefer `create()`, which writes the message with its fix. */
  constructor(message: string) {
    super(message);
  }

  static create(adapterType: string): UnsupportedHttpAdapterError {
    return new UnsupportedHttpAdapterError(
      `CoreSdkModule does not support the HTTP adapter "${adapterType}". Create the ` +
        'application with @nestjs/platform-express (the default) or @nestjs/platform-fastify.',
    );
  }
}
