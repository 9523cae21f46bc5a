import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RateLimitStorage } from './rate-limit-storage.interface';

interface Window {
  hits: number;
  resetsAt: number;
}

/** How often expired windows are swept, so idle keys do not accumulate. */
const SWEEP_INTERVAL_MS = 30_000;

/**
 * In-process fixed-window counters. Node runs `increment` to completion without yielding,
 * so the count is exact under any concurrency within one process; use Redis when several
 * instances share a limit.
 */
export class MemoryThrottlerStorage implements RateLimitStorage {
  readonly kind = 'memory';
  private readonly windows = new Map<string, Window>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    return this.incrementSync(key, ttl, limit);
  }

  incrementSync(key: string, ttl: number, limit: number): ThrottlerStorageRecord {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetsAt <= now) {
      window = { hits: 0, resetsAt: now + ttl };
      this.windows.set(key, window);
    }
    window.hits += 1;
    const msLeft = window.resetsAt - now;
    const isBlocked = window.hits > limit;
    return {
      totalHits: window.hits,
      timeToExpire: Math.ceil(msLeft / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(msLeft / 1000) : 0,
    };
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, window] of this.windows) {
      if (window.resetsAt <= now) this.windows.delete(key);
    }
  }
}
