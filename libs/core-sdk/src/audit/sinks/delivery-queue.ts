import { setTimeout as sleep } from 'node:timers/promises';
import type { AuditRecord } from '../audit-record.interface';
import type { AuditStats } from './audit-stats';

/** How a stream batches and retries; the `[audit]` settings. */
export interface DeliveryPolicy {
  batchSize: number;
  flushIntervalMs: number;
  /** Records held (pending plus in flight) before new ones are dropped. */
  maxQueue: number;
  retryBackoffMs: number;
  maxRetryBackoffMs: number;
}

/** Sends one batch; resolves when the destination has it. */
export type Deliver = (batch: AuditRecord[]) => Promise<void>;

/** A failure that retrying cannot fix (e.g. HTTP 400): the batch is dropped and counted. */
export class PermanentDeliveryError extends Error {
  override readonly name = 'PermanentDeliveryError';
}

/**
 * One stream's records on their way to one destination. `push` never waits and never
 * throws: records are batched in memory and sent by a background pump, one batch at a time
 * and in order. A failed batch goes back to the front and is retried with exponential
 * backoff for as long as the destination stays down; meanwhile the queue is bounded by
 * `maxQueue`, and records that do not fit are dropped and counted. So an outage costs
 * requests nothing, loses only what does not fit, and recovery delivers what was held.
 */
export class DeliveryQueue {
  private pending: AuditRecord[] = [];
  private inFlight = 0;
  private delivering: Promise<boolean> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private timerDueAt = Infinity;
  private consecutiveFailures = 0;
  private closing = false;
  private closed = false;

  constructor(
    private readonly sink: string,
    private readonly stream: string,
    private readonly deliver: Deliver,
    private readonly policy: DeliveryPolicy,
    private readonly stats: AuditStats,
  ) {}

  /** Records held: waiting plus in flight. */
  get size(): number {
    return this.pending.length + this.inFlight;
  }

  push(record: AuditRecord): void {
    if (this.closed) return this.stats.recordDropped(this.sink, this.stream, 1, 'closed');
    if (this.size >= this.policy.maxQueue) {
      return this.stats.recordDropped(this.sink, this.stream, 1, 'queue_full');
    }
    this.pending.push(record);
    const full = this.pending.length >= this.policy.batchSize;
    // While the destination is failing, only the backoff timer decides the next attempt.
    if (this.consecutiveFailures === 0) this.schedule(full ? 0 : this.policy.flushIntervalMs);
  }

  /**
   * Delivers everything held, retrying with backoff, until `deadline` (epoch ms). What is
   * still waiting then is counted as dropped (`shutdown`); later pushes are `closed`.
   */
  async close(deadline: number): Promise<void> {
    this.closing = true;
    this.clearTimer();
    while (this.size > 0 && Date.now() < deadline) {
      const delivered = await Promise.race([this.deliverOnce(), untilDeadline(deadline)]);
      if (delivered === false && Date.now() < deadline) {
        await sleep(Math.min(this.backoffMs(), Math.max(0, deadline - Date.now())));
      }
    }
    this.closed = true;
    // A batch still in flight counts itself when its attempt ends (delivered or dropped).
    const lost = this.pending.length;
    this.pending = [];
    this.stats.recordDropped(this.sink, this.stream, lost, 'shutdown');
  }

  private schedule(delayMs: number): void {
    if (this.closing) return;
    const dueAt = Date.now() + delayMs;
    if (this.timer && this.timerDueAt <= dueAt) return;
    this.clearTimer();
    this.timerDueAt = dueAt;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.timerDueAt = Infinity;
      void this.pump();
    }, delayMs);
    // Pending audit must not keep a process alive; shutdown flushes explicitly.
    this.timer.unref();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.timerDueAt = Infinity;
  }

  private async pump(): Promise<void> {
    const delivered = await this.deliverOnce();
    if (this.pending.length === 0) return;
    if (!delivered) this.schedule(this.backoffMs());
    else if (this.pending.length >= this.policy.batchSize) this.schedule(0);
    else this.schedule(this.policy.flushIntervalMs);
  }

  /** Sends the oldest batch; true when it left the queue (delivered or dropped for good). */
  private deliverOnce(): Promise<boolean> {
    if (this.delivering) return this.delivering;
    if (this.pending.length === 0) return Promise.resolve(true);
    const batch = this.pending.splice(0, this.policy.batchSize);
    this.inFlight = batch.length;
    const attempt = this.deliver(batch).then(
      () => {
        this.consecutiveFailures = 0;
        this.stats.recordDelivered(this.sink, this.stream, batch.length);
        return true;
      },
      (error: unknown) => {
        if (error instanceof PermanentDeliveryError) {
          this.stats.recordDropped(this.sink, this.stream, batch.length, 'rejected');
          return true;
        }
        if (this.closed) {
          this.stats.recordDropped(this.sink, this.stream, batch.length, 'shutdown');
          return false;
        }
        this.consecutiveFailures += 1;
        this.pending.unshift(...batch);
        return false;
      },
    );
    this.delivering = attempt.finally(() => {
      this.inFlight = 0;
      this.delivering = null;
    });
    return this.delivering;
  }

  private backoffMs(): number {
    const exponent = Math.max(0, this.consecutiveFailures - 1);
    return Math.min(this.policy.maxRetryBackoffMs, this.policy.retryBackoffMs * 2 ** exponent);
  }
}

async function untilDeadline(deadline: number): Promise<'deadline'> {
  await sleep(Math.max(0, deadline - Date.now()), undefined, { ref: false });
  return 'deadline';
}
