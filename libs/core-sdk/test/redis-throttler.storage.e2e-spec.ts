import { randomUUID } from 'node:crypto';
import { RedisThrottlerStorage } from '../src/throttle/redis-throttler.storage';
import { RateLimitStorageUnavailableError } from '../src/throttle/rate-limit-storage.interface';
import { DisposableRedis } from './support/redis-server';

describe('RedisThrottlerStorage', () => {
  let redis: DisposableRedis;

  beforeAll(async () => {
    redis = await DisposableRedis.start();
  });
  afterAll(async () => {
    await redis.stop();
  });

  it('is exact under concurrency across two instances sharing one Redis', async () => {
    const prefix = `test:${randomUUID()}:`;
    const first = new RedisThrottlerStorage({ url: redis.url, keyPrefix: prefix });
    const second = new RedisThrottlerStorage({ url: redis.url, keyPrefix: prefix });
    await Promise.all([first.waitUntilReady(), second.waitUntilReady()]);
    try {
      const results = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          (i % 2 ? first : second).increment('global', 60_000, 50, 60_000, 'default'),
        ),
      );
      expect(results.filter((r) => !r.isBlocked)).toHaveLength(50);
      const hits = results.map((r) => r.totalHits).sort((a, b) => a - b);
      expect(hits).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
      expect(results.every((r) => r.timeToExpire > 0 && r.timeToExpire <= 60)).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('fails fast while Redis is down and recovers without a restart', async () => {
    const storage = new RedisThrottlerStorage({
      url: redis.url,
      keyPrefix: `test:${randomUUID()}:`,
    });
    await storage.waitUntilReady();
    try {
      await expect(storage.increment('k', 60_000, 5, 60_000, 'default')).resolves.toMatchObject({
        totalHits: 1,
      });
      await redis.stop();
      const started = Date.now();
      await expect(storage.increment('k', 60_000, 5, 60_000, 'default')).rejects.toBeInstanceOf(
        RateLimitStorageUnavailableError,
      );
      expect(Date.now() - started).toBeLessThan(2_000);

      await redis.resume();
      await storage.waitUntilReady(5_000);
      // The restarted server keeps nothing on disk, so the window starts over.
      await expect(storage.increment('k', 60_000, 5, 60_000, 'default')).resolves.toMatchObject({
        totalHits: 1,
        isBlocked: false,
      });
    } finally {
      await storage.close();
    }
  });
});
