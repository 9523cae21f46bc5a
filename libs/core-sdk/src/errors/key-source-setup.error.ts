/**
 * A JWT key source that cannot work as configured (unreadable file, not a public key, no
 * usable algorithm). Raised at startup so a misconfigured service never starts and then
 * rejects every request.
 */
export class KeySourceSetupError extends Error {
  override readonly name = 'KeySourceSetupError';

  /** Prefer `create()`, which writes the message with its fix. */
  constructor(message: string) {
    super(message);
  }

  /** `problem` says what is wrong, `fix` how to repair the configuration. */
  static create(problem: string, fix: string): KeySourceSetupError {
    return new KeySourceSetupError(`${problem}. ${fix}`);
  }
}
