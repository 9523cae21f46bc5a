import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';

/**
 * The sliding window as a two-window weighted approximation. Windows are aligned to
 * multiples of `ttlMs` since the epoch; a request at `elapsedMs` into the current window
 * sees `previous × (ttlMs − elapsedMs) / ttlMs + current` requests in the last `ttlMs`,
 * assuming the previous window's requests were spread evenly. It is admitted when that
 * estimate plus itself stays within the limit. Only admitted requests are counted, so a
 * client that keeps hammering a closed window does not push its own reopening further out.
 */
export interface SlidingWindowCounts {
  /** Admitted requests in the previous window. */
  previous: number;
  /** Admitted requests in the current window, before this request. */
  current: number;
  elapsedMs: number;
  ttlMs: number;
  limit: number;
}

/** The weighted count of requests in the last `ttlMs`. */
export function slidingEstimate(counts: Omit<SlidingWindowCounts, 'limit'>): number {
  const { previous, current, elapsedMs, ttlMs } = counts;
  return (previous * (ttlMs - elapsedMs)) / ttlMs + current;
}

export function admitsOneMore(counts: SlidingWindowCounts): boolean {
  return slidingEstimate(counts) + 1 <= counts.limit;
}

/**
 * Milliseconds until one more request would be admitted if no other request arrives:
 * either later in this window, as the previous window's weight fades, or in the next one,
 * when this window becomes the previous.
 */
export function msUntilAdmitted(counts: SlidingWindowCounts): number {
  const { previous, current, elapsedMs, ttlMs, limit } = counts;
  if (admitsOneMore(counts)) return 0;
  const roomThisWindow = limit - 1 - current;
  if (roomThisWindow >= 0 && previous > 0) {
    const at = ttlMs * (1 - roomThisWindow / previous);
    if (at < ttlMs) return Math.max(1, Math.ceil(at - elapsedMs));
  }
  const intoNextWindow = current > 0 ? Math.max(0, ttlMs * (1 - (limit - 1) / current)) : 0;
  return Math.ceil(ttlMs - elapsedMs + intoNextWindow);
}

/**
 * The throttler's view of one decision. `counts.current` is the count before this
 * request; when `admitted`, this request is included in `totalHits`.
 */
export function slidingWindowRecord(
  counts: SlidingWindowCounts,
  admitted: boolean,
): ThrottlerStorageRecord {
  const estimate = slidingEstimate(counts) + 1;
  const secondsToWindowEnd = Math.max(1, Math.ceil((counts.ttlMs - counts.elapsedMs) / 1000));
  if (admitted) {
    return {
      totalHits: Math.ceil(estimate),
      timeToExpire: secondsToWindowEnd,
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }
  return {
    // Over the limit by definition; never report fewer hits than the limit allows.
    totalHits: Math.max(counts.limit + 1, Math.ceil(estimate)),
    timeToExpire: secondsToWindowEnd,
    isBlocked: true,
    timeToBlockExpire: Math.max(1, Math.ceil(msUntilAdmitted(counts) / 1000)),
  };
}

/** The aligned window a timestamp falls in, and how far into it. */
export function windowPosition(nowMs: number, ttlMs: number): { index: number; elapsedMs: number } {
  const index = Math.floor(nowMs / ttlMs);
  return { index, elapsedMs: nowMs - index * ttlMs };
}
