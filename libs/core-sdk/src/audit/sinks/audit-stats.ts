import { Injectable } from '@nestjs/common';
import { metrics, type Counter } from '@opentelemetry/api';

/** Why records were lost: every loss is counted under exactly one of these. */
export type AuditDropReason =
  /** The stream's queue was full (the sink has been slow or down for a while). */
  | 'queue_full'
  /** The destination refused the batch permanently (a 4xx other than 408/429). */
  | 'rejected'
  /** Shutdown's flush deadline passed before the records were delivered. */
  | 'shutdown'
  /** Written after the sink was closed. */
  | 'closed'
  /** The stream name (tenant id) was not safe to use as a file name. */
  | 'invalid_stream';

export interface AuditStreamCounts {
  delivered: number;
  dropped: number;
}

export interface AuditStatsSnapshot extends AuditStreamCounts {
  /** Per sink (`file`, `http`), per stream (tenant id or `_unauthenticated`). */
  sinks: Record<string, Record<string, AuditStreamCounts>>;
  droppedByReason: Partial<Record<AuditDropReason, number>>;
}

/**
 * Delivery and loss counters of the audit sinks, injectable so an application can expose
 * them (health endpoint, logs). Losses are also an OpenTelemetry counter,
 * `coresdk.audit.dropped`, with `sink`, `stream` and `reason` attributes.
 */
@Injectable()
export class AuditStats {
  private readonly streams = new Map<string, Map<string, AuditStreamCounts>>();
  private readonly reasons: Partial<Record<AuditDropReason, number>> = {};
  private deliveredTotal = 0;
  private droppedTotal = 0;
  private readonly droppedCounter: Counter = metrics
    .getMeter('coresdk')
    .createCounter('coresdk.audit.dropped', {
      description: 'Audit records lost by a sink (queue full, refused, or not flushed in time)',
    });

  /** Records lost so far, across sinks and streams. */
  get dropped(): number {
    return this.droppedTotal;
  }

  get delivered(): number {
    return this.deliveredTotal;
  }

  recordDelivered(sink: string, stream: string, count: number): void {
    this.countsOf(sink, stream).delivered += count;
    this.deliveredTotal += count;
  }

  recordDropped(sink: string, stream: string, count: number, reason: AuditDropReason): void {
    if (count <= 0) return;
    this.countsOf(sink, stream).dropped += count;
    this.droppedTotal += count;
    this.reasons[reason] = (this.reasons[reason] ?? 0) + count;
    this.droppedCounter.add(count, { sink, stream, reason });
  }

  snapshot(): AuditStatsSnapshot {
    const sinks: AuditStatsSnapshot['sinks'] = {};
    for (const [sink, streams] of this.streams) {
      sinks[sink] = {};
      for (const [stream, counts] of streams) sinks[sink][stream] = { ...counts };
    }
    return {
      delivered: this.deliveredTotal,
      dropped: this.droppedTotal,
      sinks,
      droppedByReason: { ...this.reasons },
    };
  }

  private countsOf(sink: string, stream: string): AuditStreamCounts {
    let streams = this.streams.get(sink);
    if (!streams) this.streams.set(sink, (streams = new Map()));
    let counts = streams.get(stream);
    if (!counts) streams.set(stream, (counts = { delivered: 0, dropped: 0 }));
    return counts;
  }
}
