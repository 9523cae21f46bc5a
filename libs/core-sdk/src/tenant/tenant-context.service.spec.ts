import { TenantContextUnavailableError } from '../errors/tenant-context-unavailable.error';
import { TenantContext } from './tenant-context.service';
import { tenantContextStorage } from './tenant-context.storage';

describe('TenantContext', () => {
  const context = new TenantContext();
  const acme = Object.freeze({
    tenantId: 'acme',
    subject: 'alice',
    claims: Object.freeze({ sub: 'alice' }),
  });

  it('reads the tenant of the surrounding scope, across awaits', async () => {
    await tenantContextStorage.run({ tenant: acme }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      expect(context.tenantId).toBe('acme');
      expect(context.subject).toBe('alice');
      expect(context.claims).toEqual({ sub: 'alice' });
      expect(context.current()).toBe(acme);
    });
  });

  it('treats a scope whose tenant was never verified like no scope', async () => {
    await tenantContextStorage.run({ tenant: undefined }, async () => {
      expect(() => context.tenantId).toThrow(TenantContextUnavailableError);
      expect(context.current()).toBeUndefined();
    });
  });

  it('throws a clear error outside any scope', () => {
    expect(() => context.tenantId).toThrow(TenantContextUnavailableError);
    expect(() => context.subject).toThrow(/TenantContext.subject was read outside/);
    expect(context.current()).toBeUndefined();
  });
});
