import { TenantContextUnavailableError } from '../errors/tenant-context-unavailable.error';
import { existingTenantScope, requestTenantScope } from './tenant-context.scope';
import type { VerifiedTenant } from './verified-tenant.interface';

/** Records the guard's verdict on the request (Express `req` or Fastify `request`). */
export function attachVerifiedTenant(request: object, tenant: VerifiedTenant): void {
  // Kept in the request's tenant scope (the one TenantContext reads), keyed by the Node
  // request so middleware and guards find it on both adapters. If the guard runs
  // twice for one request (e.g. also bound with @UseGuards), the first verdict stays: it
  // came from the same Authorization header.
  requestTenantScope(request).fill(tenant);
}

/**
 * The tenant TenantGuard verified for this request, or undefined on a `@Public()` route
 * (or before the guard ran). Accepts the Express request, the Fastify request or the Node
 * request: guards, interceptors and middleware that run after TenantGuard
 * (authorization, throttling, audit) read the caller from here.
 */
export function readVerifiedTenant(request: object): VerifiedTenant | undefined {
  return existingTenantScope(request)?.tenant;
}

/** Like `readVerifiedTenant`, but a missing tenant is the caller's programming mistake. */
export function requireVerifiedTenant(request: object, what: string): VerifiedTenant {
  const tenant = readVerifiedTenant(request);
  if (tenant === undefined) {
    throw TenantContextUnavailableError.create(what);
  }
  return tenant;
}
