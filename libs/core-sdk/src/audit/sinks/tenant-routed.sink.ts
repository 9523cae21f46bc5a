import type { AuditRecord } from '../audit-record.interface';
import type { AuditSink } from '../audit-sink.interface';
import type { AuditStats } from './audit-stats';
import { auditStreamOf, isSafeStreamName } from './audit-stream';
import { DeliveryQueue, type Deliver, type DeliveryPolicy } from './delivery-queue';

/**
 * A sink that keeps one delivery queue per tenant stream, so one tenant's records never
 * wait behind (or get dropped for) another tenant's destination being down.
 */
export abstract class TenantRoutedSink implements AuditSink {
  private readonly queues = new Map<string, DeliveryQueue>();

  protected constructor(
    /** `file`, `http`: the name under which stats count this sink. */
    readonly name: string,
    protected readonly policy: DeliveryPolicy & { shutdownTimeoutMs: number },
    protected readonly stats: AuditStats,
  ) {}

  /** The function that delivers one batch of `stream`'s records. */
  protected abstract deliverer(stream: string): Deliver;

  write(record: AuditRecord): void {
    const stream = auditStreamOf(record);
    if (!isSafeStreamName(stream)) {
      this.stats.recordDropped(this.name, 'invalid', 1, 'invalid_stream');
      return;
    }
    let queue = this.queues.get(stream);
    if (!queue) {
      queue = new DeliveryQueue(this.name, stream, this.deliverer(stream), this.policy, this.stats);
      this.queues.set(stream, queue);
    }
    queue.push(record);
  }

  /** Delivers what every stream holds, within `[audit].shutdown_timeout`. */
  async flush(): Promise<void> {
    const deadline = Date.now() + this.policy.shutdownTimeoutMs;
    await Promise.all([...this.queues.values()].map((queue) => queue.close(deadline)));
  }
}
