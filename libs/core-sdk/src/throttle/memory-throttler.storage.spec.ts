import { MemoryThrottlerStorage } from './memory-throttler.storage';

describe('MemoryThrottlerStorage', () => {
  let now = 1_000_000;
  let storage: MemoryThrottlerStorage;

  beforeEach(() => {
    now = 1_000_000;
    storage = new MemoryThrottlerStorage(() => now);
  });
  afterEach(() => storage.close());

  it('blocks exactly the hits over the limit within one window', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, () => storage.increment('k', 60_000, 50, 60_000, 'default')),
    );
    expect(results.filter((r) => !r.isBlocked)).toHaveLength(50);
    expect(results.filter((r) => r.isBlocked)).toHaveLength(150);
    expect(results[199].totalHits).toBe(200);
  });

  it('reports the time until the window resets, and resets after it', async () => {
    await storage.increment('k', 10_000, 1, 10_000, 'default');
    now += 4_000;
    const blocked = await storage.increment('k', 10_000, 1, 10_000, 'default');
    expect(blocked).toMatchObject({ isBlocked: true, timeToBlockExpire: 6, timeToExpire: 6 });
    now += 6_000;
    const fresh = await storage.increment('k', 10_000, 1, 10_000, 'default');
    expect(fresh).toMatchObject({ isBlocked: false, totalHits: 1 });
  });

  it('keeps separate keys apart', async () => {
    await storage.increment('a', 10_000, 1, 10_000, 'default');
    const other = await storage.increment('b', 10_000, 1, 10_000, 'default');
    expect(other.isBlocked).toBe(false);
  });
});
