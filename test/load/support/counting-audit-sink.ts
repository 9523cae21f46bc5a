import type { AuditRecord } from '@coresdk/core-sdk/audit/audit-record.interface';
import type { AuditSink } from '@coresdk/core-sdk/audit/audit-sink.interface';

/**
 * Keeps every audit record of one app instance. Two instances run in one Jest process, so a
 * global OpenTelemetry provider cannot tell them apart; a sink per instance can.
 */
export class CountingAuditSink implements AuditSink {
  readonly records: AuditRecord[] = [];

  write(record: AuditRecord): void {
    this.records.push(record);
  }
}
