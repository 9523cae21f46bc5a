import type { AuditRecord } from './audit-record.interface';
import { auditEventAttributes, auditSpanAttributes } from './audit-span-attributes';

const complete: AuditRecord = {
  timestamp: '2026-01-01T00:00:00.000Z',
  service: 'svc',
  tenant_id: 'acme',
  subject: 'alice',
  action: 'analytics:read',
  decision: 'allow',
  reason: 'policy_allow',
  policy: 'tenant:acme',
  fail_mode_applied: false,
  status: 200,
  method: 'GET',
  route: '/analytics',
  duration_ms: 1.5,
};

describe('audit span attributes', () => {
  it('carries every field of the record in the coresdk.audit event', () => {
    expect(auditEventAttributes(complete)).toEqual({ ...complete });
  });

  it('leaves null fields out (OpenTelemetry attributes cannot be null)', () => {
    const anonymous: AuditRecord = {
      ...complete,
      tenant_id: null,
      subject: null,
      action: null,
      policy: null,
      decision: 'deny',
      status: 401,
    };
    const event = auditEventAttributes(anonymous);
    expect(Object.keys(event).sort()).toEqual(
      Object.keys(complete)
        .filter((key) => !['tenant_id', 'subject', 'action', 'policy'].includes(key))
        .sort(),
    );
    const span = auditSpanAttributes(anonymous);
    for (const key of ['coresdk.tenant_id', 'enduser.id', 'coresdk.action', 'coresdk.policy']) {
      expect(span).not.toHaveProperty(key);
    }
  });

  it('names the span attributes as CoreSDK documents them', () => {
    expect(auditSpanAttributes(complete)).toEqual({
      'coresdk.tenant_id': 'acme',
      'coresdk.action': 'analytics:read',
      'coresdk.decision': 'allow',
      'coresdk.reason': 'policy_allow',
      'coresdk.policy': 'tenant:acme',
      'coresdk.fail_mode_applied': false,
      'enduser.id': 'alice',
      'http.route': '/analytics',
      'http.response.status_code': 200,
      'service.name': 'svc',
    });
  });
});
