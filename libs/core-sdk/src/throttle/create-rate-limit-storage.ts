import type { RateLimitAlgorithm } from '../config/core-sdk-config.interface';
import { MemorySlidingWindowStorage } from './memory-sliding-window.storage';
import { MemoryThrottlerStorage } from './memory-throttler.storage';
import type { RateLimitStorage } from './rate-limit-storage.interface';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** `memory` or a `redis://` / `rediss://` URL, as `[rate_limit].storage` allows. */
export function createRateLimitStorage(
  storage: string,
  serviceName: string,
  algorithm: RateLimitAlgorithm = 'fixed',
): RateLimitStorage {
  if (storage === 'memory') {
    return algorithm === 'sliding'
      ? new MemorySlidingWindowStorage()
      : new MemoryThrottlerStorage();
  }
  if (/^rediss?:\/\//.test(storage)) {
    // The algorithm is part of the prefix: the two keep differently shaped counters, so a
    // rolling deploy that switches algorithm must not read the other one's keys.
    const prefix = algorithm === 'sliding' ? 'coresdk:rls:' : 'coresdk:rl:';
    return new RedisThrottlerStorage({
      url: storage,
      keyPrefix: `${prefix}${serviceName}:`,
      algorithm,
    });
  }
  // Config validation rejects anything else first; this guards programmatic misuse.
  throw new Error(`unsupported rate limit storage "${storage}": use "memory" or a redis:// URL`);
}
