import type { AuditRecord } from './audit-record.interface';

/**
 * Where audit records go besides the request's OpenTelemetry span. `write` must not block or
 * throw: a sink buffers and reports its own losses.
 */
export interface AuditSink {
  write(record: AuditRecord): void;
  /** Flushes buffered records; called on graceful shutdown. */
  flush?(): Promise<void>;
}

/** Injection token for the list of extra audit sinks. */
export const AUDIT_SINKS = Symbol('AuditSinks');
