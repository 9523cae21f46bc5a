import { TenantContextUnavailableError } from '../errors/tenant-context-unavailable.error';
import { attachVerifiedTenant, readVerifiedTenant, requireVerifiedTenant } from './request-tenant';
import { requestTenantScope } from './tenant-context.scope';
import type { VerifiedTenant } from './verified-tenant.interface';

const tenant = (tenantId: string): VerifiedTenant => ({ tenantId, subject: null, claims: {} });

describe('request tenant', () => {
  it('stores the tenant on an Express-style request, hidden from enumeration', () => {
    const request = { headers: {} };
    attachVerifiedTenant(request, tenant('acme'));
    expect(readVerifiedTenant(request)?.tenantId).toBe('acme');
    expect(Object.keys(request)).toEqual(['headers']);
    // Not even a symbol property: nothing on the request can be found and replaced.
    expect(Object.getOwnPropertySymbols(request)).toEqual([]);
    expect(JSON.stringify(request)).toBe('{"headers":{}}');
  });

  it('shares the tenant between a Fastify request and its Node request', () => {
    const raw = { headers: {} };
    const fastifyRequest = { raw, headers: raw.headers };
    attachVerifiedTenant(fastifyRequest, tenant('globex'));
    expect(readVerifiedTenant(raw)?.tenantId).toBe('globex');
    expect(readVerifiedTenant(fastifyRequest)?.tenantId).toBe('globex');
  });

  it('keeps the first verdict and cannot be overwritten', () => {
    const request = {};
    attachVerifiedTenant(request, tenant('acme'));
    attachVerifiedTenant(request, tenant('globex'));
    expect(readVerifiedTenant(request)?.tenantId).toBe('acme');
  });

  it('keeps the tenant in a scope that takes it once and cannot be assigned', () => {
    const request = {};
    attachVerifiedTenant(request, tenant('acme'));
    const scope = requestTenantScope(request);
    scope.fill(tenant('globex'));
    expect(() => {
      (scope as { tenant: VerifiedTenant }).tenant = tenant('globex');
    }).toThrow(TypeError);
    expect(readVerifiedTenant(request)?.tenantId).toBe('acme');
  });

  it('ignores a client-controlled property of the same name', () => {
    const request = { 'CoreSdk.VerifiedTenant': tenant('globex') };
    expect(readVerifiedTenant(request)).toBeUndefined();
    expect(() => requireVerifiedTenant(request, '@Tenant()')).toThrow(
      TenantContextUnavailableError,
    );
  });
});
