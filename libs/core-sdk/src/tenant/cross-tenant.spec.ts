import { createTenantIdParser } from './tenant-claim';
import { CrossTenantRefusedException, resolveTargetTenant } from './cross-tenant';
import type { TenantAdmission } from './tenant-admission.interface';
import type { VerifiedTenant } from './verified-tenant.interface';

const parseTenantId = createTenantIdParser(/^[a-z0-9][a-z0-9-]{0,62}$/);
/** acme accepts svc-billing; nobody else accepts anyone. */
const admission: TenantAdmission = {
  admits: () => true,
  acceptsCrossTenant: (target, home) => target === 'acme' && home === 'svc-billing',
};
const rules = { claim: 'coresdk_cross_tenant', parseTenantId, admission };

function caller(tenantId: string, claims: Record<string, unknown> = {}): VerifiedTenant {
  return { tenantId, subject: 'svc', claims: { tenant_id: tenantId, ...claims } };
}

describe('resolveTargetTenant', () => {
  it('returns the caller unchanged without the header, or when it names the caller', () => {
    const own = caller('globex');
    expect(resolveTargetTenant(undefined, own, rules)).toBe(own);
    expect(resolveTargetTenant('globex', own, rules)).toBe(own);
  });

  it('acts on the target, keeping the home tenant, when claim and opt-in agree', () => {
    const service = caller('svc-billing', { coresdk_cross_tenant: ['acme'] });
    const target = resolveTargetTenant('acme', service, rules);
    expect(target).toEqual({
      tenantId: 'acme',
      subject: 'svc',
      claims: service.claims,
      homeTenantId: 'svc-billing',
    });
    expect(Object.isFrozen(target)).toBe(true);
  });

  it.each([
    ['no claim', caller('svc-billing'), 'acme'],
    ['a claim as a string', caller('svc-billing', { coresdk_cross_tenant: 'acme' }), 'acme'],
    [
      'a claim with a non-string',
      caller('svc-billing', { coresdk_cross_tenant: ['acme', 1] }),
      'acme',
    ],
    [
      'a claim not listing the target',
      caller('svc-billing', { coresdk_cross_tenant: ['hooli'] }),
      'acme',
    ],
    [
      'a target that did not opt in',
      caller('svc-reports', { coresdk_cross_tenant: ['acme'] }),
      'acme',
    ],
    ['a malformed target', caller('svc-billing', { coresdk_cross_tenant: ['../x'] }), '../x'],
    ['a header array', caller('svc-billing', { coresdk_cross_tenant: ['acme'] }), ['acme']],
  ])('refuses %s', (_case, verified, header) => {
    expect(() => resolveTargetTenant(header, verified, rules)).toThrow(CrossTenantRefusedException);
  });

  it('refuses everything when no registry is available', () => {
    const service = caller('svc-billing', { coresdk_cross_tenant: ['acme'] });
    expect(() => resolveTargetTenant('acme', service, { ...rules, admission: undefined })).toThrow(
      CrossTenantRefusedException,
    );
  });
});
