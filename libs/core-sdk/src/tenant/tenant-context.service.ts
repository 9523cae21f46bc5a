import { Injectable } from '@nestjs/common';
import { TenantContextUnavailableError } from '../errors/tenant-context-unavailable.error';
import { tenantContextStorage } from './tenant-context.storage';
import type { TokenClaims, VerifiedTenant } from './verified-tenant.interface';

/**
 * The tenant of the request being handled, readable from any service without passing it
 * down. Reading it outside an authenticated request throws: there is deliberately no
 * default tenant to fall back on.
 */
@Injectable()
export class TenantContext {
  /** The verified tenant id of the current request. */
  get tenantId(): string {
    return this.require('TenantContext.tenantId').tenantId;
  }

  /** The verified (deep-frozen) token claims of the current request. */
  get claims(): TokenClaims {
    return this.require('TenantContext.claims').claims;
  }

  /** The `sub` claim of the current request's token, or null when it has none. */
  get subject(): string | null {
    return this.require('TenantContext.subject').subject;
  }

  /** The current tenant, or undefined outside an authenticated request. */
  current(): VerifiedTenant | undefined {
    return tenantContextStorage.getStore()?.tenant;
  }

  private require(what: string): VerifiedTenant {
    const tenant = tenantContextStorage.getStore()?.tenant;
    if (tenant === undefined) {
      throw TenantContextUnavailableError.create(what);
    }
    return tenant;
  }
}
