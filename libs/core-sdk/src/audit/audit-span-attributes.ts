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

/** The whole record as event attributes; OTel attributes cannot be null, so nulls are left out. */
export function auditEventAttributes(record: AuditRecord): Attributes {
  const attributes: Attributes = {};
  for (const [key, value] of Object.entries(record)) {
    if (value !== null) attributes[key] = value as string | number | boolean;
  }
  return attributes;
}
