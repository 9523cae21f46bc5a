/** A bundle that cannot be written, read or trusted; the message says which file and why. */
export class BundleError extends Error {
  override readonly name = 'BundleError';
}
