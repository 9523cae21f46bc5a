import type { Attributes } from '@opentelemetry/api';
import type { AuditRecord } from './audit-record.interface';

/** The span attributes CoreSDK promises (semantic-convention names where one exists). */
export function auditSpanAttributes(record: AuditRecord): Attributes {
  const attributes: Attributes = {
    'coresdk.decision': record.decision,
    'coresdk.reason': record.reason,
    'coresdk.fail_mode_applied': record.fail_mode_applied,
    'http.route': record.route,
    'http.response.status_code': record.status,
    'service.name': record.service,
  };
  if (record.tenant_id !== null) attributes['coresdk.tenant_id'] = record.tenant_id;
  if (record.action !== null) attributes['coresdk.action'] = record.action;
  if (record.policy !== null) attributes['coresdk.policy'] = record.policy;
  if (record.subject !== null) attributes['enduser.id'] = record.subject;
  return attributes;
}

/**
 * The whole record as event attributes; OTel attributes cannot be null, so nulls are left
 * out. Written field by field (no Object.entries) because it runs on every request.
 */
export function auditEventAttributes(record: AuditRecord): Attributes {
  const attributes: Attributes = {
    timestamp: record.timestamp,
    service: record.service,
    decision: record.decision,
    reason: record.reason,
    fail_mode_applied: record.fail_mode_applied,
    status: record.status,
    method: record.method,
    route: record.route,
    duration_ms: record.duration_ms,
  };
  if (record.tenant_id !== null) attributes.tenant_id = record.tenant_id;
  if (record.subject !== null) attributes.subject = record.subject;
  if (record.action !== null) attributes.action = record.action;
  if (record.policy !== null) attributes.policy = record.policy;
  return attributes;
}
