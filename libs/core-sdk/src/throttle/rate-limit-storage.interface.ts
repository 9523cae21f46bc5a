import type { ThrottlerStorage } from '@nestjs/throttler';

/**
 * A throttler storage CoreSDK can also close on shutdown. Both implementations keep a fixed
 * window per key: a request is blocked while the window's hit count is over the limit, and
 * `timeToBlockExpire` is the time until the window resets (the next request that can pass).
 */
export interface RateLimitStorage extends ThrottlerStorage {
  /** Human-readable name for logs and audit (`memory`, `redis`). */
  readonly kind: string;
  close(): Promise<void>;
}

/** Raised by a storage that cannot answer (e.g. Redis down); fail_mode decides what follows. */
export class RateLimitStorageUnavailableError extends Error {
  override readonly name = 'RateLimitStorageUnavailableError';
  constructor(
    readonly storage: string,
    readonly reason: string,
  ) {
    super(`rate limit storage "${storage}" unavailable: ${reason}`);
  }
}
