import type { AuditRecord } from '../audit-record.interface';

/** The stream of records that carry no tenant (authentication failed, public routes). */
export const UNAUTHENTICATED_STREAM = '_unauthenticated';

/**
 * Stream names end up in file names and URLs. Tenant ids were validated against the tenant
 * id pattern already, but that pattern is configurable, so sinks check this strict one too.
 */
const SAFE_STREAM_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The stream a record belongs to: its tenant, or `_unauthenticated`. */
export function auditStreamOf(record: AuditRecord): string {
  return record.tenant_id ?? UNAUTHENTICATED_STREAM;
}

export function isSafeStreamName(name: string): boolean {
  return SAFE_STREAM_NAME.test(name) && !name.includes('..');
}
