import type { RateLimitSection } from '../config/core-sdk-config.interface';
import { tenantBudget, tenantKey } from './tenant-rate-limit';

describe('tenantBudget', () => {
  const section = {
    limit: 100,
    ttlMs: 60_000,
    perTenant: { limit: 10, ttlMs: 1_000 },
    tenants: { 'acme-corp': { limit: 50, ttlMs: 5_000 } },
  } as unknown as RateLimitSection;

  it.each([
    [
      'a tenant with its own [[tenants]] rate_limit',
      'acme-corp',
      null,
      { limit: 50, ttlMs: 5_000 },
    ],
    ['any other tenant: the per-tenant default', 'globex', null, { limit: 10, ttlMs: 1_000 }],
    ['runtime limits win field by field', 'acme-corp', { requests: 2 }, { limit: 2, ttlMs: 5_000 }],
    ['runtime window alone', 'globex', { windowMs: 9_000 }, { limit: 10, ttlMs: 9_000 }],
    ['empty runtime limits change nothing', 'globex', {}, { limit: 10, ttlMs: 1_000 }],
  ])('%s', (_name, tenant, runtime, expected) => {
    expect(tenantBudget(section, tenant, runtime)).toEqual(expected);
  });

  it('falls back to the service-wide numbers when only runtime limits exist', () => {
    const none = { ...section, perTenant: null, tenants: {} } as unknown as RateLimitSection;
    expect(tenantBudget(none, 'globex')).toBeNull();
    expect(tenantBudget(none, 'globex', { requests: 3 })).toEqual({ limit: 3, ttlMs: 60_000 });
  });

  it('keeps tenant counters apart from the service-wide one', () => {
    expect(tenantKey('acme-corp')).toBe('tenant:acme-corp');
  });
});
