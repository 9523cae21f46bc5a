import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { AuditRecord } from '../audit/audit-record.interface';
import type { AuditSink } from '../audit/audit-sink.interface';

/**
 * Injection token for the sinks of the cross-tenant stream (optional, `AuditSink[]`).
 * Without it the stream is written as JSON lines to the `CoreSdkCrossTenantAudit` logger.
 */
export const CROSS_TENANT_AUDIT_SINKS = Symbol('CrossTenantAuditSinks');

/**
 * Registered beside the ordinary audit sinks: passes on exactly the records marked
 * `cross_tenant` (one per cross-tenant request) to the cross-tenant stream, so the uses of
 * service tokens can be reviewed and retained apart from ordinary traffic.
 */
export class CrossTenantAuditSink implements AuditSink, OnApplicationShutdown {
  private readonly logger = new Logger('CoreSdkCrossTenantAudit');

  constructor(private readonly streamSinks: readonly AuditSink[] = []) {}

  write(record: AuditRecord): void {
    if (record.cross_tenant !== true) return;
    if (this.streamSinks.length === 0) {
      this.logger.log(JSON.stringify(record));
      return;
    }
    for (const sink of this.streamSinks) {
      try {
        sink.write(record);
      } catch {
        // One failing sink must not keep the record from the others.
      }
    }
  }

  async flush(): Promise<void> {
    await Promise.all(this.streamSinks.map((sink) => sink.flush?.()));
  }

  /** The stream's own sinks are not known to the audit sink host, so they flush here. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush().catch(() => undefined);
  }
}
