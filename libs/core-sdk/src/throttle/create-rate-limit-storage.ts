import { MemoryThrottlerStorage } from './memory-throttler.storage';
import type { RateLimitStorage } from './rate-limit-storage.interface';
import { RedisThrottlerStorage } from './redis-throttler.storage';

/** `memory` or a `redis://` / `rediss://` URL, as `[rate_limit].storage` allows. */
export function createRateLimitStorage(storage: string, serviceName: string): RateLimitStorage {
  if (storage === 'memory') return new MemoryThrottlerStorage();
  if (/^rediss?:\/\//.test(storage)) {
    return new RedisThrottlerStorage({ url: storage, keyPrefix: `coresdk:rl:${serviceName}:` });
  }
  // Config validation rejects anything else first; this guards programmatic misuse.
  throw new Error(`unsupported rate limit storage "${storage}": use "memory" or a redis:// URL`);
}
