import { TenantForbiddenException } from '../errors/tenant-forbidden.exception';
import type { TenantAdmission } from './tenant-admission.interface';
import type { TenantIdParser } from './tenant-claim';
import type { VerifiedTenant } from './verified-tenant.interface';

/** The only place a request may name another tenant: read only together with a signed claim. */
export const TARGET_TENANT_HEADER = 'x-coresdk-target-tenant';

/** A 403 identical on the wire to "tenant not allowed", audited as `cross_tenant_refused`. */
export class CrossTenantRefusedException extends TenantForbiddenException {}

export interface CrossTenantRules {
  /** The claim of a verified token that lists the tenants it may act on. */
  claim: string;
  parseTenantId: TenantIdParser;
  /** Absent when the registry is not available: then nothing is ever accepted. */
  admission: TenantAdmission | undefined;
}

/**
 * Turns the caller's verified tenant into the tenant the request acts on. Without the
 * target header that is the caller's own tenant. With it, the request is refused (403,
 * never silently served for the home tenant) unless all of these hold:
 *   - the header holds exactly one well-formed tenant id;
 *   - the SIGNED claim `rules.claim` is a list of strings that names that id;
 *   - the target tenant is active and opted into this home tenant (`accept_cross_tenant`).
 * Naming one's own tenant is a no-op. The result keeps the home tenant.
 */
export function resolveTargetTenant(
  headerValue: unknown,
  verified: VerifiedTenant,
  rules: CrossTenantRules,
): VerifiedTenant {
  if (headerValue === undefined) return verified;
  const target = typeof headerValue === 'string' ? rules.parseTenantId(headerValue) : null;
  if (target === null) throw new CrossTenantRefusedException();
  if (target === verified.tenantId) return verified;
  const listed = verified.claims[rules.claim];
  const allowed =
    Array.isArray(listed) &&
    listed.every((entry) => typeof entry === 'string') &&
    listed.includes(target);
  if (!allowed || !rules.admission?.acceptsCrossTenant(target, verified.tenantId)) {
    throw new CrossTenantRefusedException();
  }
  return Object.freeze({
    tenantId: target,
    subject: verified.subject,
    claims: verified.claims,
    homeTenantId: verified.tenantId,
  });
}
