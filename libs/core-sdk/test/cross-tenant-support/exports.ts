// What the cross-tenant specs import from the package, plus the internal policy store token
// they spy on to see the exact policy input.
export { AUDIT_SINKS, CROSS_TENANT_AUDIT_SINKS, TenantRegistry } from '../../src';
export type { AuditRecord, AuditSink } from '../../src';
export { POLICY_STORE as POLICY_STORE_FOR_TESTS } from '../../src/authz/policy-store.provider';
