import type { ThrottlerStorage } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/**
 * A throttler storage CoreSDK can also close on shutdown. Memory and Redis each come with a
 * fixed window per key (a request is blocked while the window's hit count is over the limit;
 * `timeToBlockExpire` is the time until the window resets) and a sliding window
 * (`sliding-window.ts`; `timeToBlockExpire` is the time until one more request fits).
 */
export interface RateLimitStorage extends ThrottlerStorage {
  /** Human-readable name for logs and audit (`memory`, `redis`). */
  readonly kind: string;
  close(): Promise<void>;
  /**
   * `increment` answered without a promise, offered by storages that never wait (memory).
   * When present, CoreSdkThrottlerGuard decides the request synchronously.
   */
  incrementSync?(
    key: string,
    ttl: number,
    limit: number,
    blockDuration?: number,
    throttlerName?: string,
  ): ThrottlerStorageRecord;
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
