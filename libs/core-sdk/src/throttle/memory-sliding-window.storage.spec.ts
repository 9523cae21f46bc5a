import { MemorySlidingWindowStorage } from './memory-sliding-window.storage';
import { msUntilAdmitted, slidingEstimate } from './sliding-window';

const TTL = 10_000;

describe('MemorySlidingWindowStorage', () => {
  // Start exactly on a window boundary so positions inside a window are easy to read.
  let now = 100 * TTL;
  let storage: MemorySlidingWindowStorage;
  beforeEach(() => {
    now = 100 * TTL;
    storage = new MemorySlidingWindowStorage(() => now);
  });
  afterEach(() => storage.close());

  const hit = (limit = 10, key = 'k') => storage.increment(key, TTL, limit);
  const admittedOf = async (count: number, limit = 10) => {
    let admitted = 0;
    for (let i = 0; i < count; i += 1) if (!(await hit(limit)).isBlocked) admitted += 1;
    return admitted;
  };

  it('admits exactly the limit inside one window and does not count the rejected hits', async () => {
    expect(await admittedOf(25)).toBe(10);
    const blocked = await hit();
    expect(blocked).toMatchObject({ isBlocked: true, totalHits: 11 });
  });

  it('weights the previous window by how much of it still overlaps the last ttl', async () => {
    expect(await admittedOf(10)).toBe(10);
    // 25% into the next window: 10 × 0.75 = 7.5 still count, so 2 more fit (7.5 + 2 ≤ 10).
    now += TTL + TTL / 4;
    expect(await admittedOf(5)).toBe(2);
    // 75% in: 10 × 0.25 + 2 = 4.5, so 5 more fit (4.5 + 5 ≤ 10, 4.5 + 6 > 10).
    now += TTL / 2;
    expect(await admittedOf(10)).toBe(5);
  });

  it('is stricter than a fixed window at the boundary: no double burst', async () => {
    now += TTL - 1; // the last millisecond of the window
    expect(await admittedOf(10)).toBe(10);
    now += 1; // the first millisecond of the next: a fixed window would admit 10 again
    expect(await admittedOf(10)).toBe(0);
  });

  it('forgets everything after two idle windows', async () => {
    expect(await admittedOf(10)).toBe(10);
    now += 2 * TTL;
    expect(await admittedOf(12)).toBe(10);
  });

  it('reports in Retry-After when the next request will be admitted, and it is', async () => {
    expect(await admittedOf(10)).toBe(10);
    now += TTL + TTL / 4; // previous = 10 weighted 0.75, current = 0
    expect(await admittedOf(2)).toBe(2); // 7.5 + 2 = 9.5
    const blocked = await hit();
    expect(blocked.isBlocked).toBe(true);
    // 10 × w + 2 + 1 ≤ 10 needs w ≤ 0.7, i.e. 30% into the window: 500 ms from 25%.
    expect(blocked.timeToBlockExpire).toBe(1);
    now += 499;
    expect((await hit()).isBlocked).toBe(true);
    now += 1;
    expect((await hit()).isBlocked).toBe(false);
  });

  it('keeps keys and their windows apart', async () => {
    expect(await admittedOf(10)).toBe(10);
    expect((await hit(10, 'other')).isBlocked).toBe(false);
  });
});

describe('sliding window arithmetic', () => {
  it('estimates the previous window linearly', () => {
    expect(slidingEstimate({ previous: 8, current: 3, elapsedMs: 2_500, ttlMs: TTL })).toBe(9);
  });

  it('waits into the next window when the current one alone is full', () => {
    // current 10 of limit 10 at 40%: this window never reopens; in the next, 10 × w + 1 ≤ 10
    // needs w ≤ 0.9, i.e. 10% into it: 6 s + 1 s.
    const wait = msUntilAdmitted({
      previous: 0,
      current: 10,
      elapsedMs: 4_000,
      ttlMs: TTL,
      limit: 10,
    });
    expect(wait).toBe(7_000);
  });
});
