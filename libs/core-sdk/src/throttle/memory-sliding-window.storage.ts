import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RateLimitStorage } from './rate-limit-storage.interface';
import { admitsOneMore, slidingWindowRecord, windowPosition } from './sliding-window';

interface WindowPair {
  /** Index of the window `current` counts (aligned: `floor(now / ttl)`). */
  index: number;
  current: number;
  previous: number;
}

const SWEEP_INTERVAL_MS = 30_000;

/**
 * In-process sliding-window counters (see `sliding-window.ts` for the exact semantics).
 * `now` is injectable so tests can walk the clock through window boundaries.
 */
export class MemorySlidingWindowStorage implements RateLimitStorage {
  readonly kind = 'memory';
  private readonly windows = new Map<string, WindowPair & { ttlMs: number }>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    this.sweeper = setInterval(() => this.sweep(), SWEEP_INTERVAL_MS);
    this.sweeper.unref();
  }

  async increment(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    return this.incrementSync(key, ttl, limit);
  }

  incrementSync(key: string, ttl: number, limit: number): ThrottlerStorageRecord {
    const { index, elapsedMs } = windowPosition(this.now(), ttl);
    const pair = this.advance(key, index, ttl);
    const counts = { previous: pair.previous, current: pair.current, elapsedMs, ttlMs: ttl, limit };
    const admitted = admitsOneMore(counts);
    if (admitted) pair.current += 1;
    return slidingWindowRecord(counts, admitted);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.windows.clear();
  }

  /** The key's counters moved forward to window `index`. */
  private advance(key: string, index: number, ttlMs: number): WindowPair {
    let pair = this.windows.get(key);
    if (!pair || pair.ttlMs !== ttlMs) {
      pair = { index, current: 0, previous: 0, ttlMs };
      this.windows.set(key, pair);
    } else if (pair.index !== index) {
      pair.previous = pair.index === index - 1 ? pair.current : 0;
      pair.current = 0;
      pair.index = index;
    }
    return pair;
  }

  /** A key idle for two whole windows holds nothing that still counts. */
  private sweep(): void {
    const now = this.now();
    for (const [key, pair] of this.windows) {
      if (windowPosition(now, pair.ttlMs).index > pair.index + 1) this.windows.delete(key);
    }
  }
}
