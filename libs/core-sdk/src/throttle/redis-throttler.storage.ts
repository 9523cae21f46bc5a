import Redis from 'ioredis';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { RateLimitAlgorithm } from '../config/core-sdk-config.interface';
import { RateLimitStorage, RateLimitStorageUnavailableError } from './rate-limit-storage.interface';
import { slidingWindowRecord } from './sliding-window';

/**
 * One round trip, atomic on the server: count the hit, start the window on the first hit,
 * and report the count and the window's remaining time. Several app instances sharing the
 * Redis therefore share one exact counter.
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
return {hits, ttl}
`;

/**
 * The sliding window's admission, atomic on the server with Redis's own clock so every
 * instance agrees on window boundaries. Counters are `<key>:<window index>` and live two
 * windows. Only admitted requests are counted; the client turns the counts into the
 * throttler's record with the same arithmetic (`sliding-window.ts`).
 */
const SLIDING_SCRIPT = `
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local index = math.floor(now / ttl)
local elapsed = now - index * ttl
local currentKey = KEYS[1] .. ':' .. string.format('%d', index)
local previousKey = KEYS[1] .. ':' .. string.format('%d', index - 1)
local current = tonumber(redis.call('GET', currentKey) or '0')
local previous = tonumber(redis.call('GET', previousKey) or '0')
local admitted = 0
if previous * (ttl - elapsed) / ttl + current + 1 <= limit then
  admitted = 1
  redis.call('INCR', currentKey)
  redis.call('PEXPIRE', currentKey, ttl * 2)
end
return {admitted, current, previous, elapsed}
`;

export interface RedisThrottlerStorageOptions {
  url: string;
  /** Prefix of every key, so several services can share one Redis. */
  keyPrefix?: string;
  /** `fixed` (default) or `sliding` (see `sliding-window.ts`). */
  algorithm?: RateLimitAlgorithm;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/**
 * Fixed-window counters in Redis. Requests never wait for a Redis that is down: the offline
 * queue is off and connect/command timeouts are bounded, so a failure surfaces at once as
 * `RateLimitStorageUnavailableError` and fail_mode decides. ioredis keeps reconnecting in
 * the background, so the limit is enforced again as soon as Redis is back.
 */
export class RedisThrottlerStorage implements RateLimitStorage {
  readonly kind = 'redis';
  private readonly client: Redis;
  private readonly keyPrefix: string;
  private readonly algorithm: RateLimitAlgorithm;

  constructor(options: RedisThrottlerStorageOptions) {
    this.keyPrefix = options.keyPrefix ?? 'coresdk:rl:';
    this.algorithm = options.algorithm ?? 'fixed';
    this.client = new Redis(options.url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: options.connectTimeoutMs ?? 1000,
      commandTimeout: options.commandTimeoutMs ?? 500,
      retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
      lazyConnect: false,
    });
    // Connection errors are expected while Redis is down; each request reports its own
    // failure, so the client's error events only need to be consumed here.
    this.client.on('error', () => undefined);
    this.client.defineCommand('coresdkIncrement', { numberOfKeys: 1, lua: INCREMENT_SCRIPT });
    this.client.defineCommand('coresdkSliding', { numberOfKeys: 1, lua: SLIDING_SCRIPT });
  }

  /** Resolves once connected, or after `timeoutMs` (startup must not hang on Redis). */
  async waitUntilReady(timeoutMs = 2000): Promise<boolean> {
    if (this.client.status === 'ready') return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    _blockDuration?: number,
    _throttlerName?: string,
  ): Promise<ThrottlerStorageRecord> {
    if (this.algorithm === 'sliding') return this.slide(key, ttl, limit);
    let reply: [number, number];
    try {
      reply = (await (
        this.client as unknown as {
          coresdkIncrement(key: string, ttl: number): Promise<[number, number]>;
        }
      ).coresdkIncrement(this.keyPrefix + key, ttl)) as [number, number];
    } catch (error) {
      throw new RateLimitStorageUnavailableError(
        'redis',
        error instanceof Error ? error.message : String(error),
      );
    }
    const [hits, msLeft] = reply;
    const isBlocked = hits > limit;
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(msLeft / 1000),
      isBlocked,
      timeToBlockExpire: isBlocked ? Math.ceil(msLeft / 1000) : 0,
    };
  }

  private async slide(key: string, ttl: number, limit: number): Promise<ThrottlerStorageRecord> {
    let reply: [number, number, number, number];
    try {
      reply = await (
        this.client as unknown as {
          coresdkSliding(
            key: string,
            ttl: number,
            limit: number,
          ): Promise<[number, number, number, number]>;
        }
      ).coresdkSliding(this.keyPrefix + key, ttl, limit);
    } catch (error) {
      throw new RateLimitStorageUnavailableError(
        'redis',
        error instanceof Error ? error.message : String(error),
      );
    }
    const [admitted, current, previous, elapsedMs] = reply;
    return slidingWindowRecord({ previous, current, elapsedMs, ttlMs: ttl, limit }, admitted === 1);
  }

  async close(): Promise<void> {
    this.client.disconnect();
  }
}
